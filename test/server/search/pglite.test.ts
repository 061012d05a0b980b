// The search conformance suite on PGlite in memory: the store and the index in one database.
import { expect, it } from 'vitest';
import { runSearchSuite } from './search-suite.js';
import { openStore } from '../../../server/store/open.js';
import { PgSearchEngine } from '../../../server/search/pg/pg-search-engine.js';

runSearchSuite('PgSearchEngine on PGlite', async (bus) => {
  const store = await openStore('pglite:memory', { bus });
  return { store, engine: await PgSearchEngine.open(store.driver) };
});

it('keeps its tables in the store\'s own PGlite database, empty before anything is indexed', async () => {
  const store = await openStore('pglite:memory');
  const engine = await PgSearchEngine.open(store.driver);
  const tables = await store.driver.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_name IN ('search_documents', 'metadata_aspect_v2') ORDER BY table_name",
  );
  expect(tables.map((t) => t.table_name)).toEqual(['metadata_aspect_v2', 'search_documents']);
  expect(await engine.count()).toBe(0);
  await engine.close();
  await store.close();
});
