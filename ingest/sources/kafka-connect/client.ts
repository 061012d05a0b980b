// The Kafka Connect REST API, read-only: every connector with its config, tasks and status in one
// request (`GET /connectors?expand=info&expand=status`, Connect 2.3+), falling back to one request
// per connector on older workers, and each connector's active topics (`/connectors/{name}/topics`,
// Connect 2.5+). Errors name the URL and say how to fix; credentials never appear in them.

export interface ConnectorManifest {
  name: string;
  /** `source` or `sink` (Connect says `unknown` when the plugin is missing). */
  type: string;
  config: Record<string, string>;
  tasks: Array<{ connector: string; task: number }>;
  /** RUNNING, PAUSED, FAILED, UNASSIGNED, ... or null when the status was not read. */
  state: string | null;
  taskStates: string[];
  /** First line of each failed task's trace, as Connect reports it. */
  taskErrors: string[];
  /** Active topics (read by sinks, written by sources), when the topics API answered. */
  topics: string[] | null;
}

export class ConnectApiError extends Error {
  override name = 'ConnectApiError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export interface ConnectClientOptions {
  uri: string;
  username: string | null;
  password: string | null;
  timeoutMs?: number;
}

type Json = Record<string, any>;

export class ConnectRestClient {
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;

  constructor(options: ConnectClientOptions) {
    this.base = options.uri.replace(/\/+$/, '');
    this.headers = { accept: 'application/json' };
    if (options.username) {
      this.headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;
    }
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  private async get(path: string): Promise<unknown> {
    const url = `${this.base}${path}`;
    let res: Response;
    try {
      res = await fetch(url, { headers: this.headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new ConnectApiError(
        `cannot reach Kafka Connect at ${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}; check connect_uri and that the worker is running`,
        null,
      );
    }
    const text = await res.text();
    if (!res.ok) {
      const hint = res.status === 401 || res.status === 403 ? '; check username and password' : '';
      let detail = text.slice(0, 200);
      try {
        detail = (JSON.parse(text) as Json).message ?? detail;
      } catch {
        /* not JSON */
      }
      throw new ConnectApiError(`GET ${url} answered ${res.status}: ${detail}${hint}`, res.status);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new ConnectApiError(`GET ${url} did not answer JSON (is connect_uri the Connect REST API?): ${text.slice(0, 100)}`, res.status);
    }
  }

  /** Every connector with config, tasks and status. `onError` hears about connectors that could not be read. */
  async connectors(onError: (name: string, error: Error) => void): Promise<ConnectorManifest[]> {
    const expanded = await this.get('/connectors?expand=info&expand=status');
    if (expanded && typeof expanded === 'object' && !Array.isArray(expanded)) {
      return Object.entries(expanded as Record<string, Json>).map(([name, entry]) => manifest(name, entry.info, entry.status));
    }
    if (!Array.isArray(expanded)) throw new ConnectApiError(`GET ${this.base}/connectors answered neither a list nor an object`, 200);
    // Workers before Connect 2.3 ignore `expand` and answer a list of names.
    const out: ConnectorManifest[] = [];
    for (const name of expanded.map(String)) {
      try {
        const info = (await this.get(`/connectors/${encodeURIComponent(name)}`)) as Json;
        const status = (await this.get(`/connectors/${encodeURIComponent(name)}/status`).catch(() => null)) as Json | null;
        out.push(manifest(name, info, status));
      } catch (e) {
        onError(name, e as Error);
      }
    }
    return out;
  }

  /** The connector's active topics (KIP-558), or null when the worker does not track them. */
  async topics(name: string): Promise<string[] | null> {
    try {
      const body = (await this.get(`/connectors/${encodeURIComponent(name)}/topics`)) as Json;
      const topics = body?.[name]?.topics;
      return Array.isArray(topics) ? topics.map(String) : null;
    } catch (e) {
      if (e instanceof ConnectApiError && (e.status === 404 || e.status === 403)) return null;
      throw e;
    }
  }
}

function manifest(name: string, info: Json | undefined, status: Json | null | undefined): ConnectorManifest {
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries((info?.config ?? {}) as Json)) config[k] = v === null || v === undefined ? '' : String(v);
  return {
    name,
    type: String(info?.type ?? status?.type ?? 'unknown').toLowerCase(),
    config,
    tasks: Array.isArray(info?.tasks) ? info.tasks : [],
    state: status?.connector?.state ?? null,
    taskStates: Array.isArray(status?.tasks) ? status.tasks.map((t: Json) => String(t.state)) : [],
    taskErrors: Array.isArray(status?.tasks)
      ? status.tasks.filter((t: Json) => t.state === 'FAILED').map((t: Json) => `task ${t.id}: ${String(t.trace ?? 'no trace').split('\n')[0]}`)
      : [],
    topics: null,
  };
}
