// The lake on moto (scripts/services up moto): the glue source over a Glue Data Catalog shaped like
// the seeds' (crawler tables `pagila_public_*` in `pagila_kafka_connect`, the Athena CTAS table
// partitioned by rating, a Glue Studio job and a script job), a Hudi MoR table uploaded to S3 and
// registered in Glue as `_ro` / `_rt` the way hive sync registers it, and the hudi source reading
// the committed Spark-written tables from S3 exactly as it reads them from disk.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BatchCreatePartitionCommand,
  CreateDatabaseCommand,
  CreateJobCommand,
  CreateTableCommand,
  DeleteDatabaseCommand,
  DeleteJobCommand,
  GlueClient,
  type Column,
  type StorageDescriptor,
} from '@aws-sdk/client-glue';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlueCatalog } from '../../ingest/sources/glue/catalog.js';
import { GlueSource } from '../../ingest/sources/glue/source.js';
import { glueSourceConfigSchema } from '../../ingest/sources/glue/config.js';
import { Pipeline } from '../../ingest/pipeline/pipeline.js';
import { validateAspect } from '../../model/aspects/registry.js';
import { storeConnection } from '../../server/catalog-connection.js';
import { createCatalog } from '../../server/catalog.js';
import { listen } from '../../server/http.js';
import type { MetadataChangeProposal } from '../../model/mcp.js';
import { collectMcps, testContext } from '../ingest/sources/context.js';
import { ingest as ingestHudi, FIXTURES, type Aspect } from '../ingest/sources/hudi/harness.js';
import { requireEngine } from './engines.js';

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const pagila = `pagila_kafka_connect_${run}`;
// Hive sync names the databases after hoodie.database.name; the fixture's is moma_mor.
const moma = 'moma_mor';
const bucket = `lake-${run}`;
const jobs = [`film-refine-${run}`, `film-script-${run}`];
const aws = { aws_region: 'us-east-1', aws_access_key_id: 'testing', aws_secret_access_key: 'testing' };
let endpoint: string;
let glue: GlueClient;
let s3: S3Client;

const parquet = (location: string, columns: Column[]): StorageDescriptor => ({
  Columns: columns,
  Location: location,
  InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  Compressed: true,
  SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', Parameters: { 'serialization.format': '1' } },
});

const film: Column[] = [
  ['film_id', 'int'], ['title', 'string'], ['release_year', 'int'], ['rental_duration', 'smallint'], ['rental_rate', 'decimal(4,2)'],
  ['rating', 'string'], ['special_features', 'array<string>'], ['__op', 'string'], ['__source_ts_ms', 'bigint'], ['__deleted', 'string'],
].map(([Name, Type]) => ({ Name, Type }));
const actor: Column[] = [['actor_id', 'int'], ['first_name', 'string'], ['last_name', 'string'], ['__deleted', 'string']].map(([Name, Type]) => ({ Name, Type }));

