// The search conformance suite on a real Elasticsearch 8 node (scripts/services up elasticsearch):
// the store in PGlite, the index in Elasticsearch, an index of this run's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@elastic/elasticsearch';
import { EsSearchEngine } from '../../../server/search/elasticsearch/es-search-engine.js';
import { openSearchEngine } from '../../../server/search/open.js';
import { openStore } from '../../../server/store/open.js';
import { requireEngine } from '../../services/engines.js';
import { runSearchSuite } from './search-suite.js';

const run = `${process.pid}_${Date.now().toString(36)}`;

runSearchSuite('EsSearchEngine on Elasticsearch 8', async (bus) => {
  const { url } = await requireEngine('elasticsearch');
  const store = await openStore('pglite:memory', { bus });
  const engine = await EsSearchEngine.open({ node: url, index: `catalog_test_search_${run}` });
  return { store, engine, dispose: () => engine.drop() };
});

describe('EsSearchEngine', () => {
  let client: Client;
  let url: string;
  beforeAll(async () => {
    url = (await requireEngine('elasticsearch')).url;
    client = new Client({ node: url });
  });
  afterAll(async () => {
    await client?.indices.delete({ index: [`catalog_test_open_${run}`, `catalog_test_open_${run}_old`], ignore_unavailable: true });
    await client?.close();
  });

  it('is chosen by an http:// search URL and creates its index with a strict mapping', async () => {
    const index = `catalog_test_open_${run}`;
    const engine = await openSearchEngine(`${url}?index=${index}`, { store: null });
    try {
      expect(engine).toBeInstanceOf(EsSearchEngine);
      const mapping = await client.indices.getMapping({ index });
      expect(mapping[index]!.mappings).toMatchObject({ dynamic: 'strict', _meta: { version: 1 } });
      expect(await engine.count()).toBe(0);
    } finally {
      await engine.close();
    }
  });

  it('refuses an index written by another mapping version, saying to reindex', async () => {
    const index = `catalog_test_open_${run}_old`;
    await client.indices.create({ index, mappings: { _meta: { version: 0 }, properties: { urn: { type: 'keyword' } } } });
    await expect(EsSearchEngine.open({ node: url, index })).rejects.toThrow(/mapping version 0.*catalog reindex/);
  });

  it('says how to start Elasticsearch when nothing answers at the URL', async () => {
    await expect(EsSearchEngine.open({ node: 'http://127.0.0.1:9', requestTimeoutMs: 2000 })).rejects.toThrow(
      /Elasticsearch at http:\/\/127\.0\.0\.1:9 does not answer.*scripts\/services up elasticsearch/,
    );
  });
});
