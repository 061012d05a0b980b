// Smoke test: a real Elasticsearch 8 node (scripts/services up elasticsearch) answers the official
// client, which only accepts responses carrying `X-Elastic-Product: Elasticsearch`.
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from './engines.js';

const index = `catalog-smoke-datasets-${process.pid}-${Date.now()}`;
let client: Client;

interface DatasetDoc {
  urn: string;
  name: string;
  platform: string;
  description: string;
  tags: string[];
  fields: string[];
  lastModified: string;
}

const datasets: DatasetDoc[] = [
  {
    urn: 'urn:li:dataset:(urn:li:dataPlatform:hive,tickit.sales,PROD)',
    name: 'tickit.sales',
    platform: 'hive',
    description: 'Ticket sales per event, one row per sale with commission and quantity',
    tags: ['urn:li:tag:pii', 'urn:li:tag:finance'],
    fields: ['salesid', 'listid', 'sellerid', 'buyerid', 'qtysold', 'pricepaid', 'commission'],
    lastModified: '2026-11-01T10:00:00Z',
  },
  {
    urn: 'urn:li:dataset:(urn:li:dataPlatform:kafka,tickit.events,PROD)',
    name: 'tickit.events',
    platform: 'kafka',
    description: 'Stream of event announcements: venue, category and start time',
    tags: ['urn:li:tag:streaming'],
    fields: ['eventid', 'venueid', 'catid', 'starttime'],
    lastModified: '2026-11-02T10:00:00Z',
  },
  {
    urn: 'urn:li:dataset:(urn:li:dataPlatform:s3,tickit/raw/sales,PROD)',
    name: 'tickit/raw/sales',
    platform: 's3',
    description: 'Raw sales files landed from the ticket shop',
    tags: [],
    fields: ['salesid', 'pricepaid'],
    lastModified: '2026-11-03T10:00:00Z',
  },
];

describe('elasticsearch (real node)', () => {
  beforeAll(async () => {
    const engine = await requireEngine('elasticsearch');
    client = new Client({ node: engine.url, requestTimeout: 30_000 });
  });

  afterAll(async () => {
    if (!client) return;
    await client.indices.delete({ index, ignore_unavailable: true });
    await client.close();
  });

  it('is an Elasticsearch 8 node in yellow or green health', async () => {
    // The client's product check runs on this response: a non-Elasticsearch server would throw here.
    const health = await client.cluster.health({ wait_for_status: 'yellow', timeout: '30s' });
    expect(['yellow', 'green']).toContain(health.status);
    const nodes = await client.nodes.info({ metric: ['settings'] });
    const versions = Object.values(nodes.nodes).map((n) => n.version);
    expect(versions.length).toBe(1);
    expect(versions[0]).toMatch(/^8\./);
  });

  it('indexes dataset documents with a mapping and finds them by a word and by a field filter', async () => {
    await client.indices.create({
      index,
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: {
        dynamic: 'strict',
        properties: {
          urn: { type: 'keyword' },
          name: { type: 'text', fields: { raw: { type: 'keyword' } } },
          platform: { type: 'keyword' },
          description: { type: 'text' },
          tags: { type: 'keyword' },
          fields: { type: 'keyword' },
          lastModified: { type: 'date' },
        },
      },
    });
    const mapping = await client.indices.getMapping({ index });
    expect(mapping[index]!.mappings.properties!.platform).toEqual({ type: 'keyword' });

    const bulk = await client.bulk<DatasetDoc>({
      operations: datasets.flatMap((d) => [{ index: { _index: index, _id: d.urn } }, d]),
    });
    expect(bulk.errors).toBe(false);
    await client.indices.refresh({ index });

    // Full text: analysed description, case-insensitive word.
    const byWord = await client.search<DatasetDoc>({ index, query: { match: { description: 'SALES' } } });
    expect(byWord.hits.hits.map((h) => h._id).sort()).toEqual([datasets[0]!.urn, datasets[2]!.urn].sort());

    // Field filter: exact keyword in a bool filter, combined with a word.
    const byField = await client.search<DatasetDoc>({
      index,
      query: { bool: { must: { match: { description: 'sales' } }, filter: [{ term: { platform: 's3' } }] } },
    });
    expect(byField.hits.hits.map((h) => h._source!.name)).toEqual(['tickit/raw/sales']);

    const byTag = await client.search<DatasetDoc>({ index, query: { term: { tags: 'urn:li:tag:pii' } } });
    expect(byTag.hits.hits.map((h) => h._id)).toEqual([datasets[0]!.urn]);

    // Aggregation over the keyword field, as a facet panel would ask.
    const facets = await client.search({
      index,
      size: 0,
      aggs: { platforms: { terms: { field: 'platform' } } },
    });
    const buckets = (facets.aggregations!.platforms as { buckets: { key: string; doc_count: number }[] }).buckets;
    expect(buckets.map((b) => b.key).sort()).toEqual(['hive', 'kafka', 's3']);

    // The strict mapping rejects an unknown field: the node really applies the mapping.
    await expect(client.index({ index, document: { urn: 'x', owner: 'nobody' } })).rejects.toThrow(
      /strict_dynamic_mapping_exception/,
    );
  });
});