async function upload(dir: string, prefix: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) n += await upload(p, `${prefix}/${e.name}`);
    else {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/${e.name}`, Body: await readFile(p) }));
      n++;
    }
  }
  return n;
}

let mcps: MetadataChangeProposal[];
let source: GlueSource;
const aspect = (urn: string, name: string): Aspect | undefined => mcps.filter((m) => m.entityUrn === urn && m.aspectName === name).map((m) => m.aspect as Aspect).pop();
const glueUrn = (name: string) => `urn:li:dataset:(urn:li:dataPlatform:glue,${name},PROD)`;

beforeAll(async () => {
  endpoint = (await requireEngine('moto')).url;
  const creds = { region: 'us-east-1', endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  glue = new GlueClient(creds);
  s3 = new S3Client({ ...creds, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await upload(path.resolve('test/fixtures/hudi-lineage/moma/artists_mor'), 'moma/artists_mor');
  await upload(FIXTURES, 'fixtures');

  // The crawler's tables over the S3 sink's topic folders, partitioned by the sink's `partition`.
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: pagila, Description: 'Debezium CDC from pagila via the Confluent S3 sink' } }));
  for (const [name, cols] of [['film', film], ['actor', actor]] as const) {
    await glue.send(new CreateTableCommand({
      DatabaseName: pagila,
      TableInput: {
        Name: `pagila_public_${name}`, TableType: 'EXTERNAL_TABLE',
        Parameters: { classification: 'parquet', compressionType: 'none', typeOfData: 'file', CrawlerSchemaSerializerVersion: '1.0' },
        StorageDescriptor: parquet(`s3://${bucket}/topics/pagila.public.${name}/`, cols),
        PartitionKeys: [{ Name: 'partition', Type: 'string' }],
      },
    }));
    await glue.send(new BatchCreatePartitionCommand({
      DatabaseName: pagila, TableName: `pagila_public_${name}`,
      PartitionInputList: [{ Values: ['0'], StorageDescriptor: parquet(`s3://${bucket}/topics/pagila.public.${name}/partition=0/`, cols) }],
    }));
  }
  // The Athena CTAS output: Parquet/SNAPPY at s3://my-s3-table/refined/film/, partitioned by rating.
  await glue.send(new CreateTableCommand({
    DatabaseName: pagila,
    TableInput: {
      Name: 'pagila_public_film_refined', TableType: 'EXTERNAL_TABLE',
      Parameters: { classification: 'parquet', parquet_compression: 'SNAPPY', has_encrypted_data: 'false' },
      StorageDescriptor: parquet('s3://my-s3-table/refined/film/', film.filter((c) => ['film_id', 'title', 'release_year', 'rental_rate', 'rental_duration'].includes(c.Name!))),
      PartitionKeys: [{ Name: 'rating', Type: 'string' }],
    },
  }));
  const ratings = ['G', 'PG', 'PG-13', 'R', 'NC-17'];
  await glue.send(new BatchCreatePartitionCommand({
    DatabaseName: pagila, TableName: 'pagila_public_film_refined',
    PartitionInputList: ratings.map((r) => ({ Values: [r], StorageDescriptor: parquet(`s3://my-s3-table/refined/film/rating=${r}/`, film) })),
  }));

  // Hive sync of the MoR table: `_ro` (HoodieParquetInputFormat) and `_rt` (realtime), one base path.
  await glue.send(new DeleteDatabaseCommand({ Name: moma })).catch(() => undefined);
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: moma } }));
  const hudiCols: Column[] = ['_hoodie_commit_time', '_hoodie_commit_seqno', '_hoodie_record_key', '_hoodie_partition_path', '_hoodie_file_name']
    .map((Name) => ({ Name, Type: 'string' }))
    .concat([{ Name: 'artist_id', Type: 'int' }, { Name: 'name', Type: 'string' }, { Name: '__source_ts_ms', Type: 'bigint' }]);
  for (const [suffix, input, ro] of [['ro', 'org.apache.hudi.hadoop.HoodieParquetInputFormat', 'true'], ['rt', 'org.apache.hudi.hadoop.realtime.HoodieParquetRealtimeInputFormat', 'false']] as const) {
    await glue.send(new CreateTableCommand({
      DatabaseName: moma,
      TableInput: {
        Name: `artists_${suffix}`, TableType: 'EXTERNAL_TABLE',
        Parameters: { 'spark.sql.sources.provider': 'hudi', last_commit_time_sync: '20261122071313184', 'spark.sql.partitionProvider': 'catalog' },
        StorageDescriptor: {
          ...parquet(`s3://${bucket}/moma/artists_mor`, hudiCols),
          InputFormat: input,
          SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', Parameters: { 'hoodie.query.as.ro.table': ro, path: `s3://${bucket}/moma/artists_mor` } },
        },
        PartitionKeys: [{ Name: 'nationality', Type: 'string' }],
      },
    }));
  }

  // A Glue Studio job (catalog source -> S3 Parquet target) and a script job naming its paths in arguments.
  await glue.send(new CreateJobCommand({
    Name: jobs[0]!, Role: 'arn:aws:iam::123456789012:role/glue', Command: { Name: 'glueetl', ScriptLocation: `s3://${bucket}/scripts/refine.py` },
    CodeGenConfigurationNodes: {
      'node-1': { S3CatalogSource: { Name: 'film', Database: pagila, Table: 'pagila_public_film' } },
      'node-2': { S3GlueParquetTarget: { Name: 'refined', Inputs: ['node-1'], Path: 's3://my-s3-table/refined/film/', PartitionKeys: [['rating']] } },
    },
  }));
  await glue.send(new CreateJobCommand({
    Name: jobs[1]!, Role: 'arn:aws:iam::123456789012:role/glue', Command: { Name: 'glueetl', ScriptLocation: `s3://${bucket}/scripts/actor.py` },
    DefaultArguments: { '--source_path': `s3://${bucket}/topics/pagila.public.actor/`, '--target_path': 's3://my-s3-table/refined/actor/', '--TempDir': `s3://${bucket}/tmp/` },
  }));

  // Page size 1: every listing runs its NextToken loop (moto pages GetJobs).
  const config = glueSourceConfigSchema.parse({ ...aws, aws_endpoint_url: endpoint, database_pattern: { allow: [pagila, moma] } });
  source = new GlueSource(config, testContext(process.cwd()), 1);
  mcps = await collectMcps(source);
  await source.close();
});

