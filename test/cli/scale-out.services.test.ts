// The scale-out deployment end to end, with real engines: a PostgreSQL store, Elasticsearch
// search, a Neo4j lineage graph and Kafka events. `catalog serve --role api` takes writes over
// DataHub's REST API and publishes change logs; a separate `catalog consume` process indexes them;
// GraphQL on the API process reads search and lineage back; a proposal written to Kafka goes the
// same way through the consumer's MCP consumer; `catalog reindex` rebuilds both indexes.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { Client } from '@elastic/elasticsearch';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMcp, toWireMcp } from '../../model/mcp.js';
import { datasetUrn } from '../../model/urn.js';
import { KafkaEventBus } from '../../server/events/kafka-event-bus.js';
import { Neo4jLineageGraph } from '../../server/graph/neo4j/neo4j-lineage-graph.js';
import { ENGINES, requireEngine } from '../services/engines.js';
import { catalog, catalogAsync } from '../support/cli.js';
import { deleteTopicsWithPrefix } from '../services/kafka-support.js';

const run = `e2e_${process.pid}_${Date.now().toString(36)}`;
const database = `catalog_${run}`;
const storeUrl = ENGINES.postgres.url.replace(/\/[^/]*$/, `/${database}`);
const index = `catalog_${run}`;
const label = `E2E_${run}`;
const urls = {
  store: storeUrl,
  search: `${ENGINES.elasticsearch.url}?index=${index}`,
  graph: `${ENGINES.neo4j.url}?label=${label}`,
  events: `kafka://${ENGINES.kafka.url}?prefix=${run}_&group=${run}&partitions=2`,
};
const backendArgs = ['--store', urls.store, '--search', urls.search, '--graph', urls.graph];

const orders = datasetUrn('postgres', 'shop.public.orders');
const topic = datasetUrn('kafka', 'shop.public.orders');

function start(args: string[], ready: RegExp): { child: ChildProcessWithoutNullStreams; match: Promise<RegExpExecArray>; output: () => string } {
  const child = catalogAsync(args);
  let output = '';
  const match = new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const m = ready.exec(output);
      if (m) resolve(m);
    };
    child.stdout.on('data', (d) => ((output += String(d)), check()));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('exit', (code) => reject(new Error(`catalog ${args[0]} exited with ${code}:\n${output}`)));
  });
  return { child, match, output: () => output };
}

