// Smoke test for the real moto_server of scripts/services (moto): the AWS JS SDK v3 against moto's
// Glue Data Catalog, Glue Schema Registry and S3, shaped like the seeds' Pagila CDC lake
// (Glue database pagila_kafka_connect, crawler tables pagila_public_*, Confluent S3 sink keys).
import {
  BatchCreatePartitionCommand,
  CreateDatabaseCommand,
  CreateRegistryCommand,
  CreateSchemaCommand,
  CreateTableCommand,
  DeleteDatabaseCommand,
  DeleteRegistryCommand,
  GetDatabasesCommand,
  GetPartitionsCommand,
  GetSchemaCommand,
  GetSchemaVersionCommand,
  GetTableCommand,
  GetTablesCommand,
  GlueClient,
  ListRegistriesCommand,
  RegisterSchemaVersionCommand,
  type Column,
  type StorageDescriptor,
} from '@aws-sdk/client-glue';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from './engines.js';

// moto keeps its state in memory for as long as it runs, so every run uses fresh names and cleans
// up after itself (moto allows only 10 Glue schema registries per account).
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const database = `pagila_kafka_connect_${run}`;
const registry = `pagila-${run}`;
const bucket = `your-s3-bucket-${run}`;
const aws = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
};

let glue: GlueClient;
let s3: S3Client;

// pagila.public.film after Debezium's ExtractNewRecordState SMT, as the Glue crawler saw the
// Parquet the S3 sink wrote (seeds-streaming.md §3.1, §6.1).
const filmColumns: Column[] = [
  { Name: 'film_id', Type: 'int' },
  { Name: 'title', Type: 'string' },
  { Name: 'description', Type: 'string' },
  { Name: 'release_year', Type: 'int' },
  { Name: 'language_id', Type: 'int' },
  { Name: 'original_language_id', Type: 'int' },
  { Name: 'rental_duration', Type: 'smallint' },
  { Name: 'rental_rate', Type: 'decimal(4,2)' },
  { Name: 'length', Type: 'smallint' },
  { Name: 'replacement_cost', Type: 'decimal(5,2)' },
  { Name: 'rating', Type: 'string' },
  { Name: 'special_features', Type: 'array<string>' },
  { Name: 'last_update', Type: 'string' },
  { Name: '__op', Type: 'string' },
  { Name: '__db', Type: 'string' },
  { Name: '__schema', Type: 'string' },
  { Name: '__table', Type: 'string' },
  { Name: '__lsn', Type: 'bigint' },
  { Name: '__source_ts_ms', Type: 'bigint' },
  { Name: '__deleted', Type: 'string', Comment: "'true' for a delete tombstone" },
];

const parquet = (location: string, columns: Column[]): StorageDescriptor => ({
  Columns: columns,
  Location: location,
  InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  Compressed: true,
  SerdeInfo: {
    SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    Parameters: { 'serialization.format': '1' },
  },
});

// The sink's value schema, as the seeds' Debezium converter would register it.
const actorSchema = (extra: object[] = []) =>
  JSON.stringify({
    type: 'record',
    name: 'Value',
    namespace: 'pagila.public.actor',
    fields: [
      { name: 'actor_id', type: 'int' },
      { name: 'first_name', type: 'string' },
      { name: 'last_name', type: 'string' },
      { name: 'last_update', type: { type: 'long', 'connect.name': 'io.debezium.time.MicroTimestamp' } },
      ...extra,
    ],
  });