afterAll(async () => {
  await glue?.send(new DeleteDatabaseCommand({ Name: pagila })).catch(() => undefined);
  await glue?.send(new DeleteDatabaseCommand({ Name: moma })).catch(() => undefined);
  for (const j of jobs) await glue?.send(new DeleteJobCommand({ JobName: j })).catch(() => undefined);
  glue?.destroy();
  s3?.destroy();
});

describe('glue source on moto', () => {
  it('ingests the databases as containers and every table, without failures', () => {
    expect(source.report.failures.toJSON()).toEqual([]);
    const containers = mcps.filter((m) => m.aspectName === 'containerProperties').map((m) => (m.aspect as Aspect).name);
    expect(containers.sort()).toEqual([moma, pagila].sort());
    const datasets = [...new Set(mcps.filter((m) => m.entityType === 'dataset' && m.aspectName === 'schemaMetadata').map((m) => m.entityUrn))].sort();
    expect(datasets).toEqual(
      [`${moma}.artists_ro`, `${moma}.artists_rt`, `${pagila}.pagila_public_actor`, `${pagila}.pagila_public_film`, `${pagila}.pagila_public_film_refined`].map(glueUrn).sort(),
    );
    for (const m of mcps) expect(validateAspect(m.aspectName!, m.aspect), `${m.entityUrn} ${m.aspectName}`).toMatchObject({ ok: true });
  });

  it('gives crawler tables their columns, partition key, storage descriptor and partitions', () => {
    const urn = glueUrn(`${pagila}.pagila_public_film`);
    const fields = aspect(urn, 'schemaMetadata')!.fields as Aspect[];
    expect(fields.map((f) => f.fieldPath)).toEqual([...film.map((c) => c.Name), 'partition']);
    expect(fields.filter((f) => f.isPartitioningKey).map((f) => f.fieldPath)).toEqual(['partition']);
    expect(fields.find((f) => f.fieldPath === 'rental_rate')).toMatchObject({ nativeDataType: 'decimal(4,2)', type: { type: { 'com.linkedin.schema.NumberType': {} } } });
    expect(fields.find((f) => f.fieldPath === 'special_features')!.type.type).toHaveProperty(['com.linkedin.schema.ArrayType']);
    const props = aspect(urn, 'datasetProperties')!;
    expect(props.customProperties).toMatchObject({
      classification: 'parquet',
      table_type: 'EXTERNAL_TABLE',
      location: `s3://${bucket}/topics/pagila.public.film/`,
      input_format: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      serde: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
      compression: 'none',
      partition_count: '1',
      recent_partitions: 'partition=0',
      table_format: 'hive',
    });
    expect(aspect(urn, 'container')!.container).toBe(mcps.find((m) => m.aspectName === 'containerProperties' && (m.aspect as Aspect).name === pagila)!.entityUrn);
  });

  it('gives the CTAS table its rating partitions and SNAPPY compression', () => {
    const urn = glueUrn(`${pagila}.pagila_public_film_refined`);
    const props = aspect(urn, 'datasetProperties')!.customProperties;
    expect(props).toMatchObject({ partition_keys: 'rating', partition_count: '5', compression: 'SNAPPY', location: 's3://my-s3-table/refined/film/' });
    expect(props.recent_partitions.split(',').sort()).toEqual(['G', 'NC-17', 'PG', 'PG-13', 'R'].map((r) => `rating=${r}`).sort());
    expect((aspect(urn, 'schemaMetadata')!.fields as Aspect[]).filter((f) => f.isPartitioningKey).map((f) => f.fieldPath)).toEqual(['rating']);
  });

  it('recognises the _ro and _rt tables as views of the one Hudi table at their base path', () => {
    const hudi = `urn:li:dataset:(urn:li:dataPlatform:hudi,${bucket}/moma/artists_mor,PROD)`;
    for (const [t, view] of [['artists_ro', 'read_optimized'], ['artists_rt', 'real_time']]) {
      const urn = glueUrn(`${moma}.${t}`);
      expect(aspect(urn, 'subTypes')).toEqual({ typeNames: ['Table', 'Hudi Table'] });
      expect(aspect(urn, 'datasetProperties')!.customProperties).toMatchObject({ table_format: 'hudi', hudi_view: view });
      expect(aspect(urn, 'upstreamLineage')!.upstreams.map((u: Aspect) => u.dataset)).toEqual([hudi]);
    }
    expect(source.report.lakeTables).toEqual({ hudi: 2 });
  });

  it('reads Glue jobs as data flows and jobs, with inputs and outputs from the job definition', () => {
    const io = (job: string) => aspect(`urn:li:dataJob:(urn:li:dataFlow:(glue,${job},PROD),${job})`, 'dataJobInputOutput')!;
    expect(io(jobs[0]!)).toEqual({
      inputDatasets: [glueUrn(`${pagila}.pagila_public_film`)],
      outputDatasets: ['urn:li:dataset:(urn:li:dataPlatform:s3,my-s3-table/refined/film,PROD)'],
    });
    expect(io(jobs[1]!)).toEqual({
      inputDatasets: [`urn:li:dataset:(urn:li:dataPlatform:s3,${bucket}/topics/pagila.public.actor,PROD)`],
      outputDatasets: ['urn:li:dataset:(urn:li:dataPlatform:s3,my-s3-table/refined/actor,PROD)'],
    });
    expect(source.report.jobsScanned).toBeGreaterThanOrEqual(2);
  });

  it('profiles a Parquet table from its S3 files with the postgres profiler statistics', async () => {
    // A real Spark-written Parquet file (the latest base file of the v6 artworks_cow fixture: its
    // whole snapshot, one file group) under a Glue table's location.
    const dir = path.join(FIXTURES, 'v6/artworks_cow');
    const latest = (await readdir(dir)).filter((f) => f.endsWith('.parquet')).sort((a, b) => a.split('_').at(-1)!.localeCompare(b.split('_').at(-1)!)).at(-1)!;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'refined/artworks/part-0000.parquet', Body: await readFile(path.join(dir, latest)) }));
    await glue.send(new CreateTableCommand({
      DatabaseName: pagila,
      TableInput: { Name: 'artworks_snapshot', TableType: 'EXTERNAL_TABLE', Parameters: { classification: 'parquet' }, StorageDescriptor: parquet(`s3://${bucket}/refined/artworks/`, [{ Name: 'artwork_id', Type: 'int' }]) },
    }));
    const config = glueSourceConfigSchema.parse({
      ...aws, aws_endpoint_url: endpoint, database_pattern: { allow: [pagila, moma] }, extract_transforms: false,
      profiling: { enabled: true, include_field_distinct_value_frequencies: true },
    });
    const profiled = new GlueSource(config, testContext(process.cwd()));
    const out = await collectMcps(profiled);
    await profiled.close();
    const profiles = out.filter((m) => m.aspectName === 'datasetProfile');
    // Crawler tables point at empty folders, the Hudi views are left to the hudi source.
    expect(profiles.map((m) => m.entityUrn)).toEqual([glueUrn(`${pagila}.artworks_snapshot`)]);
    const p = profiles[0]!.aspect as Aspect;
    const t = JSON.parse(await readFile(path.join(FIXTURES, 'expected.json'), 'utf8')).tables.find((x: Aspect) => x.path === 'v6/artworks_cow');
    expect(p.rowCount).toBe(t.latest.rowCount);
    expect(p.fieldProfiles.find((f: Aspect) => f.fieldPath === 'artwork_id')).toMatchObject({ nullCount: 0, uniqueCount: t.latest.rowCount, min: String(Math.min(...t.latest.recordKeys)) });
    const skipped = profiled.report.infos.toJSON().find((i) => i.title === 'Table not profiled' && /hudi table/.test(i.message));
    expect(skipped?.context.sort()).toEqual([`${moma}.artists_ro`, `${moma}.artists_rt`]);
    expect(validateAspect('datasetProfile', p)).toMatchObject({ ok: true });
  });

  it('follows NextToken through every page (moto pages GetJobs)', async () => {
    const client = new GlueClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    let calls = 0;
    client.middlewareStack.add((next) => (args) => (calls++, next(args)), { step: 'initialize' });
    const names: string[] = [];
    for await (const j of new GlueCatalog(client, null, 1).jobs()) names.push(j.Name!);
    client.destroy();
    expect(names).toEqual(expect.arrayContaining(jobs));
    expect(calls).toBeGreaterThanOrEqual(names.length);
  });

  it('reports an unreachable catalog as a failure naming how to fix it', async () => {
    const bad = new GlueSource(glueSourceConfigSchema.parse({ ...aws, aws_endpoint_url: 'http://127.0.0.1:1', aws_retry_num: 0 }), testContext(process.cwd()));
    expect(await collectMcps(bad)).toEqual([]);
    expect(bad.report.failures.toJSON()[0]!.message).toMatch(/check aws_region, credentials and aws_endpoint_url/);
    await bad.close();
  });
});

