import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMcp } from '../../../model/mcp.js';
import { datasetUrn } from '../../../model/urn.js';
import { createCatalog, type Catalog } from '../../../server/catalog.js';
import { listen, type RunningServer } from '../../../server/http.js';

// The seeds' MoMA flow: Postgres table -> Debezium topic -> S3 path -> Hudi table -> Glue table.
const table = datasetUrn('postgres', 'moma.public.artists');
const topic = datasetUrn('kafka', 'moma.public.artists');
const s3 = datasetUrn('s3', 'moma-bucket/raw/moma.public.artists');
const hudi = datasetUrn('hudi', 'moma-bucket/refined/artists');
const glue = datasetUrn('glue', 'moma.artists');
const upstream = (of: string, from: string) => makeMcp(of, 'upstreamLineage', { upstreams: [{ dataset: from, type: 'TRANSFORMED', auditStamp: { time: 0, actor: 'urn:li:corpuser:datahub' } }] });

let catalog: Catalog;
let server: RunningServer;
let reader = '';

beforeAll(async () => {
  catalog = await createCatalog({ store: 'pglite:memory', auth: true });
  reader = (await catalog.tokens.create({ name: 'rd', role: 'reader' })).token;
  await catalog.store.apply([upstream(topic, table), upstream(s3, topic), upstream(hudi, s3), upstream(glue, hudi)]);
  await catalog.store.apply([
    makeMcp(table, 'datasetProperties', { name: 'artists', description: 'MoMA artists and their nationality', customProperties: {} }),
    makeMcp(table, 'globalTags', { tags: [{ tag: 'urn:li:tag:pii' }] }),
    makeMcp(table, 'ownership', { owners: [{ owner: 'urn:li:corpuser:jdoe', type: 'DATAOWNER' }] }),
    makeMcp(topic, 'datasetProperties', { name: 'moma.public.artists', customProperties: {} }),
    makeMcp(datasetUrn('postgres', 'moma.public.artworks'), 'datasetProperties', { name: 'artworks', description: 'Works in the collection', customProperties: {} }),
  ]);
  server = await listen(catalog, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  await catalog.close();
});

async function gql(query: string) {
  const res = await fetch(`${server.url}/api/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${reader}` },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
}

describe('search over GraphQL', () => {
  it('finds datasets by name with facets, exact name first', async () => {
    const body = await gql(`{ searchAcrossEntities(input: { types: [DATASET], query: "artists", facets: ["platform"] }) {
      total searchResults { entity { urn name } } facets { field aggregations { value count } } } }`);
    expect(body.errors).toBeUndefined();
    const r = body.data.searchAcrossEntities;
    expect(r.searchResults[0].entity.urn).toBe(table);
    expect(r.facets[0].aggregations).toEqual(expect.arrayContaining([{ value: 'postgres', count: expect.any(Number) }]));
  });

  it('filters by tag', async () => {
    const body = await gql(`{ searchAcrossEntities(input: { query: "*", orFilters: [{ and: [{ field: "tags", values: ["urn:li:tag:pii"] }] }] }) { total searchResults { entity { urn } } } }`);
    expect(body.data.searchAcrossEntities.searchResults.map((h: { entity: { urn: string } }) => h.entity.urn)).toEqual([table]);
  });

  it('autocompletes names', async () => {
    const body = await gql('{ autoComplete(input: { query: "artw" }) { suggestions } }');
    expect(body.data.autoComplete.suggestions).toContain('artworks');
  });

  it('summarises the catalog for analytics', async () => {
    const body = await gql('{ analytics { totalDatasets datasetsByPlatform { value count } ownerCoverage descriptionCoverage } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.analytics.totalDatasets).toBeGreaterThanOrEqual(3);
    expect(body.data.analytics.ownerCoverage).toBeGreaterThan(0);
  });
});

describe('lineage over GraphQL', () => {
  it('walks Postgres table -> Kafka topic -> S3 -> Hudi -> Glue in one query', async () => {
    const body = await gql(`{ searchAcrossLineage(input: { urn: "${table}", direction: DOWNSTREAM, maxHops: 5 }) {
      total countsPerHop { degree count } relationships { entity { urn } degree } } }`);
    expect(body.errors).toBeUndefined();
    const r = body.data.searchAcrossLineage;
    expect(r.relationships.map((x: { entity: { urn: string }; degree: number }) => [x.degree, x.entity.urn])).toEqual([
      [1, topic], [2, s3], [3, hudi], [4, glue],
    ]);
    expect(r.countsPerHop).toEqual([1, 2, 3, 4].map((degree) => ({ degree, count: 1 })));
  });

  it('walks upstream with a platform filter', async () => {
    const body = await gql(`{ searchAcrossLineage(input: { urn: "${glue}", direction: UPSTREAM, maxHops: 5, platforms: ["postgres", "kafka"] }) { relationships { entity { urn } } } }`);
    expect(body.data.searchAcrossLineage.relationships.map((x: { entity: { urn: string } }) => x.entity.urn)).toEqual([topic, table]);
  });

  it('lists everything downstream of a dataset as its impact', async () => {
    const body = await gql(`{ impactAnalysis(urn: "${s3}") { total relationships { entity { urn } } } }`);
    expect(body.data.impactAnalysis.total).toBe(2);
  });
});
