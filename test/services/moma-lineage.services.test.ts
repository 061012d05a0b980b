// End to end on the real engines (scripts/services up postgres kafka kafka-connect schema-registry
// moto): the seeds' MoMA flow (seeds-streaming.md §7 Flow B) cataloged by six source runs into one
// catalog, and walked by one GraphQL lineage query
//   Postgres table -> Debezium job -> Kafka topic -> S3 sink job -> S3 topic folder -> Hudi table -> Glue table.
//
// - postgres: a fresh MoMA database (`artists`, `artworks`, one row each);
// - the seeds' Debezium connector (A), topic prefix `moma`, runs for real on the Connect worker and
//   snapshots the tables into `moma.public.artists` / `moma.public.artworks`. The worker runs the
//   JSON converter (no Apicurio converter on Maven Central), so the topics' key and value schemas
//   are registered in Apicurio under TopicNameStrategy, as the seeds' AvroConverter would have;
// - kafka: the two topics with their registry schemas;
// - hudi: the committed Spark-written CoW table test/fixtures/hudi-lineage/moma/artworks_cow,
//   uploaded to moto S3. Its DeltaStreamer DFS root is the seeds' S3 sink folder
//   `s3://your-data-lake-bucket/topics/moma.public.artworks/partition=0/`, and its hive sync names
//   `moma_cow.artworks`; the topic and sink bucket here are chosen to meet that fixture;
//   The MoR fixture moma/artists_mor (DeltaStreamer Kafka checkpoint `moma.public.artists,...`,
//   hoodie.database.name moma_mor) goes up beside it, for the artists branch Kafka -> Hudi;
// - glue: `moma_cow.artworks` and `moma_mor.artists_ro` / `_rt` created in moto at the Hudi tables'
//   base paths, as hive sync does;
// - kafka-connect: the real worker (the Debezium connector), then the seeds' S3 sink (B), served by
//   a replay of Connect's REST answer because no S3 sink connector installs from Maven Central
//   (see test/ingest/sources/kafka-connect/kafka-connect.services.test.ts). Its bucket placeholder
//   `<your_data_lake_bucket>` is written as `your-data-lake-bucket`, the name the fixture's DFS root uses.
import pg from 'pg';
import { readdir, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CreateDatabaseCommand, CreateTableCommand, DeleteDatabaseCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRest, waitFor } from './connect-support.js';
import { Pipeline } from '../../ingest/pipeline/pipeline.js';
import type { PipelineResult } from '../../ingest/pipeline/result.js';
import { storeConnection } from '../../server/catalog-connection.js';
import { createCatalog, type Catalog } from '../../server/catalog.js';
import { listen, type RunningServer } from '../../server/http.js';
import { ENGINES, requireEngine } from './engines.js';
import { kafkaClient, runId } from './kafka-support.js';
import { CCOMPAT, registerCcompat } from './streaming/harness.js';
import { replay, type Replay } from '../ingest/sources/kafka-connect/harness.js';

const id = runId();
const database = `moma_${id}`;
const prefix = 'moma'; // the seeds' database.server.name: the Hudi fixture's DFS root names moma.public.artworks
const connector = `source_connector_moma_postgres_kafka_${id}`;
const sinkName = `sink_connector_moma_kafka_s3_${id}`;
const slot = `dbz_${id}`;
const publication = `dbz_${id}_pub`;
const tables = ['artists', 'artworks'];
const topics = tables.map((t) => `${prefix}.public.${t}`);
const bucket = `moma-lake-${id}`;
const glueDb = 'moma_cow'; // hoodie.datasource.hive_sync.database of the fixture
const morDb = 'moma_mor'; // hoodie.database.name of the artists_mor fixture
const connect = ENGINES['kafka-connect'].url;
const seedSink = JSON.parse(readFileSync(path.resolve('test/ingest/sources/kafka-connect/fixtures/seed-connectors.json'), 'utf8')).connectors.B.config as Record<string, unknown>;
const aws = { aws_region: 'us-east-1', aws_access_key_id: 'testing', aws_secret_access_key: 'testing' };

