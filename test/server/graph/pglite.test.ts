// The lineage graph on PGlite, in the store's own database: the conformance suite, plus what only
// this implementation has (its own migration list, the node limit).
import { describe, expect, it } from 'vitest';
import { datasetUrn } from '../../../model/urn.js';
import { PgLineageGraph } from '../../../server/graph/pg/pg-lineage-graph.js';
import { openStore } from '../../../server/store/open.js';
import { runLineageSuite } from './lineage-suite.js';

runLineageSuite('PGlite in memory', async (bus) => {
  const store = await openStore('pglite:memory', { bus });
  return { store, graph: await PgLineageGraph.open(store.driver) };
});

describe('PgLineageGraph on PGlite', () => {
  it('keeps its migrations in graph_migrations, apart from the store, and applies them once', async () => {
    const store = await openStore('pglite:memory');
    try {
      await PgLineageGraph.open(store.driver);
      await PgLineageGraph.open(store.driver);
      expect(await store.driver.query('SELECT version FROM public.graph_migrations')).toEqual([{ version: 1 }]);
      expect(await store.driver.query('SELECT version FROM public.schema_migrations ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await store.close();
    }
  });

  it('stops a walk at the node limit and says the result is truncated', async () => {
    const store = await openStore('pglite:memory');
    try {
      const graph = await PgLineageGraph.open(store.driver, { nodeLimit: 5 });
      const hub = datasetUrn('postgres', 'hub.t');
      const edges = Array.from({ length: 20 }, (_, i) => ({ upstream: hub, downstream: datasetUrn('kafka', `hub.t${i}`), relationship: 'DownstreamOf' as const, fine: false }));
      for (const edge of edges) await graph.replaceEdges(edge.downstream, 'upstreamLineage', [edge]);
      expect(await graph.count()).toBe(20);
      const result = await graph.walk({ urn: hub, direction: 'DOWNSTREAM', maxHops: 3 });
      expect(result).toMatchObject({ total: 5, truncated: true });
      expect((await graph.impact(hub)).truncated).toBe(true);
    } finally {
      await store.close();
    }
  });
});
