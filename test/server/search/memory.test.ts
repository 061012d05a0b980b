// The search conformance suite for the in-memory engine (the embedded default), its durable copy in
// the store's PGlite database, and what only it promises: a reopened engine loads what was indexed.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runSearchSuite } from './search-suite.js';
import { openStore } from '../../../server/store/open.js';
import { MemorySearchEngine } from '../../../server/search/memory/memory-search-engine.js';
import type { SearchDocument } from '../../../server/search/document.js';

runSearchSuite('MemorySearchEngine on PGlite', async (bus) => {
  const store = await openStore('pglite:memory', { bus });
  return { store, engine: await MemorySearchEngine.open(store.driver) };
});

const doc = (name: string, extra: Partial<SearchDocument> = {}): SearchDocument => ({
  urn: `urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.${name},PROD)`, entityType: 'dataset', name, qualifiedName: `shop.public.${name}`,
  description: null, platform: 'postgres', origin: 'PROD', removed: false, typeNames: ['Table'], tags: [], glossaryTerms: [], fieldPaths: [],
  fieldDescriptions: [], fieldTags: [], fieldGlossaryTerms: [], owners: [], domains: [], container: null, ...extra,
});

it('loads what was indexed when the data directory is opened again, from its snapshot and the changes after it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'memory-search-'));
  try {
    let store = await openStore(`pglite:${dir}`);
    let engine = await MemorySearchEngine.open(store.driver);
    await engine.index([doc('orders', { tags: ['urn:li:tag:gold'] }), doc('customers'), doc('payments')]);
    await engine.index([doc('orders', { tags: ['urn:li:tag:silver'], description: 'Every order placed' })]);
    await engine.remove([doc('payments').urn]);
    await engine.close();
    await store.close();

    const reopened = async (): Promise<{ loaded: MemorySearchEngine['loaded']; orders: unknown; payments: number; refunds: number }> => {
      store = await openStore(`pglite:${dir}`);
      engine = await MemorySearchEngine.open(store.driver);
      const r = await engine.search({ query: 'order', facets: ['tags'], explain: true });
      const result = {
        loaded: engine.loaded,
        orders: { count: await engine.count(), names: r.hits.map((h) => [h.name, h.explanation!.rule]), facets: r.facets },
        payments: (await engine.search({ query: 'payments' })).total,
        refunds: (await engine.search({ query: 'refunds' })).total,
      };
      return result;
    };
    const orders = { count: 2, names: [['orders', 'prefix']], facets: [{ field: 'tags', values: [{ value: 'urn:li:tag:silver', count: 1 }] }] };

    // Closing wrote a snapshot into the data directory; the next open reads it.
    expect(existsSync(join(dir, 'catalog-search-public.snapshot'))).toBe(true);
    expect(await reopened()).toMatchObject({ loaded: { from: 'snapshot', documents: 2, changesAfterSnapshot: 0 }, orders, payments: 0, refunds: 0 });

    // A process that dies before writing its snapshot: the next open applies the changes after it.
    await engine.index([doc('refunds')]);
    await engine.remove([doc('customers').urn]);
    await store.close();
    expect(await reopened()).toMatchObject({ loaded: { from: 'snapshot', documents: 2, changesAfterSnapshot: 2 }, payments: 0, refunds: 1 });
    await engine.close();
    await store.close();

    // A damaged snapshot is set aside: the index comes from the table, and is the same.
    writeFileSync(join(dir, 'catalog-search-public.snapshot'), 'CATSRCH1 not really');
    expect(await reopened()).toMatchObject({ loaded: { from: 'table', documents: 2 }, payments: 0, refunds: 1 });
    await engine.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('keeps answering the same after many replacements compact its memory', async () => {
  const store = await openStore('pglite:memory');
  const engine = await MemorySearchEngine.open(store.driver);
  const names = Array.from({ length: 300 }, (_, i) => `table_${i}`);
  for (let round = 0; round < 40; round++) await engine.index(names.map((n, i) => doc(n, { owners: [`urn:li:corpuser:u${(i + round) % 7}`] })));
  expect(await engine.count()).toBe(300);
  const r = await engine.search({ query: 'table', count: 3, facets: ['owners'], maxFacetValues: 1 });
  expect(r.total).toBe(300);
  expect(r.hits.map((h) => h.name)).toEqual(['table_0', 'table_1', 'table_2']);
  expect(r.facets[0]!.values).toHaveLength(1);
  expect(r.facets[0]!.values[0]!.count).toBe(43);
  expect((await engine.autocomplete('table_29')).map((s) => s.text)).toEqual(['table_29', ...Array.from({ length: 9 }, (_, i) => `table_29${i}`)]);
  await engine.close();
  await store.close();
});
