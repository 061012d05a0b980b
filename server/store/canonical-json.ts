// JSON with object keys sorted at every level: two values are the same aspect exactly when their
// canonical texts are equal, whatever order their keys were written (or stored by jsonb) in.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Whether two JSON values are the same value, whatever the order of object keys (as jsonb
 * compares). Keys holding `undefined` count as absent, as in JSON.stringify. Allocates nothing,
 * so comparing a batch of aspects against the stored ones stays cheap.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let countX = 0;
  for (const key in x) {
    const v = x[key];
    if (v === undefined) continue;
    countX++;
    if (!jsonEqual(v, y[key])) return false;
  }
  let countY = 0;
  for (const key in y) if (y[key] !== undefined) countY++;
  return countX === countY;
}
