// The `kafka` source against the real Kafka broker and the real Apicurio Registry (Confluent API):
// topics with partitions, replication factor and configs, Avro key and value schemas under the
// three subject naming strategies, the value schema's history, consumer groups with their lag,
// internal topics left out, a malformed schema and a registry that is down reported while the
// topics are still ingested, and a broker that drops the connection mid-run.
import net from 'node:net';
import type { ISocketFactory } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunContext } from '../../ingest/api/plugin.js';
import { silentLogger } from '../../ingest/api/logger.js';
import { kafkaSourceConfigSchema } from '../../ingest/sources/kafka/config.js';
import { KafkaSource, kafkaTopicUrn } from '../../ingest/sources/kafka/source.js';
import { datasetUrn } from '../../model/urn.js';
import { requireEngine } from './engines.js';
import { kafkaClient } from './kafka-support.js';
import { closedPort } from './streaming/closed-port.js';
import { capture, CCOMPAT, registerCcompat, runId, servedCatalog, setCompatibility, type Aspect } from './streaming/harness.js';

const run = runId();
const BROKERS = '127.0.0.1:59092';
const t = (name: string) => `${name}.${run}`;
const kafka = kafkaClient(BROKERS, 'kafka-source-test');
const admin = kafka.admin();

// The seeds' pagila.sales.avro: an Avro int key (a named primitive) and the sales record value.
const key = { name: 'Key', type: 'int', doc: 'Schema for pagila.sales.avro Kafka topic key' };
const valueV1 = {
  name: 'Value', type: 'record', doc: 'Schema for pagila.sales.avro Kafka topic value', owner: 'gary@example.com', tags: ['sales'],
  fields: [
    { name: 'payment_id', type: 'int' }, { name: 'customer_id', type: 'int' }, { name: 'amount', type: 'float' },
    { name: 'payment_date', type: 'long', logicalType: 'timestamp-millis' },
    { name: 'city', type: ['string', 'null'] }, { name: 'country', type: 'string' },
  ],
};
const valueV2 = { ...valueV1, fields: [...valueV1.fields, { name: 'region', type: ['null', 'string'], default: null }] };
const event = { type: 'record', name: 'OrderPlaced', namespace: 'com.acme', fields: [{ name: 'order_id', type: 'string' }] };
const plain = { type: 'record', name: 'Plain', namespace: 'com.acme', fields: [{ name: 'x', type: 'string' }] };

const sales = t('pagila.sales.avro');
const recordNamed = t('orders.events');
const mapped = t('mapped');
const malformed = t('malformed');
const noSchema = t('no.schema');
const internal = `_internal.${run}`;
const topics = [sales, recordNamed, mapped, malformed, noSchema, internal];

const config = (extra: Record<string, unknown> = {}) => ({
  connection: { bootstrap: BROKERS, schema_registry_url: CCOMPAT },
  topic_patterns: { allow: [`.*${run}$`] },
  topic_subject_map: { [`${mapped}-value`]: 'com.acme.Plain' + run },
  consumer_group_pattern: { allow: [`.*${run}.*`] },
  meta_mapping: { owner: { match: '.*', operation: 'add_owner', config: { owner_type: 'user', owner_category: 'TECHNICAL_OWNER' } } },
  strip_user_ids_from_email: true,
  ...extra,
});

beforeAll(async () => {
  await requireEngine('kafka');
  await requireEngine('schema-registry');
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: topics.map((topic) => ({
      topic, numPartitions: topic === sales ? 3 : 1, replicationFactor: 1,
      configEntries: topic === sales ? [{ name: 'retention.ms', value: '86400000' }, { name: 'cleanup.policy', value: 'delete' }] : [],
    })),
  });
  await registerCcompat(`${sales}-key`, key);
  await setCompatibility(`${sales}-value`, 'BACKWARD');
  await registerCcompat(`${sales}-value`, valueV1);
  await registerCcompat(`${sales}-value`, valueV2);
  await registerCcompat(`${recordNamed}-com.acme.OrderPlaced`, event);
  await registerCcompat('com.acme.Plain' + run, plain);
  await registerCcompat(`${malformed}-value`, JSON.stringify({ type: 'record', name: 'M', fields: [{ name: 'a', type: 'nosuchtype' }] })).catch(async () => {
    // the ccompat API may validate; the native API never does
    const { createArtifactV3 } = await import('./streaming/harness.js');
    await createArtifactV3(`${malformed}-value`, 'AVRO', JSON.stringify({ type: 'record', name: 'M', fields: [{ name: 'a', type: 'nosuchtype' }] }));
  });
  // Five messages on partition 0 of the sales topic; a consumer group that committed offset 2.
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: sales, messages: [1, 2, 3, 4, 5].map((i) => ({ partition: 0, value: `m${i}` })) });
  await producer.disconnect();
  await admin.setOffsets({ groupId: `sales-enrichment-${run}`, topic: sales, partitions: [{ partition: 0, offset: '2' }] });
}, 120_000);