describe('moto (Glue Data Catalog, Glue Schema Registry, S3)', () => {
  beforeAll(async () => {
    const { url } = await requireEngine('moto');
    glue = new GlueClient({ ...aws, endpoint: url });
    s3 = new S3Client({ ...aws, endpoint: url, forcePathStyle: true });
  });

  afterAll(async () => {
    // Best effort: a failure above must not be hidden by a cleanup error.
    await glue?.send(new DeleteDatabaseCommand({ Name: database })).catch(() => undefined);
    await glue?.send(new DeleteRegistryCommand({ RegistryId: { RegistryName: registry } })).catch(() => undefined);
    glue?.destroy();
    s3?.destroy();
  });

  it('creates a Glue database and crawler-style tables with partition keys, and reads them back', async () => {
    await glue.send(
      new CreateDatabaseCommand({
        DatabaseInput: { Name: database, Description: 'Debezium CDC from pagila via the Confluent S3 sink' },
      }),
    );
    await glue.send(
      new CreateTableCommand({
        DatabaseName: database,
        TableInput: {
          Name: 'pagila_public_film',
          TableType: 'EXTERNAL_TABLE',
          Parameters: { classification: 'parquet', compressionType: 'none', typeOfData: 'file' },
          StorageDescriptor: parquet(`s3://${bucket}/topics/pagila.public.film/`, filmColumns),
          PartitionKeys: [{ Name: 'partition', Type: 'string' }],
        },
      }),
    );
    // The Athena CTAS output: Parquet/SNAPPY, partitioned by rating.
    await glue.send(
      new CreateTableCommand({
        DatabaseName: database,
        TableInput: {
          Name: 'pagila_public_film_refined',
          TableType: 'EXTERNAL_TABLE',
          Parameters: { classification: 'parquet', parquet_compression: 'SNAPPY' },
          StorageDescriptor: parquet(
            's3://my-s3-table/refined/film/',
            ['film_id', 'title', 'release_year', 'rental_rate', 'rental_duration', 'timestamp'].map(
              (name) => filmColumns.find((c) => c.Name === name) ?? { Name: name, Type: 'string' },
            ),
          ),
          PartitionKeys: [{ Name: 'rating', Type: 'string' }],
        },
      }),
    );
    await glue.send(
      new BatchCreatePartitionCommand({
        DatabaseName: database,
        TableName: 'pagila_public_film',
        PartitionInputList: [
          {
            Values: ['0'],
            StorageDescriptor: parquet(`s3://${bucket}/topics/pagila.public.film/partition=0/`, filmColumns),
          },
        ],
      }),
    );

    const { DatabaseList } = await glue.send(new GetDatabasesCommand({}));
    expect(DatabaseList?.map((d) => d.Name)).toContain(database);

    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: 'pagila_public_film' }));
    expect(Table).toMatchObject({
      Name: 'pagila_public_film',
      DatabaseName: database,
      TableType: 'EXTERNAL_TABLE',
      Parameters: { classification: 'parquet' },
      PartitionKeys: [{ Name: 'partition', Type: 'string' }],
    });
    expect(Table?.StorageDescriptor?.Location).toBe(`s3://${bucket}/topics/pagila.public.film/`);
    expect(Table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary).toMatch(/ParquetHiveSerDe$/);
    expect(Table?.StorageDescriptor?.Columns).toEqual(filmColumns);
    expect(Table?.CreateTime).toBeInstanceOf(Date);

    const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
    expect(TableList?.map((t) => t.Name).sort()).toEqual(['pagila_public_film', 'pagila_public_film_refined']);
    const refined = TableList?.find((t) => t.Name === 'pagila_public_film_refined');
    expect(refined?.PartitionKeys).toEqual([{ Name: 'rating', Type: 'string' }]);
    expect(refined?.StorageDescriptor?.Columns?.map((c) => c.Name)).toEqual([
      'film_id',
      'title',
      'release_year',
      'rental_rate',
      'rental_duration',
      'timestamp',
    ]);

    const { Partitions } = await glue.send(
      new GetPartitionsCommand({ DatabaseName: database, TableName: 'pagila_public_film' }),
    );
    expect(Partitions?.map((p) => p.Values)).toEqual([['0']]);
    expect(Partitions?.[0]?.StorageDescriptor?.Location).toBe(`s3://${bucket}/topics/pagila.public.film/partition=0/`);
  });

  it('creates a Glue Schema Registry registry and Avro schema versions, and reads them back', async () => {
    const { RegistryArn } = await glue.send(
      new CreateRegistryCommand({ RegistryName: registry, Description: 'pagila CDC value schemas' }),
    );
    expect(RegistryArn).toMatch(new RegExp(`:registry/${registry}$`));
    const schemaName = 'pagila.public.actor-value';
    const created = await glue.send(
      new CreateSchemaCommand({
        RegistryId: { RegistryName: registry },
        SchemaName: schemaName,
        DataFormat: 'AVRO',
        Compatibility: 'BACKWARD',
        SchemaDefinition: actorSchema(),
      }),
    );
    expect(created).toMatchObject({ SchemaName: schemaName, DataFormat: 'AVRO', Compatibility: 'BACKWARD' });
    expect(created.SchemaVersionId).toBeTruthy();

    const second = await glue.send(
      new RegisterSchemaVersionCommand({
        SchemaId: { RegistryName: registry, SchemaName: schemaName },
        SchemaDefinition: actorSchema([{ name: '__deleted', type: ['null', 'string'], default: null }]),
      }),
    );
    expect(second).toMatchObject({ VersionNumber: 2, Status: 'AVAILABLE' });

    const latest = await glue.send(
      new GetSchemaVersionCommand({
        SchemaId: { RegistryName: registry, SchemaName: schemaName },
        SchemaVersionNumber: { LatestVersion: true },
      }),
    );
    expect(latest).toMatchObject({ VersionNumber: 2, DataFormat: 'AVRO', SchemaVersionId: second.SchemaVersionId });
    expect(JSON.parse(latest.SchemaDefinition ?? '{}').fields.map((f: { name: string }) => f.name)).toContain('__deleted');

    const first = await glue.send(new GetSchemaVersionCommand({ SchemaVersionId: created.SchemaVersionId }));
    expect(first.VersionNumber).toBe(1);
    expect(JSON.parse(first.SchemaDefinition ?? '{}')).toEqual(JSON.parse(actorSchema()));

    const schema = await glue.send(new GetSchemaCommand({ SchemaId: { RegistryName: registry, SchemaName: schemaName } }));
    expect(schema).toMatchObject({ SchemaName: schemaName, RegistryName: registry, LatestSchemaVersion: 2 });

    const { Registries } = await glue.send(new ListRegistriesCommand({}));
    expect(Registries?.map((r) => r.RegistryName)).toContain(registry);
  });

  it('puts, lists and gets an S3 object under the S3 sink key layout', async () => {
    const key = 'topics/pagila.public.film/partition=0/pagila.public.film+0+0000000000.gz.parquet';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    try {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'PAR1 not really parquet PAR1' }));
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'topics/pagila.public.film/' }));
      expect(listed.KeyCount).toBe(1);
      expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([[key, 28]]);
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      expect(await got.Body?.transformToString()).toBe('PAR1 not really parquet PAR1');
    } finally {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
      await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
    }
  });
});
