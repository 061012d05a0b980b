// Adapts the store to ingestion's CatalogConnection, so the `catalog` sink (and PATCH-semantics
// transformers, stateful ingestion) can write to and read from a store opened by URL.
import type { CatalogConnection } from '../ingest/api/catalog-client.js';
import { openStore } from './store/open.js';
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

export async function connectCatalog(url: string): Promise<CatalogConnection> {
  return storeConnection(await openStore(url));
}
