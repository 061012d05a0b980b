// What the search, graph and event URLs share: parsing, the "embedded" default, typed options
// read from the query string, and errors that list what is accepted. Each seam's open.ts reads
// its own URL with these.

export class BackendUrlError extends Error {
  override name = 'BackendUrlError';
}

/** A URL without its user information, for messages and logs (secrets never printed). */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//****@');
}

/** True when the URL asks for the embedded backend (in the store's database / in-process). */
export function isEmbedded(url: string | undefined): boolean {
  return url === undefined || url === '' || url === 'embedded';
}

export function parseBackendUrl(what: string, url: string, accepted: readonly string[]): URL {
  try {
    return new URL(url);
  } catch {
    throw new BackendUrlError(`${what} URL "${redactUrl(url)}" is not a URL; use one of:\n  ${accepted.join('\n  ')}`);
  }
}

/** Reads `?name=` as one of the choices; `fallback` when absent. */
export function choiceParam<T extends string>(url: URL, name: string, choices: readonly T[], fallback: T): T {
  const value = url.searchParams.get(name);
  if (value === null) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new BackendUrlError(`${redactUrl(url.href)}: ?${name}=${value} is not accepted; use one of ${choices.join(', ')}`);
  }
  return value as T;
}

/** Reads `?name=` as a whole number >= min; `fallback` when absent. */
export function intParam(url: URL, name: string, fallback: number, min = 1): number {
  const value = url.searchParams.get(name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new BackendUrlError(`${redactUrl(url.href)}: ?${name}=${value} must be a whole number >= ${min}`);
  return n;
}

/** Reads `?name=` as a name (letters, digits, `_`, `-`, `.`); `fallback` when absent. */
export function nameParam(url: URL, name: string, fallback: string): string {
  const value = url.searchParams.get(name);
  if (value === null) return fallback;
  if (!/^[A-Za-z0-9_.-]+$/.test(value)) throw new BackendUrlError(`${redactUrl(url.href)}: ?${name}=${value} may only hold letters, digits, "_", "-" and "."`);
  return value;
}

/** The URL without its query string (what the client library connects to). */
export function withoutQuery(url: URL): string {
  const copy = new URL(url.href);
  copy.search = '';
  return copy.href.replace(/\/$/, '');
}
