// Keeps the lineage graph up to date from the store's change logs, and rebuilds it from the store.
//   - a lineage aspect written (UPSERT, PATCH result, RESTATE): its edges replace the old ones;
//     deleted: its edges go.
//   - `status {removed: true}` (soft delete): the edges stay, the node is marked, and walks skip it
//     by default (neither returned nor crossed, as DataHub hides soft-deleted entities); writing
//     `removed: false` or deleting the status brings it back. Nothing is lost by a soft delete.
//   - hard delete: the store logs a DELETE for each of the entity's aspects, so the edges its
//     aspects implied go and its soft-delete mark is cleared. Edges that other entities' aspects
//     imply stay, as those aspects do: the graph is a function of the store, and a rebuild gives
//     the same graph (DataHub's removeNode also drops incoming edges, and its restore-indices
//     brings them back; we prefer one answer). The far end is then reported as never produced.
// One commit's logs become one graph transaction.
import type { AspectValue, MetadataChangeLog } from '../../model/mcp.js';
import type { EventBus } from '../events/bus.js';
import type { MetadataStore } from '../store/store.js';
import { edgesOf, isLineageAspect } from './edges.js';
import type { GraphChange, LineageGraph } from './lineage-graph.js';

/** The graph changes one batch of change logs implies, in log order. */
export function graphChangesOf(logs: readonly MetadataChangeLog[]): GraphChange[] {
  const changes: GraphChange[] = [];
  for (const log of logs) {
    const urn = log.entityUrn;
    const aspectName = log.aspectName;
    const deleted = log.changeType === 'DELETE';
    const value = deleted || Array.isArray(log.aspect) ? null : (log.aspect as AspectValue | undefined);
    if (isLineageAspect(aspectName)) {
      changes.push({ kind: 'replaceEdges', sourceUrn: urn, aspectName: aspectName!, edges: edgesOf(urn, aspectName!, value) });
    } else if (aspectName === 'status') {
      changes.push({ kind: 'setRemoved', urn, removed: value?.removed === true });
    }
  }
  return changes;
}

/** Subscribes the graph to the bus; returns the unsubscribe function. */
export function subscribeLineageIndexer(bus: EventBus, graph: LineageGraph): () => void {
  return bus.subscribe((logs) => graph.apply(graphChangesOf(logs)), { name: 'lineage-graph' });
}

export interface ReindexResult {
  entities: number;
  edges: number;
}

/** The entity types whose aspects imply lineage edges (and whose status walks need). */
const LINEAGE_ENTITY_TYPES = ['dataset', 'dataJob'] as const;

/** Rebuilds the graph from the store: reset, then every lineage aspect and status, in batches. */
export async function reindexAll(
  store: Pick<MetadataStore, 'listUrns' | 'getEntity'>,
  graph: LineageGraph,
  options: { batchSize?: number } = {},
): Promise<ReindexResult> {
  const batchSize = options.batchSize ?? 500;
  await graph.reset();
  let entities = 0;
  for (const entityType of LINEAGE_ENTITY_TYPES) {
    for (let start = 0; ; start += batchSize) {
      const urns = await store.listUrns({ entityType, start, count: batchSize });
      if (urns.length === 0) break;
      const changes: GraphChange[] = [];
      for (const urn of urns) {
        const aspects = await store.getEntity(urn);
        if (!aspects) continue;
        entities++;
        for (const [aspectName, value] of Object.entries(aspects)) {
          if (isLineageAspect(aspectName)) changes.push({ kind: 'replaceEdges', sourceUrn: urn, aspectName, edges: edgesOf(urn, aspectName, value) });
          else if (aspectName === 'status' && value.removed === true) changes.push({ kind: 'setRemoved', urn, removed: true });
        }
      }
      await graph.apply(changes);
      if (urns.length < batchSize) break;
    }
  }
  return { entities, edges: await graph.count() };
}
