// The composition root: builds the service from configuration URLs, top to bottom in one
// function: store -> event bus -> services (auth around the same interfaces) -> HTTP app.
// Search, graph and the GraphQL API plug in here behind their own interfaces.
import type { Hono } from 'hono';
import { InProcessEventBus, type EventBus } from './events/bus.js';
import { createRestApp } from './api/rest/app.js';
import type { AuthEnv } from './api/rest/auth.js';
import { TokenService } from './auth/token-service.js';
import { MetadataService } from './services/metadata-service.js';
import { EditService } from './services/edit-service.js';
import { mountGraphQL } from './api/graphql/server.js';
import { openStore } from './store/open.js';
import { defaultWebDir, webUiMiddleware } from './api/web/web-ui.js'; // web UI
import { subscribeLineageIndexer } from './graph/indexer.js'; // lineage graph
import type { LineageGraph } from './graph/lineage-graph.js'; // lineage graph
import { PgLineageGraph } from './graph/pg/pg-lineage-graph.js'; // lineage graph
import type { MetadataStore } from './store/store.js';
import { subscribeSearchIndexer } from './search/indexer.js'; // search
import { PgSearchEngine } from './search/pg/pg-search-engine.js'; // search
import type { SearchEngine } from './search/search-engine.js'; // search

export interface CatalogConfig {
  /** Store URL: `pglite:<dir>` (embedded) or `postgres://…`. */
  store: string;
  /** false only for local demos (`--no-auth`). */
  auth: boolean;
  maxBodyBytes?: number;
  /** The built web UI served at `/` (default dist/web); null serves none. */
  webDir?: string | null;
  log?: (line: string) => void;
}

export interface Catalog {
  store: MetadataStore;
  bus: EventBus;
  graph: LineageGraph;
  search: SearchEngine; // search: derived index on the store's database
  metadata: MetadataService;
  tokens: TokenService;
  app: Hono<AuthEnv>;
  close(): Promise<void>;
}

export async function createCatalog(config: CatalogConfig): Promise<Catalog> {
  const bus = new InProcessEventBus({ onSubscriberError: (f) => config.log?.(`event subscriber failed: ${String(f.error)}`) });
  const store = await openStore(config.store, { bus });
  const graph = await PgLineageGraph.open(store.driver); // lineage graph: edge table in the store's database
  subscribeLineageIndexer(bus, graph); // lineage graph
  const search = await PgSearchEngine.open(store.driver); // search: tables of its own in the store's database
  subscribeSearchIndexer(bus, store, search); // search: re-index touched entities after each commit
  const metadata = new MetadataService(store);
  const tokens = new TokenService(store);
  const app = createRestApp({ metadata, tokens: config.auth ? tokens : null, maxBodyBytes: config.maxBodyBytes, log: config.log,
    webUi: config.webDir === null ? undefined : webUiMiddleware(config.webDir ?? defaultWebDir()) });
  const stopGraphQL = await mountGraphQL(app, { metadata, edits: new EditService(store), search, graph });
  const close = async () => {
    await stopGraphQL();
    await store.close();
  };
  return { store, bus, graph, search, metadata, tokens, app, close };
}