describe('scale-out: serve --role api + consume, on PostgreSQL, Elasticsearch, Neo4j and Kafka', () => {
  let api: ReturnType<typeof start>;
  let consumer: ReturnType<typeof start>;
  let baseUrl = '';

  beforeAll(async () => {
    for (const engine of ['postgres', 'elasticsearch', 'neo4j', 'kafka'] as const) await requireEngine(engine);
    const admin = new pg.Client({ connectionString: ENGINES.postgres.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    consumer = start(['consume', ...backendArgs, '--events', urls.events], /catalog consuming change logs/);
    await consumer.match;
    api = start(['serve', '--port', '0', '--no-auth', '--role', 'api', ...backendArgs, '--events', urls.events], /serving on (http:\/\/\S+)/);
    baseUrl = (await api.match)[1]!;
  });

  afterAll(async () => {
    const stopped = [api, consumer].filter(Boolean).map((p) => new Promise((resolve) => (p.child.exitCode !== null ? resolve(null) : (p.child.once('exit', resolve), p.child.kill('SIGTERM')))));
    await Promise.all(stopped);
    const es = new Client({ node: ENGINES.elasticsearch.url });
    await es.indices.delete({ index, ignore_unavailable: true }).catch(() => {});
    await es.close();
    const graph = await Neo4jLineageGraph.open({ url: ENGINES.neo4j.url, label }).catch(() => null);
    await graph?.drop();
    await graph?.close();
    const admin = new pg.Client({ connectionString: ENGINES.postgres.url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    await deleteTopicsWithPrefix(ENGINES.kafka.url, `${run}_`);
  });

  async function gql(query: string) {
    const res = await fetch(`${baseUrl}/api/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await res.json()) as { data?: any; errors?: unknown };
  }

  it('indexes what the API process took in, in the consumer process, and GraphQL reads it back from Elasticsearch and Neo4j', async () => {
    const proposals = [
      makeMcp(orders, 'datasetProperties', { name: 'orders', description: 'Customer orders', customProperties: {} }),
      makeMcp(topic, 'datasetProperties', { name: 'shop.public.orders', description: 'Order change events', customProperties: {} }),
      makeMcp(topic, 'upstreamLineage', { upstreams: [{ dataset: orders, type: 'COPY', auditStamp: { time: 0, actor: 'urn:li:corpuser:datahub' } }] }),
    ].map(toWireMcp);
    const res = await fetch(`${baseUrl}/aspects?action=ingestProposalBatch`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-RestLi-Protocol-Version': '2.0.0' }, body: JSON.stringify({ proposals }) });
    expect(res.status).toBe(200);

    // Wait for the consumer process's groups to commit everything the API process published.
    const bus = await KafkaEventBus.open({ brokers: [ENGINES.kafka.url], topicPrefix: `${run}_`, groupPrefix: run });
    try {
      await bus.waitForGroups([bus.groupId('search-indexer'), bus.groupId('lineage-graph')], 60_000);
    } finally {
      await bus.close();
    }

    const search = await gql(`{ searchAcrossEntities(input: { types: [DATASET], query: "orders", facets: ["platform"] }) {
      total searchResults { entity { urn } } facets { field aggregations { value count } } } }`);
    expect(search.errors).toBeUndefined();
    expect(search.data.searchAcrossEntities.searchResults.map((r: { entity: { urn: string } }) => r.entity.urn)).toEqual([orders, topic]);
    expect(search.data.searchAcrossEntities.facets[0].aggregations).toEqual(expect.arrayContaining([{ value: 'kafka', count: 1 }, { value: 'postgres', count: 1 }]));
    const lineage = await gql(`{ searchAcrossLineage(input: { urn: "${orders}", direction: DOWNSTREAM, maxHops: 3 }) { relationships { entity { urn } } } }`);
    expect(lineage.data.searchAcrossLineage.relationships.map((r: { entity: { urn: string } }) => r.entity.urn)).toEqual([topic]);

    // The store's database holds no embedded index: search and lineage live in the engines.
    const db = new pg.Client({ connectionString: storeUrl });
    await db.connect();
    const { rows } = await db.query("SELECT to_regclass('public.search_documents') AS search, to_regclass('public.graph_edge') AS graph");
    await db.end();
    expect(rows[0]).toEqual({ search: null, graph: null });
  });

  it('applies a proposal written to Kafka (MetadataChangeProposal_v1) in the consumer process, and it becomes searchable', async () => {
    const kafka = new Kafka({ brokers: [ENGINES.kafka.url], logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const tag = 'urn:li:tag:streamed';
    await producer.send({ topic: `${run}_MetadataChangeProposal_v1`, messages: [{ key: tag, value: JSON.stringify(toWireMcp(makeMcp(tag, 'tagProperties', { name: 'streamed', description: 'Came in through Kafka' }))) }] });
    await producer.disconnect();
    const bus = await KafkaEventBus.open({ brokers: [ENGINES.kafka.url], topicPrefix: `${run}_`, groupPrefix: run });
    let names: string[] = [];
    try {
      for (let i = 0; i < 60 && !names.includes('streamed'); i++) {
        await bus.waitForGroups([bus.groupId('search-indexer')], 60_000);
        const found = await gql('{ searchAcrossEntities(input: { types: [TAG], query: "streamed" }) { searchResults { entity { urn } } } }');
        names = (found.data?.searchAcrossEntities?.searchResults ?? []).map((r: { entity: { urn: string } }) => r.entity.urn.replace('urn:li:tag:', ''));
        if (!names.includes('streamed')) await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await bus.close();
    }
    expect(names).toEqual(['streamed']);
  });

  it('catalog reindex rebuilds Elasticsearch and Neo4j from the store', () => {
    const result = catalog(['reindex', ...backendArgs]);
    expect(result.stderr).toContain(`search ${ENGINES.elasticsearch.url}?index=${index}`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/search: 3 documents from 3 entities/);
    expect(result.stdout).toMatch(/lineage: 1 edges from 2 entities/);
  });

  it('refuses an unknown backend URL scheme in one line, naming the accepted ones', () => {
    const result = catalog(['reindex', '--store', 'pglite:memory', '--search', 'solr://localhost:8983']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unsupported search URL scheme "solr:"; use one of:/);
    expect(result.stderr).toContain('http://host:9200');
  });
});