afterAll(async () => {
  await admin.deleteTopics({ topics }).catch(() => {});
  await admin.disconnect();
});

describe('the kafka source', () => {
  let got: Awaited<ReturnType<typeof capture>>;
  beforeAll(async () => {
    got = await capture('kafka', config());
  }, 120_000);
  const urn = (topic: string) => kafkaTopicUrn(topic, 'PROD');

  it('makes one dataset per topic, leaving internal topics out', () => {
    expect(got.urns()).toEqual([mapped, malformed, noSchema, recordNamed, sales].map(urn).sort());
    expect(got.aspect(urn(sales), 'subTypes')).toEqual({ typeNames: ['Topic'] });
    expect(urn(sales)).toBe(datasetUrn('kafka', sales, 'PROD'));
  });

  it('records partitions, replication factor, topic configs, subjects and the consumer group\'s lag', () => {
    expect(got.aspect(urn(sales), 'datasetProperties')).toMatchObject({
      name: sales,
      description: 'Schema for pagila.sales.avro Kafka topic value',
      customProperties: {
        Partitions: '3', 'Replication Factor': '1', 'retention.ms': '86400000', 'cleanup.policy': 'delete',
        'key.subject': `${sales}-key`, 'value.subject': `${sales}-value`, 'value.schema.version': '2', 'Schema Name': 'Value',
        'schema.compatibility': 'BACKWARD',
        'consumer.groups': `sales-enrichment-${run}`, [`consumer.group.sales-enrichment-${run}.lag`]: '3',
      },
    });
  });

  it('combines the key and value schemas, key fields first, with every value version oldest first', async () => {
    const versions = got.all(urn(sales), 'schemaMetadata');
    expect(versions).toHaveLength(2);
    const latest = versions[1]!;
    expect(latest.platformSchema['com.linkedin.schema.KafkaSchema']).toMatchObject({ documentSchemaType: 'AVRO', keySchemaType: 'AVRO' });
    // The key schema as the registry hands it back (Apicurio returns the named primitive as "int").
    const registered = (await (await fetch(`${CCOMPAT}/subjects/${sales}-key/versions/latest`)).json()) as { schema: string };
    expect(latest.platformSchema['com.linkedin.schema.KafkaSchema'].keySchema).toBe(registered.schema);
    expect(latest.fields.map((f: Aspect) => f.fieldPath)).toEqual([
      '[version=2.0].[key=True].[type=int]',
      '[version=2.0].[type=Value].[type=int].payment_id',
      '[version=2.0].[type=Value].[type=int].customer_id',
      '[version=2.0].[type=Value].[type=float].amount',
      '[version=2.0].[type=Value].[type=long].payment_date',
      '[version=2.0].[type=Value].[type=string].city',
      '[version=2.0].[type=Value].[type=string].country',
      '[version=2.0].[type=Value].[type=string].region',
    ]);
    expect(latest.fields[0]).toMatchObject({ isPartOfKey: true, nativeDataType: 'int' });
    expect(latest.fields.find((f: Aspect) => f.fieldPath.endsWith('payment_date')).type).toEqual({ type: { 'com.linkedin.schema.TimeType': {} } });
    expect(latest.fields.find((f: Aspect) => f.fieldPath.endsWith('.city')).nullable).toBe(true);
    expect(versions[0]!.fields).toHaveLength(7);
  });

  it('maps schema properties to tags and owners', () => {
    expect(got.aspect(urn(sales), 'globalTags')).toEqual({ tags: [{ tag: 'urn:li:tag:sales' }] });
    expect(got.aspect(urn(sales), 'ownership')!.owners).toEqual([{ owner: 'urn:li:corpuser:gary', type: 'TECHNICAL_OWNER', source: { type: 'SERVICE' } }]);
  });

  it('finds value schemas under TopicRecordNameStrategy and through topic_subject_map', () => {
    expect(got.aspect(urn(recordNamed), 'schemaMetadata')!.fields.map((f: Aspect) => f.fieldPath)).toEqual(['[version=2.0].[type=OrderPlaced].[type=string].order_id']);
    expect(got.aspect(urn(recordNamed), 'datasetProperties')!.customProperties['value.subject']).toBe(`${recordNamed}-com.acme.OrderPlaced`);
    expect(got.aspect(urn(mapped), 'schemaMetadata')!.fields.map((f: Aspect) => f.fieldPath)).toEqual(['[version=2.0].[type=Plain].[type=string].x']);
  });

  it('reports a malformed schema by topic, subject and version, and still ingests the topic', () => {
    const warnings = (got.result.sourceReport!.toJSON() as Aspect).warnings as Aspect[];
    const bad = warnings.find((w) => w.title === 'Malformed schema')!;
    expect(bad.context).toEqual([`${malformed}: ${malformed}-value version 1`]);
    expect(bad.message).toMatch(/invalid-avro: .*nosuchtype/);
    expect(got.aspect(urn(malformed), 'schemaMetadata')).toBeUndefined();
    expect(got.aspect(urn(malformed), 'datasetProperties')!.customProperties.Partitions).toBe('1');
    expect(got.aspect(urn(noSchema), 'schemaMetadata')).toBeUndefined();
    expect(got.result.failureCount).toBe(0);
  });
});

