// The time transformers stamp on the aspects they create (glossaryTerms.auditStamp, attribution).
// One module-level clock so tests can fix it and golden files stay stable.
let current: () => number = () => Date.now();

export function now(): number {
  return current();
}

/** Replaces the clock (tests); `resetClock()` restores the system time. */
export function setClock(fn: () => number): void {
  current = fn;
}

export function resetClock(): void {
  current = () => Date.now();
}
