import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertAvroSchema, kafkaSchemaMetadata, schemaMetadata } from '../../../../ingest/common/schema/index.js';
import { validateAspect } from '../../../../model/aspects/registry.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const typeOf = (f: { type: { type: Record<string, unknown> } }): string => Object.keys(f.type.type)[0]!.replace('com.linkedin.schema.', '');
const summary = (fields: Array<{ fieldPath: string; type: { type: Record<string, unknown> }; nativeDataType: string; nullable?: boolean }>) =>
  fields.map((f) => [f.fieldPath, typeOf(f), f.nativeDataType, f.nullable]);

describe('the Avro converter', () => {
  it('turns the seeds\' MoMA artists value schema into v2 paths with nullable optionals', () => {
    const result = convertAvroSchema(fixture('moma-artists-value.avsc'));
    expect(result.errors).toEqual([]);
    expect(result.schemaName).toBe('moma.public.artists.Value');
    expect(summary(result.fields)).toEqual([
      ['[version=2.0].[type=Value].[type=int].artist_id', 'NumberType', 'int', false],
      ['[version=2.0].[type=Value].[type=string].name', 'StringType', 'string', true],
      ['[version=2.0].[type=Value].[type=string].nationality', 'StringType', 'string', true],
      ['[version=2.0].[type=Value].[type=string].gender', 'StringType', 'string', true],
      ['[version=2.0].[type=Value].[type=int].birth_year', 'NumberType', 'int', true],
      ['[version=2.0].[type=Value].[type=int].death_year', 'NumberType', 'int', true],
      ['[version=2.0].[type=Value].[type=string].__op', 'StringType', 'string', true],
      ['[version=2.0].[type=Value].[type=string].__db', 'StringType', 'string', true],
      ['[version=2.0].[type=Value].[type=string].__table', 'StringType', 'string', true],
      ['[version=2.0].[type=Value].[type=string].__schema', 'StringType', 'string', true],
      ['[version=2.0].[type=Value].[type=long].__lsn', 'NumberType', 'long', true],
      ['[version=2.0].[type=Value].[type=long].__source_ts_ms', 'NumberType', 'long', true],
      ['[version=2.0].[type=Value].[type=string].__deleted', 'StringType', 'string', true],
    ]);
    expect(result.fields[1]!.jsonProps).toBe('{"default":null}');
  });

  it('expands a Debezium envelope: before and after share the Value record, source comes from another namespace', () => {
    const result = convertAvroSchema(fixture('moma-artists-envelope.avsc'));
    expect(result.errors).toEqual([]);
    const paths = result.fields.map((f) => f.fieldPath);
    expect(paths).toEqual([
      '[version=2.0].[type=Envelope].[type=Value].before',
      '[version=2.0].[type=Envelope].[type=Value].before.[type=int].artist_id',
      '[version=2.0].[type=Envelope].[type=Value].before.[type=string].name',
      '[version=2.0].[type=Envelope].[type=Value].before.[type=int].birth_year',
      '[version=2.0].[type=Envelope].[type=Value].after',
      '[version=2.0].[type=Envelope].[type=Value].after.[type=int].artist_id',
      '[version=2.0].[type=Envelope].[type=Value].after.[type=string].name',
      '[version=2.0].[type=Envelope].[type=Value].after.[type=int].birth_year',
      '[version=2.0].[type=Envelope].[type=Source].source',
      ...['version', 'connector', 'name'].map((n) => `[version=2.0].[type=Envelope].[type=Source].source.[type=string].${n}`),
      '[version=2.0].[type=Envelope].[type=Source].source.[type=long].ts_ms',
      '[version=2.0].[type=Envelope].[type=Source].source.[type=string].snapshot',
      '[version=2.0].[type=Envelope].[type=Source].source.[type=string].db',
      '[version=2.0].[type=Envelope].[type=Source].source.[type=string].sequence',
      '[version=2.0].[type=Envelope].[type=Source].source.[type=string].schema',
      '[version=2.0].[type=Envelope].[type=Source].source.[type=string].table',
      ...['txId', 'lsn', 'xmin'].map((n) => `[version=2.0].[type=Envelope].[type=Source].source.[type=long].${n}`),
      '[version=2.0].[type=Envelope].[type=string].op',
      '[version=2.0].[type=Envelope].[type=long].ts_ms',
    ]);
    const before = result.fields[0]!;
    expect([typeOf(before), before.nativeDataType, before.nullable, before.recursive]).toEqual(['RecordType', 'Value', true, false]);
    const op = result.fields.find((f) => f.fieldPath.endsWith('.op'))!;
    expect(op.nullable).toBe(false);
  });

  it('reads logicalType written beside the type on the field, as the seeds register it', () => {
    const value = '{"name":"Value","type":"record","doc":"Schema for pagila.sales.summary.avro Kafka topic value","fields":[{"name":"region","type":"string"},{"name":"window_start","type":"long","logicalType":"timestamp-millis"}]}';
    const result = convertAvroSchema(value);
    const start = result.fields[1]!;
    expect(start.fieldPath).toBe('[version=2.0].[type=Value].[type=long].window_start');
    expect(typeOf(start)).toBe('TimeType');
    expect(start.jsonProps).toBe('{"logicalType":"timestamp-millis"}');
    expect(result.dataset.description).toBe('Schema for pagila.sales.summary.avro Kafka topic value');
  });

  it('maps logical types inside the type: timestamps, date, decimal and uuid', () => {
    const schema = {
      type: 'record', name: 'L', fields: [
        { name: 'ts', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'd', type: { type: 'int', logicalType: 'date' } },
        { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
      ],
    };
    const result = convertAvroSchema(schema);
    expect(result.fields.map(typeOf)).toEqual(['TimeType', 'DateType', 'NumberType', 'StringType']);
    expect(result.fields[2]!.jsonProps).toBe('{"logicalType":"decimal","precision":10,"scale":2}');
  });

  it('writes the key token for a key schema, also for the seeds\' named primitive keys', () => {
    const result = convertAvroSchema('{"name":"Key","type":"int","doc":"Schema for pagila.sales.avro Kafka topic key"}', { isKeySchema: true });
    expect(result.fields).toEqual([{
      fieldPath: '[version=2.0].[key=True].[type=int]', nullable: false, type: { type: { 'com.linkedin.schema.NumberType': {} } },
      nativeDataType: 'int', recursive: false, isPartOfKey: true, description: 'Schema for pagila.sales.avro Kafka topic key',
    }]);
  });

  it('uses DataHub\'s union, array, map, enum and fixed tokens', () => {
    const schema = {
      type: 'record', name: 'R', namespace: 'acme', fields: [
        { name: 'u', type: ['null', 'string', { type: 'record', name: 'A', fields: [{ name: 'f', type: 'string' }] }] },
        { name: 'ar', type: { type: 'array', items: { type: 'array', items: { type: 'record', name: 'Foo', fields: [{ name: 'x', type: 'int' }] } } } },
        { name: 'm', type: { type: 'map', values: 'long' } },
        { name: 'e', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] }, doc: 'a colour' },
        { name: 'h', type: { type: 'fixed', name: 'Hash', size: 16 } },
      ],
    };
    const result = convertAvroSchema(schema);
    expect(summary(result.fields)).toEqual([
      ['[version=2.0].[type=R].[type=union].u', 'UnionType', 'union', true],
      ['[version=2.0].[type=R].[type=union].[type=string].u', 'StringType', 'string', true],
      ['[version=2.0].[type=R].[type=union].[type=A].u', 'RecordType', 'A', true],
      ['[version=2.0].[type=R].[type=union].[type=A].u.[type=string].f', 'StringType', 'string', false],
      ['[version=2.0].[type=R].[type=array].[type=array].[type=Foo].ar', 'ArrayType', 'array', false],
      ['[version=2.0].[type=R].[type=array].[type=array].[type=Foo].ar.[type=int].x', 'NumberType', 'int', false],
      ['[version=2.0].[type=R].[type=map].[type=long].m', 'MapType', 'map', false],
      ['[version=2.0].[type=R].[type=enum].e', 'EnumType', 'enum', false],
      ['[version=2.0].[type=R].[type=fixed].h', 'FixedType', 'fixed', false],
    ]);
    expect(result.fields[0]!.type.type).toEqual({ 'com.linkedin.schema.UnionType': { nestedTypes: ['string', 'A'] } });
    expect(result.fields[6]!.type.type).toEqual({ 'com.linkedin.schema.MapType': { keyType: 'string', valueType: 'long' } });
    expect(result.fields[7]!.description).toBe('a colour');
  });

  it('marks a recursive type once instead of expanding it forever', () => {
    const schema = {
      type: 'record', name: 'TreeNode', namespace: 'acme', fields: [
        { name: 'value', type: 'string' },
        { name: 'left', type: ['null', 'TreeNode'], default: null },
        { name: 'children', type: { type: 'array', items: 'acme.TreeNode' } },
      ],
    };
    const result = convertAvroSchema(schema);
    expect(result.fields.map((f) => [f.fieldPath, f.recursive])).toEqual([
      ['[version=2.0].[type=TreeNode].[type=string].value', false],
      ['[version=2.0].[type=TreeNode].[type=TreeNode].left', true],
      ['[version=2.0].[type=TreeNode].[type=array].[type=TreeNode].children', true],
    ]);
  });

  it('puts docs in descriptions and defaults in jsonProps and the description, as DataHub does', () => {
    const result = convertAvroSchema({ type: 'record', name: 'D', fields: [{ name: 'n', type: 'int', doc: 'how many', default: 3 }] });
    expect(result.fields[0]!.description).toBe('how many\nField default value: 3');
    expect(result.fields[0]!.jsonProps).toBe('{"default":3}');
  });

  it('maps schema-embedded tags, terms and owners through meta mappings', () => {
    const schema = {
      type: 'record', name: 'Customer', namespace: 'acme', owner: 'jdoe@acme.com', tags: ['crm'], data_tier: 'gold',
      fields: [
        { name: 'email', type: 'string', tags: ['pii'], classification: 'Sensitive' },
        { name: 'id', type: 'long' },
      ],
    };
    const result = convertAvroSchema(schema, {
      stripUserIdsFromEmail: true,
      metaMapping: {
        owner: { match: '.*', operation: 'add_owner', config: { owner_type: 'user', owner_category: 'TECHNICAL_OWNER' } },
        data_tier: { match: 'gold|silver', operation: 'add_term', config: { term: 'Tier.{{ $match }}' } },
      },
      fieldMetaMapping: {
        classification: { match: 'Sensitive', operation: 'add_term', config: { term: 'Classification.Sensitive' } },
      },
    });
    expect(result.dataset.ownership!.owners).toEqual([{ owner: 'urn:li:corpuser:jdoe', type: 'TECHNICAL_OWNER', source: { type: 'SERVICE' } }]);
    expect(result.dataset.globalTags).toEqual({ tags: [{ tag: 'urn:li:tag:crm' }] });
    expect(result.dataset.glossaryTerms!.terms).toEqual([{ urn: 'urn:li:glossaryTerm:Tier.gold' }]);
    const email = result.fields[0]!;
    expect(email.globalTags).toEqual({ tags: [{ tag: 'urn:li:tag:pii' }] });
    expect(email.glossaryTerms!.terms).toEqual([{ urn: 'urn:li:glossaryTerm:Classification.Sensitive' }]);
    expect(result.fields[1]!.globalTags).toBeUndefined();
  });

  it('produces fields a schemaMetadata aspect accepts, alone and as a Kafka key/value pair', () => {
    const value = convertAvroSchema(fixture('moma-artists-envelope.avsc'));
    const key = convertAvroSchema('{"type":"record","name":"Key","namespace":"moma.public.artists","fields":[{"name":"artist_id","type":"int"}]}', { isKeySchema: true });
    expect(validateAspect('schemaMetadata', schemaMetadata(value, { schemaName: 'moma.public.artists', platform: 'kafka' })).ok).toBe(true);
    const topic = kafkaSchemaMetadata(value, key, { schemaName: 'moma.public.artists' });
    expect(validateAspect('schemaMetadata', topic).ok).toBe(true);
    expect(topic.fields[0]!.fieldPath).toBe('[version=2.0].[key=True].[type=Key].[type=int].artist_id');
    expect(topic.fields[0]!.isPartOfKey).toBe(true);
  });

  it('gives the same hash to the same schema however it is formatted', () => {
    const compact = convertAvroSchema('{"type":"record","name":"X","fields":[{"name":"a","type":"int"}]}');
    const spaced = convertAvroSchema('{ "type": "record",\n "name": "X", "fields": [ { "name": "a", "type": "int" } ] }');
    expect(compact.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(spaced.hash).toBe(compact.hash);
  });

  it('returns a clear error, not an exception, for invalid Avro', () => {
    expect(convertAvroSchema('{"type":"record","name":"X","fields":[{"name":"a","type":"Nope"}]}').errors).toEqual([
      { code: 'invalid-avro', message: 'invalid Avro schema: undefined type name: Nope' },
    ]);
    const notJson = convertAvroSchema('{"type": "record",');
    expect(notJson.errors[0]!.code).toBe('invalid-json');
    expect(notJson.errors[0]!.message).toMatch(/^Avro schema is not valid JSON: /);
    expect(notJson.fields).toEqual([]);
    const noFields = convertAvroSchema('{"type":"record","name":"X"}');
    expect(noFields.errors[0]!.code).toBe('invalid-avro');
  });

  it('reads named types defined by referenced schemas (a registry subject\'s references), in any order', () => {
    const address = JSON.stringify({ type: 'record', name: 'Address', namespace: 'acme', fields: [{ name: 'city', type: 'string' }, { name: 'geo', type: 'acme.Geo' }] });
    const geo = JSON.stringify({ type: 'record', name: 'Geo', namespace: 'acme', fields: [{ name: 'lat', type: 'double' }] });
    const person = { type: 'record', name: 'Person', namespace: 'acme', fields: [{ name: 'home', type: 'acme.Address' }] };
    const result = convertAvroSchema(person, { references: [address, geo] });
    expect(result.errors).toEqual([]);
    expect(result.fields.map((f) => f.fieldPath)).toEqual([
      '[version=2.0].[type=Person].[type=Address].home',
      '[version=2.0].[type=Person].[type=Address].home.[type=string].city',
      '[version=2.0].[type=Person].[type=Address].home.[type=Geo].geo',
      '[version=2.0].[type=Person].[type=Address].home.[type=Geo].geo.[type=double].lat',
    ]);
    expect(convertAvroSchema(person).errors[0]).toMatchObject({ code: 'invalid-avro' });
    expect(convertAvroSchema(person, { references: ['{"type":"record","name":"Address","namespace":"acme","fields":[{"name":"x","type":"nope"}]}'] }).errors[0]).toMatchObject({
      code: 'invalid-reference',
    });
  });
});
