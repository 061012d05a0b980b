// Kafka ingestion throughput on the real engines: N topics (1 partition each) on the broker of
// scripts/services, each with an Avro value schema (and every 4th with an int key schema) in the
// real Apicurio Registry (Confluent API), then the `kafka` source run through the Pipeline API,
// first into a sink that only counts (the source's own speed), then into the embedded catalog
// (PGlite in memory: validation, store, search and lineage indexing). Topics and subjects are
// deleted at the end (the engines are shared).
//   npm run build && node dist/bench/kafka/run.js [--count N] [--brokers host:port] [--registry URL] [--keep]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import kafkajs from 'kafkajs';
import { z } from 'zod';
import { SinkReport } from '../../ingest/api/report.js';
import { Pipeline } from '../../ingest/pipeline/pipeline.js';
import { defaultRegistries, PluginRegistry } from '../../ingest/registry.js';
import { storeConnection } from '../../server/catalog-connection.js';
import { createCatalog } from '../../server/catalog.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5000' },
    brokers: { type: 'string', default: '127.0.0.1:59092' },
    registry: { type: 'string', default: 'http://127.0.0.1:58081/apis/ccompat/v7' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(values.count);
const run = Date.now().toString(36);
const prefix = `bench.kafka.${run}.`;
const topics = Array.from({ length: N }, (_, i) => `${prefix}t${String(i).padStart(5, '0')}`);
const kafka = new kafkajs.Kafka({ clientId: 'bench-kafka', brokers: [values.brokers!], logLevel: kafkajs.logLevel.NOTHING });
const admin = kafka.admin();

const valueSchema = (i: number) => ({
  type: 'record', name: 'Value', namespace: `bench.t${i}`, doc: `Value of topic ${i}`,
  fields: [
    { name: 'id', type: 'long' }, { name: 'name', type: ['null', 'string'], default: null }, { name: 'amount', type: 'double' },
    { name: 'created_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'address', type: { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }, { name: 'zip', type: ['null', 'string'], default: null }] } },
    { name: 'tags', type: { type: 'array', items: 'string' } },
  ],
});

async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function register(subject: string, schema: unknown): Promise<void> {
  const res = await fetch(`${values.registry}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  if (!res.ok) throw new Error(`register ${subject}: ${res.status} ${await res.text()}`);
}

function countingSink(counter: { records: number }) {
  return {
    type: 'count', description: 'counts work units (bench)', configSchema: z.strictObject({}),
    create: () => {
      const report = new SinkReport();
      return { report, write: async (batch: unknown[]) => void ((counter.records += batch.length), (report.recordsWritten += batch.length)), close: async () => {} };
    },
  };
}

const recipeConfig = {
  connection: { bootstrap: values.brokers, schema_registry_url: values.registry },
  topic_patterns: { allow: [`${prefix.replace(/\./g, '\\.')}.*`] },
  include_consumer_groups: false,
};

await admin.connect();
try {
  let t = performance.now();
  for (let i = 0; i < N; i += 250) {
    // waitForLeaders would ask for the new topics' metadata at once, which a busy broker answers
    // with UNKNOWN_TOPIC_OR_PARTITION; the source lists topics itself later.
    await admin.createTopics({ topics: topics.slice(i, i + 250).map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })), timeout: 120_000, waitForLeaders: false });
  }
  for (let tries = 0; ; tries++) {
    const listed = new Set(await admin.listTopics());
    if (topics.every((x) => listed.has(x))) break;
    if (tries > 300) throw new Error('the broker did not list every created topic within five minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
  console.log(`created ${N} topics in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  await pool(topics.map((topic, i) => ({ topic, i })), 8, async ({ topic, i }) => {
    await register(`${topic}-value`, valueSchema(i));
    if (i % 4 === 0) await register(`${topic}-key`, { type: 'int', name: 'Key' });
  });
  console.log(`registered ${N + Math.ceil(N / 4)} subjects in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // 1. The source alone, into a sink that only counts.
  const counter = { records: 0 };
  const registries = { ...defaultRegistries(), sinks: new PluginRegistry('sink', [countingSink(counter)]) };
  t = performance.now();
  const alone = await Pipeline.create({ source: { type: 'kafka', config: recipeConfig }, sink: { type: 'count' } }, { registries, baseDir: process.cwd() }).run();
  const sourceSeconds = (performance.now() - t) / 1000;
  const report = alone.sourceReport!.toJSON() as Record<string, any>;
  console.log(`source -> counting sink: ${report.topics_scanned} topics (${report.topics_with_schema} with schemas), ${counter.records} work units in ${sourceSeconds.toFixed(1)} s = ${(report.topics_scanned / sourceSeconds).toFixed(0)} topics/s; failures ${alone.failureCount}, warnings ${alone.warningCount}`);
  console.log(`  stages: ${JSON.stringify(report.stage_durations_seconds)}`);

  // 2. Into the embedded catalog.
  const catalog = await createCatalog({ store: 'pglite:memory', auth: false });
  t = performance.now();
  const stored = await Pipeline.create({ source: { type: 'kafka', config: recipeConfig }, sink: { type: 'catalog', config: { store: 'pglite:memory' } } }, {
    baseDir: process.cwd(), connectCatalog: async () => storeConnection(catalog.store, false),
  }).run();
  const storeSeconds = (performance.now() - t) / 1000;
  const scanned = (stored.sourceReport!.toJSON() as Record<string, any>).topics_scanned;
  console.log(`source -> catalog (PGlite in memory): ${scanned} topics in ${storeSeconds.toFixed(1)} s = ${(scanned / storeSeconds).toFixed(0)} topics/s; failures ${stored.failureCount}`);
  await catalog.close();
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} catch (e) {
  console.error(`bench failed: ${(e as Error).name}: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  if (!values.keep) {
    const t = performance.now();
    const existing = new Set(await admin.listTopics());
    const ours = topics.filter((t) => existing.has(t));
    for (let i = 0; i < ours.length; i += 250) await admin.deleteTopics({ topics: ours.slice(i, i + 250), timeout: 120_000 }).catch((e: Error) => console.error(`delete topics: ${e.message}`));
    const subjects = ((await (await fetch(`${values.registry}/subjects?offset=0&limit=1000000`)).json()) as string[]).filter((s) => s.startsWith(prefix));
    await pool(subjects, 8, async (s) => void (await fetch(`${values.registry}/subjects/${encodeURIComponent(s)}`, { method: 'DELETE' }).catch(() => {})));
    console.log(`cleaned up in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  await admin.disconnect();
}