describe('hudi source on moto S3', () => {
  it('shows the Hudi table registered in Glue as one dataset, linked to its _ro and _rt tables', async () => {
    const run = await ingestHudi({ base_paths: [`s3://${bucket}/moma/artists_mor`], aws_config: { ...aws, aws_endpoint_url: endpoint } });
    expect(run.result.sourceReport!.failures.toJSON()).toEqual([]);
    const hudi = `urn:li:dataset:(urn:li:dataPlatform:hudi,${bucket}/moma/artists_mor,PROD)`;
    expect(run.urns().filter((u) => u.includes('dataPlatform:hudi'))).toEqual([hudi]);
    for (const t of ['artists_ro', 'artists_rt']) {
      // The same aspect the glue source wrote on these tables: the store keeps one version.
      expect(run.aspect(glueUrn(`${moma}.${t}`), 'upstreamLineage')).toEqual(aspect(glueUrn(`${moma}.${t}`), 'upstreamLineage'));
    }
    expect(run.aspect(hudi, 'upstreamLineage')!.upstreams[0].dataset).toBe('urn:li:dataset:(urn:li:dataPlatform:kafka,moma.public.artists,PROD)');
  });

  it('discovers the committed tables under an s3:// root and ingests them exactly as from the local disk', async () => {
    const profiling = { enabled: true, include_field_distinct_value_frequencies: true };
    const remote = await ingestHudi({ root: `s3://${bucket}/fixtures`, aws_config: { ...aws, aws_endpoint_url: endpoint }, profiling });
    const local = await ingestHudi({ root: FIXTURES, profiling });
    expect(remote.result.sourceReport!.failures.toJSON()).toEqual([]);
    expect(remote.result.sourceReport!.warnings.toJSON()).toEqual([]);
    const localPrefix = FIXTURES.replace(/^\/+/, '');
    // Only the base path differs (and the profile's run time).
    const norm = (mcps: MetadataChangeProposal[], prefix: string, base: string) =>
      JSON.parse(
        JSON.stringify(mcps.map((m) => ({ urn: m.entityUrn, aspectName: m.aspectName, aspect: m.aspectName === 'datasetProfile' ? { ...m.aspect, timestampMillis: 0 } : m.aspect })))
          .split(base).join('ROOT')
          .split(prefix).join('ROOT'),
      );
    const a = norm(remote.mcps, `${bucket}/fixtures`, `s3://${bucket}/fixtures`);
    const b = norm(local.mcps, localPrefix, FIXTURES);
    expect(a.length).toBeGreaterThan(50);
    expect(a).toEqual(b);
  });
});

