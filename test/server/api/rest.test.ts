import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pipeline } from '../../../ingest/pipeline/pipeline.js';
import { toWireMcp, makeMcp } from '../../../model/mcp.js';
import { datasetUrn } from '../../../model/urn.js';
import { createCatalog, type Catalog } from '../../../server/catalog.js';
import { listen, type RunningServer } from '../../../server/http.js';

const users = datasetUrn('postgres', 'tickit.public.users', 'DEV');
let catalog: Catalog;
let server: RunningServer;
const tokens: Record<'admin' | 'editor' | 'reader', string> = { admin: '', editor: '', reader: '' };

beforeAll(async () => {
  catalog = await createCatalog({ store: 'pglite:memory', auth: true, maxBodyBytes: 64 * 1024 });
  for (const role of ['admin', 'editor', 'reader'] as const) tokens[role] = (await catalog.tokens.create({ name: `${role}-bot`, role })).token;
  server = await listen(catalog, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  await catalog.close();
});

function call(method: string, path: string, body?: unknown, token?: string) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const batch = (urn: string, description: string) => ({
  proposals: [toWireMcp(makeMcp(urn, 'datasetProperties', { name: 'users', description, customProperties: {} }))],
  async: 'true',
});

describe("the DataHub-compatible REST API", () => {
  it('answers /config as the DataHub CLI expects, without a token', async () => {
    const res = await call('GET', '/config');
    expect(res.status).toBe(200);
    const cfg = (await res.json()) as Record<string, unknown>;
    expect(cfg.noCode).toBe('true');
    expect(cfg.statefulIngestionCapable).toBe(true);
    expect((cfg.versions as Record<string, { version: string }>)['acryldata/datahub']!.version).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it('refuses a write without a token with 401 and changes nothing', async () => {
    const res = await call('POST', '/aspects?action=ingestProposalBatch', batch(users, 'anonymous'));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toContain('missing API token');
    expect(await catalog.store.getAspect(users, 'datasetProperties')).toBeNull();
  });

  it('refuses a write by a reader with 403 and changes nothing', async () => {
    const res = await call('POST', '/aspects?action=ingestProposalBatch', batch(users, 'reader'), tokens.reader);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toContain('needs role editor');
    expect(await catalog.store.getAspect(users, 'datasetProperties')).toBeNull();
  });

  it('refuses an unknown token with 401', async () => {
    const res = await call('GET', `/aspects/${encodeURIComponent(users)}?aspect=datasetProperties`, undefined, 'cat_0123456789abcdef_notarealsecretnotarealsecret');
    expect(res.status).toBe(401);
  });

  it('ingests a batch from an editor and serves it back as DataHub does', async () => {
    const res = await call('POST', '/aspects?action=ingestProposalBatch', batch(users, 'Registered users'), tokens.editor);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ value: 'success' });
    const got = await call('GET', `/aspects/${encodeURIComponent(users)}?aspect=datasetProperties&version=0`, undefined, tokens.reader);
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ aspect: { 'com.linkedin.dataset.DatasetProperties': { description: 'Registered users' } }, version: 0 });
  });

  it('answers 404 for an aspect that is not there', async () => {
    const got = await call('GET', `/aspects/${encodeURIComponent(users)}?aspect=ownership&version=0`, undefined, tokens.reader);
    expect(got.status).toBe(404);
  });

  it('rejects an invalid aspect with 422 naming it, and writes nothing of the batch', async () => {
    const bad = { proposals: [...batch(datasetUrn('postgres', 'x.y.ok'), 'fine').proposals, toWireMcp(makeMcp(users, 'glossaryTermInfo', { name: 1 }))] };
    const res = await call('POST', '/aspects?action=ingestProposalBatch', bad, tokens.editor);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toContain('glossaryTermInfo');
    expect(await catalog.store.getAspect(datasetUrn('postgres', 'x.y.ok'), 'datasetProperties')).toBeNull();
  });

  it('answers 413 with a hint for a body over the limit', async () => {
    const res = await call('POST', '/aspects?action=ingestProposalBatch', batch(users, 'x'.repeat(100 * 1024)), tokens.editor);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toContain('max_per_batch');
  });

  it('refuses writes to token entities through the generic API', async () => {
    const res = await call('POST', '/aspects?action=ingestProposal', { proposal: toWireMcp(makeMcp('urn:li:dataHubAccessToken:0123456789abcdef', 'catalogAccessToken', { role: 'admin', hash: 'x' })) }, tokens.admin);
    expect(res.status).toBe(403);
  });

  it('accepts legacy MCE snapshots on /entities?action=ingest', async () => {
    const urn = datasetUrn('bigquery', 'downstream');
    const body = {
      entity: { value: { 'com.linkedin.metadata.snapshot.DatasetSnapshot': { urn, aspects: [{ 'com.linkedin.common.Status': { removed: false } }] } } },
    };
    expect((await call('POST', '/entities?action=ingest', body, tokens.editor)).status).toBe(200);
    expect((await catalog.store.getAspect(urn, 'status'))?.value).toEqual({ removed: false });
  });

  it('manages tokens for admins only', async () => {
    expect((await call('GET', '/api/tokens', undefined, tokens.editor)).status).toBe(403);
    const created = await call('POST', '/api/tokens', { name: 'ci', role: 'reader' }, tokens.admin);
    expect(created.status).toBe(201);
    const { token, info } = (await created.json()) as { token: string; info: { id: string } };
    expect((await call('GET', '/health', undefined, token)).status).toBe(200);
    expect((await call('DELETE', `/api/tokens/${info.id}`, undefined, tokens.admin)).status).toBe(200);
    const list = (await (await call('GET', '/api/tokens', undefined, tokens.admin)).json()) as { tokens: Array<Record<string, unknown>> };
    expect(list.tokens.every((t) => !('hash' in t))).toBe(true);
  });
});

describe('the datahub-rest sink against the server', () => {
  it('writes a recipe through REST into the server', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/rest-sink-`);
    const records = ['db.s.a', 'db.s.b'].map((t) => toWireMcp(makeMcp(datasetUrn('postgres', t), 'datasetProperties', { name: t, customProperties: {} })));
    writeFileSync(`${dir}/mcps.json`, JSON.stringify(records));
    const result = await Pipeline.create(
      { source: { type: 'file', config: { path: './mcps.json' } }, sink: { type: 'catalog-rest', config: { server: server.url, token: tokens.editor } } },
      { baseDir: dir },
    ).run();
    expect(result.exitCode, JSON.stringify(result.toJSON())).toBe(0);
    expect(result.sinkReport?.recordsWritten).toBe(4); // two datasetProperties, two statuses
    expect((await catalog.store.getAspect(datasetUrn('postgres', 'db.s.a'), 'datasetProperties'))?.value).toMatchObject({ name: 'db.s.a' });
    expect((await catalog.store.getAspect(datasetUrn('postgres', 'db.s.b'), 'status'))?.value).toEqual({ removed: false });
  });

  it('fails clearly at start when the server rejects the token', async () => {
    const p = Pipeline.create({ source: { type: 'file', config: { path: 'x.json' } }, sink: { type: 'datahub-rest', config: { server: server.url, token: 'cat_0123456789abcdef_wrongwrongwrongwrongwrong' } } });
    const result = await p.run();
    expect(result.exitCode).toBe(1);
    const report = JSON.stringify(result.toJSON());
    expect(report).toContain('sink datahub-rest failed');
    expect(report).toContain('the API token is unknown, revoked or expired');
    expect(report).not.toContain('wrongwrongwrong');
  });
});
