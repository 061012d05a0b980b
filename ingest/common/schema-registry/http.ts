// The small HTTP helper the REST registries share: JSON or text bodies, basic auth or a bearer
// token, a timeout, and failures turned into RegistryErrors that name the URL without credentials.
import { RegistryError } from './registry.js';

export interface HttpAuth {
  /** `user:password` (Confluent's `basic.auth.user.info`). */
  basicAuth?: string | null;
  bearerToken?: string | null;
}

export interface HttpOptions extends HttpAuth {
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** The URL without user info, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

export class RegistryHttp {
  readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(base: string, private readonly options: HttpOptions = {}) {
    const u = new URL(base);
    const headers: Record<string, string> = { accept: 'application/json, application/vnd.schemaregistry.v1+json, */*', ...options.headers };
    const basic = options.basicAuth ?? (u.username ? `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}` : null);
    if (basic) headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    else if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
    u.username = '';
    u.password = '';
    this.base = u.toString().replace(/\/+$/, '');
    this.headers = headers;
  }

  private async request(path: string): Promise<{ status: number; text: string }> {
    const url = `${this.base}${path}`;
    let res: Response;
    try {
      res = await fetch(url, { headers: this.headers, signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new RegistryError('unreachable', `cannot reach the schema registry at ${safeUrl(url)}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
    }
    const text = await res.text();
    if (res.status === 404) throw new RegistryError('not-found', `${safeUrl(url)}: 404 ${text.slice(0, 200)}`, 404);
    if (res.status < 200 || res.status > 299) throw new RegistryError('http', `${safeUrl(url)}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status);
    return { status: res.status, text };
  }

  async text(path: string): Promise<string> {
    return (await this.request(path)).text;
  }

  async json<T>(path: string): Promise<T> {
    const { text } = await this.request(path);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new RegistryError('invalid', `${safeUrl(this.base + path)}: the registry answered with something that is not JSON: ${text.slice(0, 120)}`);
    }
  }

  /** Like json(), but null for a 404. */
  async jsonOrNull<T>(path: string): Promise<T | null> {
    try {
      return await this.json<T>(path);
    } catch (e) {
      if (e instanceof RegistryError && e.code === 'not-found') return null;
      throw e;
    }
  }
}