const flow = `urn:li:dataFlow:(kafka-connect,${connector},PROD)`;
const sinkFlow = `urn:li:dataFlow:(kafka-connect,${sinkName},PROD)`;
const pgTable = `urn:li:dataset:(urn:li:dataPlatform:postgres,${database}.public.artworks,PROD)`;
const debeziumJob = `urn:li:dataJob:(${flow},${database}.public.artworks)`;
const topic = 'urn:li:dataset:(urn:li:dataPlatform:kafka,moma.public.artworks,PROD)';
const sinkJob = `urn:li:dataJob:(${sinkFlow},moma.public.artworks)`;
const s3Folder = 'urn:li:dataset:(urn:li:dataPlatform:s3,your-data-lake-bucket/topics/moma.public.artworks,PROD)';
const hudiTable = `urn:li:dataset:(urn:li:dataPlatform:hudi,${bucket}/moma/artworks_cow,PROD)`;
const glueTable = `urn:li:dataset:(urn:li:dataPlatform:glue,${glueDb}.artworks,PROD)`;

// The Avro schemas the seeds' AvroConverter registers for the unwrapped MoMA records.
const meta = [
  { name: '__op', type: ['null', 'string'], default: null }, { name: '__db', type: ['null', 'string'], default: null },
  { name: '__table', type: ['null', 'string'], default: null }, { name: '__schema', type: ['null', 'string'], default: null },
  { name: '__lsn', type: ['null', 'long'], default: null }, { name: '__source_ts_ms', type: ['null', 'long'], default: null },
  { name: '__deleted', type: ['null', 'string'], default: null },
];
const opt = (name: string, type = 'string') => ({ name, type: ['null', type], default: null });
const schemas: Record<string, { key: unknown; value: unknown }> = {
  artists: {
    key: { type: 'record', name: 'Key', namespace: 'moma.public.artists', fields: [{ name: 'artist_id', type: 'int' }] },
    value: {
      type: 'record', name: 'Value', namespace: 'moma.public.artists',
      fields: [{ name: 'artist_id', type: 'int' }, opt('name'), opt('nationality'), opt('gender'), opt('birth_year', 'int'), opt('death_year', 'int'), ...meta],
    },
  },
  artworks: {
    key: { type: 'record', name: 'Key', namespace: 'moma.public.artworks', fields: [{ name: 'artwork_id', type: 'int' }] },
    value: {
      type: 'record', name: 'Value', namespace: 'moma.public.artworks',
      fields: [
        { name: 'artwork_id', type: 'int' }, opt('title'), opt('date'), opt('name'), opt('artist_id', 'int'), opt('classification'),
        opt('department'), opt('acquisition_date'), opt('dimensions'), ...meta,
      ],
    },
  },
};

let admin: pg.Client;
let kafkaAdmin: Admin;
let catalog: Catalog;
let server: RunningServer;
let glue: GlueClient;
let s3: S3Client;
let sinkReplay: Replay | null = null;
const runs: Record<string, PipelineResult> = {};



async function ingest(name: string, source: { type: string; config: Record<string, unknown> }): Promise<PipelineResult> {
  const result = await Pipeline.create({ run_id: `${name}-${id}`, source, sink: { type: 'catalog' } }, { connectCatalog: async () => storeConnection(catalog.store, false) }).run();
  runs[name] = result;
  expect(result.exitCode, `${name}: ${JSON.stringify(result.sourceReport?.toJSON().failures)}`).toBe(0);
  return result;
}

