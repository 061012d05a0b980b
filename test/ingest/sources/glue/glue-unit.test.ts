// The parts of the glue source that need no AWS: recipe validation, what a Glue table really is
// (Hudi views, Iceberg, Delta), Hive column types, and the lineage a job definition names. The
// source against a real Glue API is test/services/lake.services.test.ts (moto).
import type { Job, Table } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../../../ingest/pipeline/pipeline.js';
import { awsClientOptions } from '../../../../ingest/common/aws.js';
import { glueSourceConfigSchema } from '../../../../ingest/sources/glue/config.js';
import { hudiTableName, tableFormat } from '../../../../ingest/sources/glue/formats.js';
import { hiveFieldType } from '../../../../ingest/sources/glue/hive-types.js';
import { jobLineage } from '../../../../ingest/sources/glue/jobs.js';
import { GlueNaming } from '../../../../ingest/sources/glue/naming.js';
import { hudiUpstream } from '../../../../ingest/sources/glue/table.js';

const config = glueSourceConfigSchema.parse({});
const naming = new GlueNaming({ platform: 'glue', env: 'PROD', platformInstance: null });

describe('glue source config', () => {
  it('takes DataHub recipe keys and rejects a misspelt one', () => {
    const c = glueSourceConfigSchema.parse({ aws_region: 'eu-west-1', catalog_id: '123456789012', extract_transforms: 'false', table_pattern: { allow: ['pagila_kafka_connect\\..*'] } });
    expect(c).toMatchObject({ aws_region: 'eu-west-1', catalog_id: '123456789012', extract_transforms: false, platform: 'glue', env: 'PROD' });
    expect(() => Pipeline.create({ source: { type: 'glue', config: { aws_region: 'x', tabel_pattern: {} } }, sink: { type: 'console' } })).toThrow(/tabel_pattern/);
  });

  it('resolves keys, endpoint override and retries into SDK client options', () => {
    const o = awsClientOptions(glueSourceConfigSchema.parse({ aws_region: 'us-east-1', aws_access_key_id: 'AKIA', aws_secret_access_key: 's3cret', aws_endpoint_url: 'http://127.0.0.1:55000', aws_retry_num: 2 }));
    expect(o).toMatchObject({ region: 'us-east-1', endpoint: 'http://127.0.0.1:55000', credentials: { accessKeyId: 'AKIA', secretAccessKey: 's3cret' }, maxAttempts: 3 });
    expect(typeof awsClientOptions(glueSourceConfigSchema.parse({ aws_role: 'arn:aws:iam::1:role/r' })).credentials).toBe('function');
    expect(typeof awsClientOptions(glueSourceConfigSchema.parse({ aws_profile: 'lake' })).credentials).toBe('function');
  });
});

describe('what a Glue table really is', () => {
  const hudiView = (name: string, input: string, ro?: string): Table => ({
    Name: name,
    Parameters: { 'spark.sql.sources.provider': 'hudi' },
    StorageDescriptor: { InputFormat: input, Location: 's3://lake/moma/artists_mor', SerdeInfo: { Parameters: ro ? { 'hoodie.query.as.ro.table': ro, path: 's3://lake/moma/artists_mor' } : {} } },
  });

  it('tells the _ro and _rt views of a MoR table, and a CoW table, apart; all at the one base path', () => {
    expect(tableFormat(hudiView('artists_ro', 'org.apache.hudi.hadoop.HoodieParquetInputFormat', 'true'))).toEqual({ format: 'hudi', hudiView: 'read_optimized', location: 's3://lake/moma/artists_mor' });
    expect(tableFormat(hudiView('artists_rt', 'org.apache.hudi.hadoop.realtime.HoodieParquetRealtimeInputFormat', 'false'))).toMatchObject({ hudiView: 'real_time' });
    expect(tableFormat(hudiView('artworks', 'org.apache.hudi.hadoop.HoodieParquetInputFormat'))).toMatchObject({ hudiView: 'copy_on_write' });
    expect(hudiTableName('artists_ro', 'read_optimized')).toBe('artists');
    expect(hudiTableName('artists_rt', 'real_time')).toBe('artists');
    expect(hudiTableName('artworks', 'copy_on_write')).toBe('artworks');
  });

  it('recognises Hudi by its meta columns alone, and Iceberg and Delta by their parameters', () => {
    expect(tableFormat({ Name: 't', StorageDescriptor: { Columns: [{ Name: '_hoodie_commit_time', Type: 'string' }], Location: 's3://b/t' } }).format).toBe('hudi');
    expect(tableFormat({ Name: 't', Parameters: { table_type: 'ICEBERG', metadata_location: 's3://b/t/metadata/1.json' }, StorageDescriptor: { Location: 's3://b/t' } }).format).toBe('iceberg');
    expect(tableFormat({ Name: 't', Parameters: { 'spark.sql.sources.provider': 'delta' }, StorageDescriptor: { Location: 's3://b/t' } }).format).toBe('delta');
    expect(tableFormat({ Name: 't', Parameters: { classification: 'parquet' }, StorageDescriptor: { Location: 's3://b/t' } }).format).toBe('hive');
  });

  it('names the Hudi dataset as the hudi source does (base path, or database.table)', () => {
    const f = tableFormat(hudiView('artists_rt', 'org.apache.hudi.hadoop.realtime.HoodieParquetRealtimeInputFormat', 'false'));
    expect(hudiUpstream('moma_mor', 'artists_rt', f, config)).toBe('urn:li:dataset:(urn:li:dataPlatform:hudi,lake/moma/artists_mor,PROD)');
    expect(hudiUpstream('moma_mor', 'artists_rt', f, glueSourceConfigSchema.parse({ hudi_dataset_name: 'database_table' }))).toBe(
      'urn:li:dataset:(urn:li:dataPlatform:hudi,moma_mor.artists,PROD)',
    );
  });
});

