// The search conformance suite on a real PostgreSQL server (pg_trgm from postgresql-contrib), for
// both embedded engines; the store and the index share one schema of this run's own. And what only
// a server allows: two processes' engines over one table, each seeing the other's changes.
import { MemorySearchEngine } from '../../../server/search/memory/memory-search-engine.js';
import { PgSearchEngine } from '../../../server/search/pg/pg-search-engine.js';
import type { SearchDocument } from '../../../server/search/document.js';
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

await withPostgresSchema('memory_search_test', (url, schema) => {
  runSearchSuite('MemorySearchEngine on the PostgreSQL server', async (bus) => {
    const store = await openStore(url, { bus, schema });
    return { store, engine: await MemorySearchEngine.open(store.driver, { schema }) };
  });

  it('picks up changes another process (a write-only ingesting one) wrote to the same table, removals included', async () => {
    const doc = (name: string): SearchDocument => ({
      urn: `urn:li:dataset:(urn:li:dataPlatform:postgres,crm.public.${name},PROD)`, entityType: 'dataset', name, qualifiedName: `crm.public.${name}`,
      description: null, platform: 'postgres', origin: 'PROD', removed: false, typeNames: [], tags: [], glossaryTerms: [], fieldPaths: [],
      fieldDescriptions: [], fieldTags: [], fieldGlossaryTerms: [], owners: [], domains: [], container: null,
    });
    const writerStore = await openStore(url, { schema });
    const readerStore = await openStore(url, { schema });
    // The writer is what `catalog ingest` opens on a server: it loads nothing and answers nothing.
    const writer = await MemorySearchEngine.open(writerStore.driver, { schema, writeOnly: true });
    const reader = await MemorySearchEngine.open(readerStore.driver, { schema, refreshIntervalMs: 50 });
    try {
      await writer.index([doc('accounts_ledger'), doc('accounts_archive')]);
      await expect.poll(async () => (await reader.search({ query: 'accounts', facets: [] })).hits.map((h) => h.name), { timeout: 5000 })
        .toEqual(['accounts_ledger', 'accounts_archive']);
      await expect(writer.search({ query: 'accounts' })).rejects.toThrow(/opened to write only/);
      await writer.remove([doc('accounts_archive').urn]);
      await expect.poll(async () => (await reader.search({ query: 'accounts', facets: [] })).hits.map((h) => h.name), { timeout: 5000 }).toEqual(['accounts_ledger']);
    } finally {
      await writer.close();
      await reader.close();
      await writerStore.close();
      await readerStore.close();
    }
  });
});