async function upload(dir: string, key: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await upload(p, `${key}/${e.name}`);
    else await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${key}/${e.name}`, Body: await readFile(p) }));
  }
}

beforeAll(async () => {
  const postgres = await requireEngine('postgres');
  const broker = await requireEngine('kafka');
  await requireEngine('kafka-connect');
  await requireEngine('schema-registry');
  const moto = (await requireEngine('moto')).url;
  admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  kafkaAdmin = kafkaClient(broker.url, 'catalog-moma-e2e').admin();
  await kafkaAdmin.connect();
  const creds = { region: 'us-east-1', endpoint: moto, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  glue = new GlueClient(creds);
  s3 = new S3Client({ ...creds, forcePathStyle: true });

  // The seeds' MoMA tables, one row each.
  await admin.query(`create database "${database}"`);
  const db = new pg.Client({ connectionString: postgres.url.replace(/\/[^/]*$/, `/${database}`) });
  await db.connect();
  await db.query(`
    create table artists (artist_id integer primary key, name text, nationality text, gender text, birth_year integer, death_year integer);
    create table artworks (artwork_id integer primary key, title text, date text, name text, artist_id integer references artists,
      classification text, department text, acquisition_date text, dimensions text);
    comment on table artworks is 'MoMA collection: artworks';
    insert into artists values (19, 'Yayoi Kusama', 'Japanese', 'Female', 1929, null);
    insert into artworks values (128470, 'Infinity Net', '1959', 'Yayoi Kusama', 19, 'Painting', 'Painting & Sculpture', '2021-06-01', '129.5 x 129.5 cm');`);
  await db.end();

  catalog = await createCatalog({ store: 'pglite:memory', auth: false });
  server = await listen(catalog, { host: '127.0.0.1', port: 0 });

  await ingest('postgres', { type: 'postgres', config: { host_port: `127.0.0.1:${ENGINES.postgres.port}`, database, username: 'postgres' } });

  // The seeds' connector (A) with the unwrap SMT, pointed at this database.
  const created = await connectRest('PUT', `/connectors/${connector}/config`, {
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'database.hostname': '127.0.0.1',
    'database.port': String(ENGINES.postgres.port),
    'database.user': 'postgres',
    'database.dbname': database,
    'topic.prefix': prefix,
    'table.include.list': tables.map((t) => `public.${t}`).join(','),
    'plugin.name': 'pgoutput',
    'slot.name': slot,
    'publication.name': publication,
    'publication.autocreate.mode': 'filtered',
    'topic.creation.default.replication.factor': '1',
    'topic.creation.default.partitions': '1',
    transforms: 'unwrap',
    'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
    'transforms.unwrap.drop.tombstones': 'false',
    'transforms.unwrap.delete.handling.mode': 'rewrite',
    'transforms.unwrap.add.fields': 'op,db,table,schema,lsn,source.ts_ms',
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const active = await waitFor(`${connector} to snapshot its tables into topics`, async () => {
    const status = await connectRest('GET', `/connectors/${connector}/status`);
    const failed = [status.json?.connector, ...(status.json?.tasks ?? [])].find((s: { state?: string } | undefined) => s?.state === 'FAILED');
    if (failed) throw new Error(`connector failed: ${failed.trace ?? JSON.stringify(status.json)}`);
    const { json } = await connectRest('GET', `/connectors/${connector}/topics`);
    const list: string[] = json?.[connector]?.topics ?? [];
    return topics.every((t) => list.includes(t)) && status.json?.connector?.state === 'RUNNING' ? list : undefined;
  });
  await waitFor('the broker to list the Debezium topics', async () => {
    const listed = new Set(await kafkaAdmin.listTopics());
    return topics.every((t) => listed.has(t)) ? true : undefined;
  });

  // The topics' schemas under TopicNameStrategy, then the kafka source.
  for (const t of tables) {
    await registerCcompat(`${prefix}.public.${t}-key`, schemas[t]!.key);
    await registerCcompat(`${prefix}.public.${t}-value`, schemas[t]!.value);
  }
  await ingest('kafka', {
    type: 'kafka',
    config: { connection: { bootstrap: broker.url, schema_registry_url: CCOMPAT }, topic_patterns: { allow: topics.map((t) => `^${t.replace(/\./g, '\\.')}$`) } },
  });

  // The Hudi table on S3, its hive-synced Glue table at its base path, then hudi and glue.
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await upload(path.resolve('test/fixtures/hudi-lineage/moma/artworks_cow'), 'moma/artworks_cow');
  await upload(path.resolve('test/fixtures/hudi-lineage/moma/artists_mor'), 'moma/artists_mor');
  await glue.send(new DeleteDatabaseCommand({ Name: glueDb })).catch(() => undefined);
  await glue.send(new DeleteDatabaseCommand({ Name: morDb })).catch(() => undefined);
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: glueDb } }));
  await glue.send(new CreateTableCommand({
    DatabaseName: glueDb,
    TableInput: {
      Name: 'artworks', TableType: 'EXTERNAL_TABLE', Parameters: { 'spark.sql.sources.provider': 'hudi' },
      StorageDescriptor: {
        Columns: ['_hoodie_commit_time', '_hoodie_commit_seqno', '_hoodie_record_key', '_hoodie_partition_path', '_hoodie_file_name', 'title', 'name']
          .map((Name) => ({ Name, Type: 'string' })).concat([{ Name: 'artwork_id', Type: 'int' }]),
        Location: `s3://${bucket}/moma/artworks_cow`,
        InputFormat: 'org.apache.hudi.hadoop.HoodieParquetInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
      },
      PartitionKeys: [{ Name: 'classification', Type: 'string' }],
    },
  }));
  // The MoR artists table, read by DeltaStreamer straight from the topic, hive-synced as _ro / _rt.
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: morDb } }));
  for (const [suffix, input] of [['ro', 'org.apache.hudi.hadoop.HoodieParquetInputFormat'], ['rt', 'org.apache.hudi.hadoop.realtime.HoodieParquetRealtimeInputFormat']] as const) {
    await glue.send(new CreateTableCommand({
      DatabaseName: morDb,
      TableInput: {
        Name: `artists_${suffix}`, TableType: 'EXTERNAL_TABLE', Parameters: { 'spark.sql.sources.provider': 'hudi' },
        StorageDescriptor: {
          Columns: [{ Name: '_hoodie_commit_time', Type: 'string' }, { Name: 'artist_id', Type: 'int' }, { Name: 'name', Type: 'string' }],
          Location: `s3://${bucket}/moma/artists_mor`,
          InputFormat: input,
          OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        },
        PartitionKeys: [{ Name: 'nationality', Type: 'string' }],
      },
    }));
  }
  const awsConfig = { ...aws, aws_endpoint_url: moto };
  await ingest('hudi', { type: 'hudi', config: { root: `s3://${bucket}/moma`, aws_config: awsConfig } });
  await ingest('glue', { type: 'glue', config: { ...awsConfig, database_pattern: { allow: [glueDb, morDb] }, extract_transforms: false } });

  // Last, the connectors: the real worker, then the seeds' S3 sink (B) reading the topics the worker reported.
  await ingest('kafka-connect', { type: 'kafka-connect', config: { connect_uri: connect, connector_patterns: { allow: [`.*_${id}$`] } } });
  const sinkConfig = Object.fromEntries(
    Object.entries({ ...seedSink, 's3.bucket.name': 'your-data-lake-bucket', name: sinkName }).map(([k, v]) => [k, String(v)]),
  );
  sinkReplay = await replay({
    '/connectors?expand=info&expand=status': {
      status: 200,
      body: {
        [sinkName]: {
          info: { name: sinkName, config: sinkConfig, tasks: [{ connector: sinkName, task: 0 }], type: 'sink' },
          status: { name: sinkName, connector: { state: 'RUNNING', worker_id: '127.0.0.1:8083' }, tasks: [{ id: 0, state: 'RUNNING', worker_id: '127.0.0.1:8083' }], type: 'sink' },
        },
      },
    },
    [`/connectors/${sinkName}/topics`]: { status: 200, body: { [sinkName]: { topics: active } } },
  });
  await ingest('s3-sink', { type: 'kafka-connect', config: { connect_uri: sinkReplay.url } });
});

