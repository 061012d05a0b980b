// The composition root: builds the service from configuration URLs, top to bottom in one
// function: event bus -> store -> lineage graph -> search -> indexers -> services (auth around
// the same interfaces) -> HTTP app (REST + GraphQL). Every backend is chosen by its URL:
//   store   pglite:<dir> | pglite:memory | postgres://…            (server/store/open.ts)
//   search  embedded (PostgreSQL full text) | http://…:9200         (server/search/open.ts)
//   graph   embedded (edge table) | bolt://…:7687                   (server/graph/open.ts)
//   events  embedded (in-process) | kafka://…:9092                  (server/events/open.ts)
// `createIndexers` is the same root for a process that only indexes (`catalog consume`).
import type { Hono } from 'hono';
import { InProcessEventBus, type EventBus, type SubscriberFailure } from './events/bus.js';
import { openEventBus } from './events/open.js';
import type { ProposalConsumer } from './events/kafka-proposals.js';
import { createRestApp } from './api/rest/app.js';
import type { AuthEnv } from './api/rest/auth.js';
import { TokenService } from './auth/token-service.js';
import { MetadataService } from './services/metadata-service.js';
import { EditService } from './services/edit-service.js';
import { mountGraphQL } from './api/graphql/server.js';
import { openStore } from './store/open.js';
import { defaultWebDir, webUiMiddleware } from './api/web/web-ui.js';
import { subscribeLineageIndexer } from './graph/indexer.js';
import type { LineageGraph } from './graph/lineage-graph.js';
import { openLineageGraph } from './graph/open.js';
import type { MetadataStore } from './store/store.js';
import type { SqlMetadataStore } from './store/sql-store.js';
import { subscribeSearchIndexer } from './search/indexer.js';
import { openSearchEngine } from './search/open.js';
import type { SearchEngine } from './search/search-engine.js';
import { BackendUrlError } from './backend-url.js';

export interface BackendConfig {
  /** Store URL: `pglite:<dir>` (embedded) or `postgres://…`. */
  store: string;
  /** Search URL: `embedded` (default) or `http://host:9200` (Elasticsearch). */
  search?: string;
  /** Lineage graph URL: `embedded` (default) or `bolt://host:7687` (Neo4j). */
  graph?: string;
  /** Event bus URL: `embedded` (default, in-process) or `kafka://host:9092`. */
  events?: string;
  log?: (line: string) => void;
  /** This process only writes to search (`catalog ingest`), never queries it. */
  searchWriteOnly?: boolean;
}

export interface CatalogConfig extends BackendConfig {
  /** false only for local demos (`--no-auth`). */
  auth: boolean;
  maxBodyBytes?: number;
  /** The built web UI served at `/` (default dist/web); null serves none. */
  webDir?: string | null;
  /**
   * Run the search and lineage indexers in this process (default true). false needs Kafka events
   * and an indexer process elsewhere (`catalog consume`), else nothing would index.
   */
  indexers?: boolean;
}

export interface Catalog {
  store: MetadataStore;
  bus: EventBus;
  graph: LineageGraph;
  search: SearchEngine;
  metadata: MetadataService;
  tokens: TokenService;
  app: Hono<AuthEnv>;
  close(): Promise<void>;
}

export interface Backends {
  store: SqlMetadataStore;
  bus: EventBus;
  graph: LineageGraph;
  search: SearchEngine;
  close(): Promise<void>;
}

/** Opens bus, store, graph and search from their URLs; on a failure, closes what was opened. */
export async function openBackends(config: BackendConfig): Promise<Backends> {
  const opened: Partial<Omit<Backends, 'close'>> = {};
  // The store first (it flushes its last change logs to the bus), then the bus (consumers stop;
  // a batch cut short is redelivered later), then the derived indexes.
  const close = async () => {
    for (const part of [opened.store, opened.bus, opened.graph, opened.search]) await part?.close().catch(() => {});
  };
  try {
    const onSubscriberError = (f: SubscriberFailure) => config.log?.(`event subscriber "${f.subscriber}" failed: ${String((f.error as Error)?.message ?? f.error)}`);
    const bus = (opened.bus = await openEventBus(config.events, { onSubscriberError, log: config.log }));
    const store = (opened.store = await openStore(config.store, { bus }));
    const graph = (opened.graph = await openLineageGraph(config.graph, { store }));
    const search = (opened.search = await openSearchEngine(config.search, { store, writeOnly: config.searchWriteOnly }));
    return { store, bus, graph, search, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function createCatalog(config: CatalogConfig): Promise<Catalog> {
  const backends = await openBackends(config);
  const { store, bus, graph, search } = backends;
  if (config.indexers === false && bus instanceof InProcessEventBus) {
    await backends.close();
    throw new BackendUrlError('running without indexers needs Kafka events (an events URL kafka://…) and `catalog consume` running elsewhere');
  }
  if (config.indexers !== false) {
    subscribeLineageIndexer(bus, graph);
    subscribeSearchIndexer(bus, store, search);
  }
  const metadata = new MetadataService(store);
  const tokens = new TokenService(store);
  const app = createRestApp({ metadata, tokens: config.auth ? tokens : null, maxBodyBytes: config.maxBodyBytes, log: config.log,
    webUi: config.webDir === null ? undefined : webUiMiddleware(config.webDir ?? defaultWebDir()) });
  const stopGraphQL = await mountGraphQL(app, { metadata, edits: new EditService(store), search, graph });
  const close = async () => {
    await stopGraphQL();
    await backends.close();
  };
  return { store, bus, graph, search, metadata, tokens, app, close };
}

export interface IndexerProcess {
  store: MetadataStore;
  bus: EventBus;
  graph: LineageGraph;
  search: SearchEngine;
  close(): Promise<void>;
}

export type ConsumerRole = 'search' | 'graph' | 'proposals';

/**
 * A consumer-only process: change logs from Kafka into search and the lineage graph, and
 * MetadataChangeProposals from Kafka into the store (which publishes their change logs in turn).
 */
export async function createIndexers(config: BackendConfig & { only?: ConsumerRole }): Promise<IndexerProcess> {
  const backends = await openBackends(config);
  const { bus } = backends;
  const { KafkaEventBus } = await import('./events/kafka-event-bus.js');
  const { consumeProposals } = await import('./events/kafka-proposals.js');
  if (!(bus instanceof KafkaEventBus)) {
    await backends.close();
    throw new BackendUrlError('an indexer process reads change logs from Kafka; give an events URL (kafka://host:9092)');
  }
  const runs = (role: ConsumerRole) => config.only === undefined || config.only === role;
  if (runs('graph')) subscribeLineageIndexer(bus, backends.graph);
  if (runs('search')) subscribeSearchIndexer(bus, backends.store, backends.search);
  let proposals: ProposalConsumer | null = null;
  try {
    if (runs('proposals')) proposals = await consumeProposals({ ...bus.settings, log: config.log }, new MetadataService(backends.store));
  } catch (error) {
    await backends.close();
    throw error;
  }
  return { ...backends, close: async () => (await proposals?.close(), await backends.close()) };
}