describe('the lake in the catalog, walked over GraphQL', () => {
  it('walks Glue table -> Hudi table -> Kafka topic and Glue table -> Hudi table -> S3 topic folder, from what the sources ingested', async () => {
    // The CoW lineage table on S3 too, registered in Glue as hive sync names it (moma_cow.artworks).
    await upload(path.resolve('test/fixtures/hudi-lineage/moma/artworks_cow'), 'moma/artworks_cow');
    await glue.send(new DeleteDatabaseCommand({ Name: 'moma_cow' })).catch(() => undefined);
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'moma_cow' } }));
    await glue.send(new CreateTableCommand({
      DatabaseName: 'moma_cow',
      TableInput: {
        Name: 'artworks', TableType: 'EXTERNAL_TABLE', Parameters: { 'spark.sql.sources.provider': 'hudi' },
        StorageDescriptor: { ...parquet(`s3://${bucket}/moma/artworks_cow`, [{ Name: '_hoodie_commit_time', Type: 'string' }, { Name: 'artwork_id', Type: 'int' }]), InputFormat: 'org.apache.hudi.hadoop.HoodieParquetInputFormat' },
        PartitionKeys: [{ Name: 'classification', Type: 'string' }],
      },
    }));
    const catalog = await createCatalog({ store: 'pglite:memory', auth: true });
    try {
      const connectCatalog = async () => storeConnection(catalog.store, false);
      const awsConfig = { ...aws, aws_endpoint_url: endpoint };
      for (const source of [
        { type: 'glue', config: { ...awsConfig, database_pattern: { allow: [moma, 'moma_cow'] }, extract_transforms: false } },
        { type: 'hudi', config: { root: `s3://${bucket}/moma`, aws_config: awsConfig } },
      ]) {
        const result = await Pipeline.create({ source, sink: { type: 'catalog', config: { store: 'pglite:memory' } } }, { connectCatalog }).run();
        expect(result.exitCode, JSON.stringify(result.sourceReport?.failures.toJSON())).toBe(0);
      }
      const reader = (await catalog.tokens.create({ name: 'rd', role: 'reader' })).token;
      const server = await listen(catalog, { host: '127.0.0.1', port: 0 });
      try {
        const walk = async (urn: string) => {
          const res = await fetch(`${server.url}/api/graphql`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${reader}` },
            body: JSON.stringify({ query: `{ searchAcrossLineage(input: { urn: "${urn}", direction: UPSTREAM, maxHops: 5 }) { relationships { entity { urn } degree } } }` }),
          });
          const body = (await res.json()) as { data?: any; errors?: unknown };
          expect(body.errors).toBeUndefined();
          return body.data.searchAcrossLineage.relationships.map((x: { entity: { urn: string }; degree: number }) => [x.degree, x.entity.urn]);
        };
        expect(await walk(glueUrn(`${moma}.artists_rt`))).toEqual([
          [1, `urn:li:dataset:(urn:li:dataPlatform:hudi,${bucket}/moma/artists_mor,PROD)`],
          [2, 'urn:li:dataset:(urn:li:dataPlatform:kafka,moma.public.artists,PROD)'],
        ]);
        expect(await walk(glueUrn('moma_cow.artworks'))).toEqual([
          [1, `urn:li:dataset:(urn:li:dataPlatform:hudi,${bucket}/moma/artworks_cow,PROD)`],
          [2, 'urn:li:dataset:(urn:li:dataPlatform:s3,your-data-lake-bucket/topics/moma.public.artworks,PROD)'],
        ]);
      } finally {
        await server.close();
      }
    } finally {
      await catalog.close();
      await glue.send(new DeleteDatabaseCommand({ Name: 'moma_cow' })).catch(() => undefined);
    }
  });
});