describe('Hive column types', () => {
  it.each([
    ['int', 'NumberType'], ['decimal(4,2)', 'NumberType'], ['bigint', 'NumberType'], ['string', 'StringType'], ['varchar(20)', 'StringType'],
    ['boolean', 'BooleanType'], ['date', 'DateType'], ['timestamp', 'TimeType'], ['binary', 'BytesType'],
    ['array<string>', 'ArrayType'], ['map<string,array<int>>', 'MapType'], ['struct<a:int,b:string>', 'RecordType'],
  ])('%s -> %s', (native, type) => {
    expect(Object.keys(hiveFieldType(native).type)).toEqual([`com.linkedin.schema.${type}`]);
  });

  it('keeps the key and value types of a map', () => {
    expect((hiveFieldType('map<string,array<int>>').type as Record<string, unknown>)['com.linkedin.schema.MapType']).toEqual({ keyType: 'string', valueType: 'array<int>' });
  });
});

describe('Glue job lineage from the job definition', () => {
  it('reads Glue Studio source and target nodes; a Hudi target is the Hudi table at its path', () => {
    const job: Job = {
      Name: 'moma-to-hudi',
      CodeGenConfigurationNodes: {
        a: { S3CatalogSource: { Name: 's', Database: 'pagila_kafka_connect', Table: 'pagila_public_film' } },
        b: { S3CsvSource: { Name: 'csv', Paths: ['s3://raw/moma/artists/'] } as never },
        c: { S3HudiDirectTarget: { Name: 'h', Inputs: ['a'], Path: 's3://lake/moma/artists_cow/' } as never },
        d: { CatalogTarget: { Name: 'g', Inputs: ['a'], Database: 'refined', Table: 'film' } },
      },
    };
    expect(jobLineage(job, naming, config)).toEqual({
      inputs: ['urn:li:dataset:(urn:li:dataPlatform:glue,pagila_kafka_connect.pagila_public_film,PROD)', 'urn:li:dataset:(urn:li:dataPlatform:s3,raw/moma/artists,PROD)'],
      outputs: ['urn:li:dataset:(urn:li:dataPlatform:glue,refined.film,PROD)', 'urn:li:dataset:(urn:li:dataPlatform:hudi,lake/moma/artists_cow,PROD)'],
    });
  });

  it('reads script arguments that name input and output paths, not the script, temp or library paths', () => {
    const job: Job = {
      Name: 'script',
      Command: { Name: 'glueetl', ScriptLocation: 's3://code/job.py' },
      DefaultArguments: { '--input_path': 's3://raw/in/', '--output_path': 's3://lake/out/', '--TempDir': 's3://tmp/', '--extra-py-files': 's3://code/lib.zip', '--job-language': 'python' },
    };
    expect(jobLineage(job, naming, config)).toEqual({ inputs: ['urn:li:dataset:(urn:li:dataPlatform:s3,raw/in,PROD)'], outputs: ['urn:li:dataset:(urn:li:dataPlatform:s3,lake/out,PROD)'] });
  });
});

describe('recipes/lake.yml', () => {
  it('is a valid glue recipe', () => {
    process.env.AWS_ENDPOINT_URL ??= 'http://127.0.0.1:55000';
    expect(() => Pipeline.create('recipes/lake.yml', { connectCatalog: async () => { throw new Error('not connected'); } })).not.toThrow();
  });
});