describe('the kafka source with a schema registry that is down', () => {
  it('reports it once and ingests every topic without schemas', async () => {
    const got = await capture('kafka', config({ connection: { bootstrap: BROKERS, schema_registry_url: `http://127.0.0.1:${await closedPort()}` } }));
    const report = got.result.sourceReport!.toJSON() as Aspect;
    expect(report.failures.map((f: Aspect) => f.title)).toEqual(['Schema registry unreachable']);
    expect(got.urns()).toHaveLength(5);
    expect(got.mcps.filter((m) => m.aspectName === 'schemaMetadata')).toHaveLength(0);
    expect(got.result.exitCode).toBe(1);
  }, 60_000);
});

describe('the kafka source when the broker drops the connection mid-run', () => {
  it('reports the topics whose configs it could not read and still ingests every topic', async () => {
    // Real sockets to the real broker; `cut()` destroys them and refuses new ones, as a broker
    // that went away would.
    const live = new Set<net.Socket>();
    let cut = false;
    const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
      const socket = net.connect({ host, port }, onConnect);
      if (cut) setImmediate(() => socket.destroy(new Error('connect ECONNREFUSED (broker went away)')));
      else live.add(socket);
      return socket;
    };
    const parsed = kafkaSourceConfigSchema.parse({
      ...config({ connection: { bootstrap: BROKERS, schema_registry_url: CCOMPAT, client_timeout_seconds: 5 } }),
      topic_batch_size: 1,
      include_consumer_groups: false,
    });
    const ctx: RunContext = { runId: 'drop', pipelineName: null, baseDir: process.cwd(), logger: silentLogger, catalog: null, registerSecret: () => {}, connectCatalog: null };
    const source = new KafkaSource(parsed, ctx, { socketFactory, retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 } });
    const props = new Map<string, Aspect>();
    for await (const wu of source.workunits()) {
      if (wu.mcp.aspectName !== 'datasetProperties') continue;
      props.set(wu.mcp.entityUrn, wu.mcp.aspect as Aspect);
      if (!cut) {
        cut = true;
        for (const s of live) s.destroy(new Error('read ECONNRESET (the broker dropped the connection)'));
      }
    }
    await source.close();
    const first = [malformed, mapped, noSchema, recordNamed, sales].map((x) => kafkaTopicUrn(x, 'PROD'));
    expect([...props.keys()]).toEqual(first);
    // Topics after the drop come from the metadata read before it, without their configs.
    expect(props.get(first[0]!)!.customProperties['cleanup.policy']).toBeDefined();
    expect(props.get(kafkaTopicUrn(sales, 'PROD'))!.customProperties).toMatchObject({ Partitions: '3', 'value.subject': `${sales}-value` });
    expect(props.get(kafkaTopicUrn(sales, 'PROD'))!.customProperties['retention.ms']).toBeUndefined();
    const report = source.report.toJSON() as Aspect;
    const lost = (report.warnings as Aspect[]).filter((w) => w.title === 'Broker connection lost');
    expect(lost.flatMap((w) => w.context)).toEqual(first.slice(1).map((u) => u.split(',')[1]));
    expect(lost.map((w) => w.message).join('\n')).toMatch(/ECONNRESET \(the broker dropped the connection\); the topic is ingested without its configs/);
  }, 120_000);
});

describe('topic schema history in the catalog', () => {
  it('shows the value subject\'s versions in the GraphQL timeline, and a re-run adds none', async () => {
    const served = await servedCatalog();
    try {
      expect((await served.ingest('kafka', config())).failureCount).toBe(0);
      expect((await served.ingest('kafka', config())).failureCount).toBe(0);
      const { schemaTimeline } = await served.gql(`{ schemaTimeline(urn: "${kafkaTopicUrn(sales, 'PROD')}") { version compatibility breaking changes { fieldPath change breaking } } }`);
      expect(schemaTimeline).toHaveLength(2);
      expect(schemaTimeline[1]).toEqual({
        version: 2, compatibility: 'BACKWARD', breaking: false,
        changes: [{ fieldPath: '[version=2.0].[type=Value].[type=string].region', change: 'ADDED', breaking: false }],
      });
    } finally {
      await served.close();
    }
  }, 120_000);
});
