// Which backends a command uses: each from its flag, else its environment variable, else the
// embedded default. The same names in docker-compose.yml and docs/ARCHITECTURE.md.
//   --store  CATALOG_STORE   pglite:./.catalog/data | postgres://…
//   --search CATALOG_SEARCH  embedded | http://host:9200
//   --graph  CATALOG_GRAPH   embedded | bolt://host:7687
//   --events CATALOG_EVENTS  embedded | kafka://host:9092
import { DEFAULT_STORE_URL } from '../../ingest/sinks/catalog/config.js';
import { BackendUrlError, isEmbedded, redactUrl } from '../../server/backend-url.js';
import type { BackendConfig } from '../../server/catalog.js';
import { UsageError } from '../output.js';

export interface BackendOptions {
  store?: string;
  search?: string;
  graph?: string;
  events?: string;
}

export function backendConfig(opts: BackendOptions): Omit<BackendConfig, 'log'> {
  return {
    store: opts.store ?? process.env.CATALOG_STORE ?? DEFAULT_STORE_URL,
    search: opts.search ?? process.env.CATALOG_SEARCH,
    graph: opts.graph ?? process.env.CATALOG_GRAPH,
    events: opts.events ?? process.env.CATALOG_EVENTS,
  };
}

/** One line naming each backend (user information hidden). */
export function describeBackends(config: Omit<BackendConfig, 'log'>): string {
  const show = (url: string | undefined, embedded: string) => (isEmbedded(url) ? embedded : redactUrl(url!));
  return `store ${redactUrl(config.store)}, search ${show(config.search, 'embedded')}, graph ${show(config.graph, 'embedded')}, events ${show(config.events, 'in-process')}`;
}

/** A bad backend URL is a usage error (exit 2), said in one line. */
export async function usingBackends<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof BackendUrlError) throw new UsageError(error.message);
    throw error;
  }
}
