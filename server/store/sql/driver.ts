// The SQL seam under the store: the same statements run on PGlite (in-process) and on a
// PostgreSQL server through `pg`. Rows come back as plain objects; values are bound as
// parameters, never spliced into the text.

export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Runs `COPY <target> FROM STDIN` (pg) / `FROM '/dev/blob'` (PGlite) with `data` in COPY text
   * format (see copyField); returns the rows copied. Optional: executors without it get
   * the set-based INSERT instead.
   */
  copyFrom?(target: string, data: string): Promise<number>;
}

export interface SqlDriver extends SqlExecutor {
  /** `pglite` (embedded, one session) or `postgres` (a pool against a server). */
  readonly kind: 'pglite' | 'postgres';
  /** The directory holding an embedded database's files (null in memory; absent for a server). */
  readonly dataDir?: string | null;
  /** Runs `fn` inside BEGIN … COMMIT on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Quotes an identifier (schema, table) for PostgreSQL: `my"schema` -> `"my""schema"`. */
export function quoteIdent(name: string): string {
  if (name.length === 0 || name.length > 63 || name.includes('\u0000')) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return `"${name.replace(/"/g, '""')}"`;
}

/** The SQLSTATE of a driver error, if it carries one (both pg and PGlite set `code`). */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** serialization_failure, deadlock_detected, unique_violation: a concurrent writer won; try again. */
export function isWriteConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40001' || state === '40P01' || state === '23505';
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One field in COPY text format: `\N` for null, backslash, newline, CR and tab escaped. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : value;
}

/**
 * A JSON text as a COPY text field. JSON.stringify never emits a raw newline, CR or tab (they are
 * escaped inside strings), so only backslashes need doubling: a cheaper test than copyField's.
 */
export function copyJsonField(json: string): string {
  return json.indexOf('\\') === -1 ? json : json.replaceAll('\\', '\\\\');
}
