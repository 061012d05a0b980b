// The search conformance suite on a real PostgreSQL server (pg_trgm from postgresql-contrib); the
// store and the index share one schema of this run's own.
import { PgSearchEngine } from '../../../server/search/pg/pg-search-engine.js';
import { openStore } from '../../../server/store/open.js';
import { expect, it } from 'vitest';
import { withPostgresSchema } from '../../support/postgres-server.js';
import { runSearchSuite } from './search-suite.js';

await withPostgresSchema('search_test', (url, schema) => {
  it('keeps its tables in the run\'s own schema beside the store\'s', async () => {
    const store = await openStore(url, { schema });
    await PgSearchEngine.open(store.driver, { schema });
    const rows = await store.driver.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ($2, $3) ORDER BY table_name',
      [schema, 'search_documents', 'metadata_aspect_v2'],
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(['search_documents', 'metadata_aspect_v2'].sort());
    await store.close();
  });
  runSearchSuite('PgSearchEngine on the PostgreSQL server', async (bus) => {
    const store = await openStore(url, { bus, schema });
    return { store, engine: await PgSearchEngine.open(store.driver, { schema }) };
  });
});
