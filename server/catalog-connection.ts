// Adapts the store to ingestion's CatalogConnection, so the `catalog` sink (and PATCH-semantics
// transformers, stateful ingestion) can write to and read from a store opened by URL.
import type { CatalogConnection } from '../ingest/api/catalog-client.js';
import { openBackends } from './catalog.js';
import { InProcessEventBus } from './events/bus.js';
import { subscribeLineageIndexer } from './graph/indexer.js';
import { subscribeSearchIndexer } from './search/indexer.js';
import type { MetadataStore } from './store/store.js';

export function storeConnection(store: MetadataStore, closeStore = true): CatalogConnection {
  return {
    reader: {
      getAspect: async (urn, aspectName) => (await store.getAspect(urn, aspectName))?.value ?? null,
      getTimeseries: async (urn, aspectName, options) => (await store.getTimeseries(urn, aspectName, options)).map((v) => v.value),
    },
    write: async (proposals) => {
      await store.apply(proposals);
    },
    close: async () => {
      if (closeStore) await store.close();
    },
  };
}

/**
 * The catalog a `catalog` sink names, with the backends this process's environment chooses
 * (CATALOG_SEARCH, CATALOG_GRAPH, CATALOG_EVENTS, as `catalog serve`). With in-process change
 * events (the embedded default) nobody else sees them, so the search and lineage indexers run
 * here, as in `catalog serve`: what a run ingested is searchable and walkable when it ends. With
 * Kafka events the change logs go to Kafka and `catalog consume` indexes them.
 */
export async function connectCatalog(url: string): Promise<CatalogConnection> {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const backends = await openBackends({ store: url, search: process.env.CATALOG_SEARCH, graph: process.env.CATALOG_GRAPH, events: process.env.CATALOG_EVENTS, log, searchWriteOnly: true });
  if (backends.bus instanceof InProcessEventBus) {
    subscribeLineageIndexer(backends.bus, backends.graph);
    subscribeSearchIndexer(backends.bus, backends.store, backends.search);
  }
  return { ...storeConnection(backends.store, false), close: () => backends.close() };
}