afterAll(async () => {
  await sinkReplay?.close();
  await server?.close();
  await catalog?.close();
  await glue?.send(new DeleteDatabaseCommand({ Name: glueDb })).catch(() => undefined);
  await glue?.send(new DeleteDatabaseCommand({ Name: morDb })).catch(() => undefined);
  glue?.destroy();
  s3?.destroy();
  for (const t of tables) {
    for (const kind of ['key', 'value']) {
      const subject = encodeURIComponent(`${prefix}.public.${t}-${kind}`);
      await fetch(`${CCOMPAT}/subjects/${subject}`, { method: 'DELETE' }).catch(() => undefined);
      await fetch(`${CCOMPAT}/subjects/${subject}?permanent=true`, { method: 'DELETE' }).catch(() => undefined);
    }
  }
  if (admin) {
    await connectRest('DELETE', `/connectors/${connector}`).catch(() => undefined);
    await waitFor(`replication slot ${slot} to be released and dropped`, async () => {
      const { rows } = await admin.query<{ active: boolean }>('select active from pg_replication_slots where slot_name = $1', [slot]);
      if (rows.length === 0) return true;
      if (rows[0]?.active) return undefined;
      await admin.query('select pg_drop_replication_slot($1)', [slot]);
      return true;
    }, 60_000);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    await admin.query(`drop database if exists "${database}"`);
    await admin.end();
  }
  if (kafkaAdmin) {
    const existing = new Set(await kafkaAdmin.listTopics());
    const ours = topics.filter((t) => existing.has(t));
    if (ours.length) await kafkaAdmin.deleteTopics({ topics: ours });
    await kafkaAdmin.disconnect();
  }
});

