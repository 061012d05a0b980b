// The lineage graph on a real PostgreSQL server, in the store's database: the conformance suite.
import { PgLineageGraph } from '../../../server/graph/pg/pg-lineage-graph.js';
import { openStore } from '../../../server/store/open.js';
import { expect, it } from 'vitest';
import { withPostgresSchema } from '../../support/postgres-server.js';
import { runLineageSuite } from './lineage-suite.js';

await withPostgresSchema('graph_test', (url, schema) => {
  it('keeps its tables in the run\'s own schema beside the store\'s', async () => {
    const store = await openStore(url, { schema });
    await PgLineageGraph.open(store.driver, { schema });
    const rows = await store.driver.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ($2, $3) ORDER BY table_name',
      [schema, 'graph_edge', 'metadata_aspect_v2'],
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(['graph_edge', 'metadata_aspect_v2'].sort());
    await store.close();
  });
  runLineageSuite('PostgreSQL server', async (bus) => {
    const store = await openStore(url, { bus, schema });
    return { store, graph: await PgLineageGraph.open(store.driver, { schema }) };
  });
});
