// The lineage graph conformance suite on a real Neo4j 5 (scripts/services up neo4j): the store in
// PGlite, the graph in Neo4j under a label of this run's own.
import { describe, expect, it } from 'vitest';
import { datasetUrn } from '../../../model/urn.js';
import { Neo4jLineageGraph } from '../../../server/graph/neo4j/neo4j-lineage-graph.js';
import { openLineageGraph } from '../../../server/graph/open.js';
import { openStore } from '../../../server/store/open.js';
import { requireEngine } from '../../services/engines.js';
import { runLineageSuite } from './lineage-suite.js';

const run = `T${process.pid}_${Date.now().toString(36)}`;

runLineageSuite('Neo4j 5', async (bus) => {
  const { url } = await requireEngine('neo4j');
  const store = await openStore('pglite:memory', { bus });
  const graph = await Neo4jLineageGraph.open({ url, label: `Lineage_${run}` });
  return { store, graph, dispose: () => graph.drop() };
});

describe('Neo4jLineageGraph', () => {
  it('is chosen by a bolt:// graph URL and keeps edges as LINEAGE relationships between labelled nodes', async () => {
    const { url } = await requireEngine('neo4j');
    const label = `Lineage_${run}_open`;
    const graph = await openLineageGraph(`${url}?label=${label}`, { store: null });
    try {
      expect(graph).toBeInstanceOf(Neo4jLineageGraph);
      const up = datasetUrn('postgres', 'shop.public.orders');
      const down = datasetUrn('kafka', 'shop.public.orders');
      await graph.replaceEdges(down, 'upstreamLineage', [{ upstream: up, downstream: down, relationship: 'DownstreamOf', fine: false, lineageType: 'COPY' }]);
      expect(await graph.count()).toBe(1);
      expect((await graph.walk({ urn: up, direction: 'DOWNSTREAM' })).nodes).toMatchObject([{ urn: down, platform: 'kafka', lineageType: 'COPY' }]);
    } finally {
      await (graph as Neo4jLineageGraph).drop();
      await graph.close();
    }
  });

  it('stops a walk at the node limit and says the result is truncated', async () => {
    const { url } = await requireEngine('neo4j');
    const graph = await Neo4jLineageGraph.open({ url, label: `Lineage_${run}_limit`, nodeLimit: 5 });
    try {
      const hub = datasetUrn('postgres', 'hub.t');
      await graph.apply(Array.from({ length: 20 }, (_, i) => {
        const downstream = datasetUrn('kafka', `hub.t${i}`);
        return { kind: 'replaceEdges' as const, sourceUrn: downstream, aspectName: 'upstreamLineage', edges: [{ upstream: hub, downstream, relationship: 'DownstreamOf' as const, fine: false }] };
      }));
      expect(await graph.count()).toBe(20);
      expect(await graph.walk({ urn: hub, direction: 'DOWNSTREAM', maxHops: 3 })).toMatchObject({ total: 5, truncated: true });
    } finally {
      await graph.drop();
      await graph.close();
    }
  });

  it('says how to start Neo4j when nothing answers at the URL', async () => {
    await expect(Neo4jLineageGraph.open({ url: 'bolt://127.0.0.1:9' })).rejects.toThrow(/Neo4j at bolt:\/\/127\.0\.0\.1:9 does not answer.*scripts\/services up neo4j/);
  });
});
