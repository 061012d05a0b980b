import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog, type Catalog } from '../../../server/catalog.js';
import { tempDir } from '../../support/cli.js';

const dir = tempDir('catalog-web-');
let catalog: Catalog;

beforeAll(async () => {
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>catalog ui</title>');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  catalog = await createCatalog({ store: 'pglite:memory', auth: true, webDir: dir });
});
afterAll(() => catalog.close());

const get = (p: string) => catalog.app.request(p);

describe('the web UI at /', () => {
  it('serves index.html at / and at client routes, without a token', async () => {
    for (const p of ['/', '/search?q=users', '/dataset/urn%3Ali%3Adataset%3A(x)/schema', '/lineage/x', '/glossary', '/analytics', '/signin']) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(await res.text()).toContain('catalog ui');
    }
  });

  it('serves hashed assets with their type and a long cache life', async () => {
    const res = await get('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await get('/assets/missing.js')).status).toBe(401);
    expect((await get('/assets/..%2f..%2fetc%2fpasswd')).status).not.toBe(200);
  });

  it('leaves the APIs to themselves: they still need a token and answer in their own format', async () => {
    expect((await get('/config')).headers.get('content-type')).toContain('application/json');
    expect((await get('/aspects/urn%3Ali%3Atag%3Ax?aspect=tagProperties')).status).toBe(401);
    expect((await get('/api/graphql?query=%7Bme%7Busername%7D%7D')).status).toBe(401);
    expect((await get('/entities')).status).toBe(401);
  });

  it('says how to build the UI when it is not built', async () => {
    const bare = await createCatalog({ store: 'pglite:memory', auth: false, webDir: path.join(dir, 'nothing') });
    const res = await bare.app.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    await bare.close();
  });
});
