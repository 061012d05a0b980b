// Keeps the search index derived from the store: every committed batch of change logs re-reads
// the entities it touched and re-indexes them (or removes them once the store no longer has
// them), in one search transaction per batch. `reindexAll` rebuilds the index from the store.
import type { MetadataChangeLog } from '../../model/mcp.js';
import { isTimeseriesAspect } from '../../model/aspects/registry.js';
import type { EventBus } from '../events/bus.js';
import type { MetadataStore } from '../store/store.js';
import { buildSearchDocument, SEARCHABLE_ENTITY_TYPES, type SearchDocument } from './document.js';
import type { SearchEngine } from './search-engine.js';

const SEARCHABLE = new Set<string>(SEARCHABLE_ENTITY_TYPES);

/** Re-indexes the given entities from the store's current state, as one engine transaction. */
export async function reindexEntities(store: MetadataStore, engine: SearchEngine, urns: Iterable<string>): Promise<void> {
  const index: SearchDocument[] = [];
  const remove: string[] = [];
  for (const urn of urns) {
    const aspects = await store.getEntity(urn);
    const doc = aspects ? buildSearchDocument(urn, aspects) : null;
    if (doc) index.push(doc);
    else remove.push(urn);
  }
  await engine.apply({ index, remove });
}

/** The entities a batch touched that the index cares about (timeseries points change nothing searched). */
export function touchedEntities(logs: readonly MetadataChangeLog[]): string[] {
  const urns = new Set<string>();
  for (const log of logs) {
    if (!SEARCHABLE.has(log.entityType)) continue;
    if (log.aspectName && isTimeseriesAspect(log.aspectName)) continue;
    urns.add(log.entityUrn);
  }
  return [...urns];
}

/** Subscribes the indexer to the bus; returns the unsubscribe function. */
export function subscribeSearchIndexer(bus: EventBus, store: MetadataStore, engine: SearchEngine): () => void {
  return bus.subscribe(
    async (logs) => {
      const urns = touchedEntities(logs);
      if (urns.length) await reindexEntities(store, engine, urns);
    },
    { name: 'search-indexer' },
  );
}

export interface ReindexReport {
  entities: number;
  indexed: number;
  millis: number;
}

/** Empties the index and rebuilds it from every searchable entity in the store (`catalog reindex`). */
export async function reindexAll(
  store: MetadataStore,
  engine: SearchEngine,
  options: { pageSize?: number; onProgress?: (indexed: number) => void } = {},
): Promise<ReindexReport> {
  const started = Date.now();
  const pageSize = options.pageSize ?? 500;
  await engine.reset();
  let entities = 0;
  for (const entityType of SEARCHABLE_ENTITY_TYPES) {
    for (let start = 0; ; start += pageSize) {
      const urns = await store.listUrns({ entityType, start, count: pageSize });
      if (!urns.length) break;
      await reindexEntities(store, engine, urns);
      entities += urns.length;
      options.onProgress?.(entities);
      if (urns.length < pageSize) break;
    }
  }
  return { entities, indexed: await engine.count(), millis: Date.now() - started };
}