describe('the seeds MoMA flow across postgres, kafka, kafka-connect, schema registry, hudi and glue, in one catalog', () => {
  it('has each system catalog its own hop: table, topic with registry schemas, Hudi table, Glue table', async () => {
    const fields = async (urn: string) => (((await catalog.store.getAspect(urn, 'schemaMetadata'))?.value as any)?.fields ?? []).map((f: { fieldPath: string }) => f.fieldPath);
    expect(await fields(pgTable)).toEqual(expect.arrayContaining(['artwork_id', 'title', 'classification']));
    // The kafka source found the value schema registered for the topic Debezium created.
    expect((await fields(topic)).join(' ')).toMatch(/artwork_id.*__source_ts_ms/);
    expect(await fields(hudiTable)).toEqual(expect.arrayContaining(['_hoodie_commit_time', 'artwork_id', 'classification']));
    expect(await fields(glueTable)).toEqual(expect.arrayContaining(['artwork_id', 'classification']));
    const io = (await catalog.store.getAspect(debeziumJob, 'dataJobInputOutput'))?.value;
    expect(io).toEqual({ inputDatasets: [pgTable], outputDatasets: [topic] });
  });

  it('walks Postgres table -> Debezium job -> topic -> S3 sink job -> S3 folder -> Hudi table -> Glue table in one GraphQL lineage query', async () => {
    const res = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($urn: String!) { searchAcrossLineage(input: { urn: $urn, direction: DOWNSTREAM, maxHops: 6 }) {
          total relationships { degree entity { urn type } } } }`,
        variables: { urn: pgTable },
      }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const walk = body.data.searchAcrossLineage.relationships.map((r: { degree: number; entity: { urn: string } }) => [r.degree, r.entity.urn]);
    expect(walk).toEqual([
      [1, debeziumJob],
      [2, topic],
      [3, sinkJob],
      [4, s3Folder],
      [5, hudiTable],
      [6, glueTable],
    ]);
  });

  it('walks the artists branch too: Postgres table -> Debezium job -> topic -> S3 sink job -> S3 folder, and topic -> Hudi MoR table (Kafka checkpoint) -> Glue _ro and _rt', async () => {
    const artists = `urn:li:dataset:(urn:li:dataPlatform:postgres,${database}.public.artists,PROD)`;
    const res = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($urn: String!) { searchAcrossLineage(input: { urn: $urn, direction: DOWNSTREAM, maxHops: 6 }) { relationships { degree entity { urn } } } }`,
        variables: { urn: artists },
      }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const walk = body.data.searchAcrossLineage.relationships
      .map((r: { degree: number; entity: { urn: string } }) => [r.degree, r.entity.urn] as [number, string])
      .sort((a: [number, string], b: [number, string]) => a[0] - b[0] || a[1].localeCompare(b[1]));
    expect(walk).toEqual([
      [1, `urn:li:dataJob:(${flow},${database}.public.artists)`],
      [2, 'urn:li:dataset:(urn:li:dataPlatform:kafka,moma.public.artists,PROD)'],
      [3, `urn:li:dataJob:(${sinkFlow},moma.public.artists)`],
      [3, `urn:li:dataset:(urn:li:dataPlatform:hudi,${bucket}/moma/artists_mor,PROD)`],
      [4, `urn:li:dataset:(urn:li:dataPlatform:glue,${morDb}.artists_ro,PROD)`],
      [4, `urn:li:dataset:(urn:li:dataPlatform:glue,${morDb}.artists_rt,PROD)`],
      [4, 'urn:li:dataset:(urn:li:dataPlatform:s3,your-data-lake-bucket/topics/moma.public.artists,PROD)'],
    ]);
  });

  it('leaves the Debezium connector no unresolved lineage target once postgres and kafka ran first', () => {
    const report = runs['kafka-connect']!.sourceReport!.toJSON() as { unresolved_lineage_targets: string[] };
    expect(report.unresolved_lineage_targets).toEqual([]);
  });

  it('lists the S3 topic folder as the S3 sink run\'s only unresolved target: no source ingests S3 folders, the hudi source only names it upstream', () => {
    const report = runs['s3-sink']!.sourceReport!.toJSON() as { unresolved_lineage_targets: string[] };
    // The topics (its inputs) are resolved by the kafka source; the S3 folders are not produced by any source.
    expect(report.unresolved_lineage_targets.sort()).toEqual(
      ['artists', 'artworks'].map((t) => `urn:li:dataset:(urn:li:dataPlatform:s3,your-data-lake-bucket/topics/moma.public.${t},PROD)`),
    );
  });
});
