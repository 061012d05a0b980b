// The lineage graph on a real PostgreSQL server, in the store's database: the conformance suite.
import { PgLineageGraph } from '../../../server/graph/pg/pg-lineage-graph.js';
import { openStore } from '../../../server/store/open.js';
import { withPostgresSchema } from '../../support/postgres-server.js';
import { runLineageSuite } from './lineage-suite.js';

await withPostgresSchema('graph_test', (url, schema) =>
  runLineageSuite('PostgreSQL server', async (bus) => {
    const store = await openStore(url, { bus, schema });
    return { store, graph: await PgLineageGraph.open(store.driver, { schema }) };
  }),
);
