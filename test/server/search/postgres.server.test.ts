// The search conformance suite on a real PostgreSQL server (pg_trgm from postgresql-contrib); the
// store and the index share one schema of this run's own.
import { PgSearchEngine } from '../../../server/search/pg/pg-search-engine.js';
import { openStore } from '../../../server/store/open.js';
import { withPostgresSchema } from '../../support/postgres-server.js';
import { runSearchSuite } from './search-suite.js';

await withPostgresSchema('search_test', (url, schema) =>
  runSearchSuite('PgSearchEngine on the PostgreSQL server', async (bus) => {
    const store = await openStore(url, { bus, schema });
    return { store, engine: await PgSearchEngine.open(store.driver, { schema }) };
  }),
);
