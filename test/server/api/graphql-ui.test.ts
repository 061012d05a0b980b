import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMcp } from '../../../model/mcp.js';
import { datasetUrn } from '../../../model/urn.js';
import { createCatalog, type Catalog } from '../../../server/catalog.js';
import { listen, type RunningServer } from '../../../server/http.js';

const users = datasetUrn('postgres', 'tickit.public.users', 'DEV');
const sales = datasetUrn('postgres', 'tickit.public.sales', 'DEV');

let catalog: Catalog;
let server: RunningServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  catalog = await createCatalog({ store: 'pglite:memory', auth: true, webDir: null });
  for (const role of ['reader', 'editor'] as const) tokens[role] = (await catalog.tokens.create({ name: role, role, actor: `urn:li:corpuser:${role}1` })).token;
  await catalog.store.apply([makeMcp(users, 'datasetProperties', { name: 'users', description: 'People', customProperties: {} })]);
  await new Promise((r) => setTimeout(r, 20));
  await catalog.store.apply([makeMcp(sales, 'datasetProperties', { name: 'sales', customProperties: {} })]);
  await catalog.store.apply([
    makeMcp('urn:li:dataHubIngestionSource:cli-1', 'dataHubIngestionSourceInfo', { name: '[CLI] tickit', type: 'postgres', config: { recipe: '{}' } }),
    makeMcp('urn:li:dataHubExecutionRequest:run-a', 'dataHubExecutionRequestInput', { task: 'RUN_INGEST', args: {}, executorId: 'x', source: { type: 'CLI_INGESTION_SOURCE', ingestionSource: 'urn:li:dataHubIngestionSource:cli-1' }, requestedAt: 1000 }),
    makeMcp('urn:li:dataHubExecutionRequest:run-a', 'dataHubExecutionRequestResult', { status: 'SUCCESS', startTimeMs: 1000, durationMs: 250 }),
    makeMcp('urn:li:dataHubExecutionRequest:run-b', 'dataHubExecutionRequestResult', { status: 'FAILURE', startTimeMs: 5000, durationMs: 10 }),
  ]);
  server = await listen(catalog, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  await catalog.close();
});

async function gql(query: string, role: 'reader' | 'editor' = 'reader') {
  const res = await fetch(`${server.url}/api/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens[role]}` },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
}

describe('GraphQL fields for the web UI', () => {
  it('tells a reader who they are and that they may not edit', async () => {
    const body = await gql('{ viewer { actor username role canEdit canManageTokens } }');
    expect(body.data.viewer).toEqual({ actor: 'urn:li:corpuser:reader1', username: 'reader1', role: 'reader', canEdit: false, canManageTokens: false });
  });

  it('tells an editor they may edit', async () => {
    const body = await gql('{ viewer { role canEdit } }', 'editor');
    expect(body.data.viewer).toEqual({ role: 'editor', canEdit: true });
  });

  it('lists recently changed datasets newest first, and follows an edit', async () => {
    let body = await gql('{ recentlyChanged(count: 5) { entity { urn name } changedAt } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.recentlyChanged.map((r: any) => r.entity.urn)).toEqual([sales, users]);
    expect(body.data.recentlyChanged[0].changedAt).toBeGreaterThan(Date.now() - 60_000);
    await gql(`mutation { addTag(input: { tagUrn: "urn:li:tag:pii", resourceUrn: "${users}" }) }`, 'editor');
    body = await gql('{ recentlyChanged(count: 1) { entity { urn } } }');
    expect(body.data.recentlyChanged.map((r: any) => r.entity.urn)).toEqual([users]);
  });

  it('lists ingestion runs with their outcome and source, newest first', async () => {
    const body = await gql('{ ingestionRuns { runId name sourceType status startTimeMs durationMs } }');
    expect(body.data.ingestionRuns).toEqual([
      { runId: 'run-b', name: null, sourceType: null, status: 'FAILURE', startTimeMs: 5000, durationMs: 10 },
      { runId: 'run-a', name: '[CLI] tickit', sourceType: 'postgres', status: 'SUCCESS', startTimeMs: 1000, durationMs: 250 },
    ]);
  });

  it('returns the dataset behind a search result in the same request', async () => {
    const body = await gql('{ searchAcrossEntities(input: { query: "users", types: [DATASET] }) { searchResults { entity { urn dataset { platform { name } properties { description } } } } } }');
    expect(body.data.searchAcrossEntities.searchResults[0].entity).toEqual({ urn: users, dataset: { platform: { name: 'postgres' }, properties: { description: 'People' } } });
  });
});
