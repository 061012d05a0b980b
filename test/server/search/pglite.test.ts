// The search conformance suite on PGlite in memory: the store and the index in one database.
import { runSearchSuite } from './search-suite.js';
import { openStore } from '../../../server/store/open.js';
import { PgSearchEngine } from '../../../server/search/pg/pg-search-engine.js';

runSearchSuite('PgSearchEngine on PGlite', async (bus) => {
  const store = await openStore('pglite:memory', { bus });
  return { store, engine: await PgSearchEngine.open(store.driver) };
});
