// The search conformance suite on a real PostgreSQL server (pg_trgm from postgresql-contrib).
// Needs CATALOG_TEST_POSTGRES_URL; without it (or without an answering server) the run fails and
// says how to start one. The store and the index share one schema of this run's own, dropped after.
import pg from 'pg';
import { afterAll, it } from 'vitest';
import { PgSearchEngine } from '../../../server/search/pg/pg-search-engine.js';
import { openStore } from '../../../server/store/open.js';
import { runSearchSuite } from './search-suite.js';

const url = process.env.CATALOG_TEST_POSTGRES_URL;
const HOW_TO_START =
  'start one with `scripts/services up postgres` and run with ' +
  'CATALOG_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:55432/catalog_test npm run test:server';

async function probe(): Promise<string | null> {
  if (!url) return `CATALOG_TEST_POSTGRES_URL is not set: these tests need a PostgreSQL server; ${HOW_TO_START}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `the PostgreSQL server at ${url.replace(/\/\/[^@/]*@/, '//****@')} does not answer (${(error as Error).message}); ${HOW_TO_START}`;
  } finally {
    await client.end().catch(() => {});
  }
}

const problem = await probe();
const schema = `search_test_${process.pid}_${Date.now()}`;

if (problem) {
  it('needs a PostgreSQL server', () => {
    throw new Error(problem);
  });
} else {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  runSearchSuite('PgSearchEngine on the PostgreSQL server', async (bus) => {
    const store = await openStore(url!, { bus, schema });
    return { store, engine: await PgSearchEngine.open(store.driver, { schema }) };
  });
}
