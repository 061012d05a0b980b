import { describe, expect, it } from 'vitest';
import {
  ASPECT_NAMES,
  aspectFqn,
  aspectSchema,
  entityTypesForAspect,
  isTimeseriesAspect,
  keyAspectName,
  recordForAspectName,
  validateAspect,
} from '../../../model/index.js';
import { DATAHUB_EXAMPLES, KAFKA_SCHEMA } from './examples.js';

const clone = <T>(value: T): T => structuredClone(value);

function errorsOf(aspectName: string, value: unknown): string[] {
  const result = validateAspect(aspectName, value);
  if (result.ok) throw new Error(`expected ${aspectName} to be rejected`);
  return result.errors;
}

describe('validating DataHub aspects', () => {
  it.each(Object.entries(DATAHUB_EXAMPLES))('accepts the documented %s example unchanged', (name, example) => {
    const before = clone(example);
    const result = validateAspect(name, example);
    expect(result).toEqual({ ok: true, value: before });
    expect(result.ok && result.value).toBe(example);
  });

  it('accepts a Kafka schema with v1 and v2 field paths', () => {
    expect(validateAspect('schemaMetadata', KAFKA_SCHEMA).ok).toBe(true);
  });

  it('does not fill in defaults', () => {
    const fields = [{ fieldPath: 'id', type: { type: { 'com.linkedin.schema.NumberType': {} } }, nativeDataType: 'int' }];
    const schema = { ...clone(DATAHUB_EXAMPLES.schemaMetadata!), fields };
    delete (schema as Record<string, unknown>).created;
    const result = validateAspect('schemaMetadata', schema);
    expect(result.ok && result.value).toEqual(schema);
    expect(result.ok && Object.keys((result.value.fields as object[])[0]!)).toEqual(['fieldPath', 'type', 'nativeDataType']);
  });

  it('keeps fields it does not know, at every level', () => {
    const lineage = clone(DATAHUB_EXAMPLES.upstreamLineage!) as { upstreams: Record<string, unknown>[] } & Record<string, unknown>;
    lineage.newTopLevelField = { a: 1 };
    lineage.upstreams[0]!.matchType = 'EXACT';
    const result = validateAspect('upstreamLineage', lineage);
    expect(result.ok && result.value).toEqual(lineage);
    expect(aspectSchema('upstreamLineage')!.parse(lineage)).toEqual(lineage);
  });

  it('accepts any JSON object for an aspect it does not model', () => {
    const checkpoint = { timestampMillis: 1, config: '{}', state: { formatVersion: '1.0' } };
    expect(validateAspect('datahubIngestionCheckpoint', checkpoint)).toEqual({ ok: true, value: checkpoint });
    expect(validateAspect('someFutureAspect', {})).toEqual({ ok: true, value: {} });
  });

  it('rejects a value that is not a JSON object, known aspect or not', () => {
    expect(errorsOf('status', [])).toEqual(['status: expected a JSON object, received an array']);
    expect(errorsOf('someFutureAspect', null)).toEqual(['someFutureAspect: expected a JSON object, received null']);
    expect(errorsOf('globalTags', 'urn:li:tag:pii')).toEqual(['globalTags: expected a JSON object, received string']);
  });
});

describe('validation errors', () => {
  it('name the path of a field with an unknown type', () => {
    const schema = clone(DATAHUB_EXAMPLES.schemaMetadata!) as { fields: { type: unknown }[] };
    schema.fields[2]!.type = { type: { 'com.linkedin.schema.TextType': {} } };
    const [error] = errorsOf('schemaMetadata', schema);
    expect(error).toMatch(/^schemaMetadata\.fields\[2\]\.type\.type\["com\.linkedin\.schema\.TextType"\]: unknown union member; expected one of com\.linkedin\.schema\.BooleanType, /);
  });

  it('name the path of a wrong primitive type', () => {
    const schema = clone(DATAHUB_EXAMPLES.schemaMetadata!) as { fields: Record<string, unknown>[] };
    schema.fields[1]!.nullable = 'yes';
    expect(errorsOf('schemaMetadata', schema)).toEqual(['schemaMetadata.fields[1].nullable: expected boolean, received string']);
  });

  it('report missing required fields', () => {
    expect(errorsOf('glossaryTermInfo', { name: 'Sensitive' })).toEqual([
      'glossaryTermInfo.definition: required string is missing',
      'glossaryTermInfo.termSource: required string is missing',
    ]);
    expect(errorsOf('glossaryTerms', { terms: [] })).toEqual(['glossaryTerms.auditStamp: required object is missing']);
  });

  it('reject a URN of the wrong entity type', () => {
    expect(errorsOf('globalTags', { tags: [{ tag: 'urn:li:glossaryTerm:pii' }] })).toEqual([
      'globalTags.tags[0].tag: expected a tag URN, got a glossaryTerm URN "urn:li:glossaryTerm:pii"',
    ]);
    expect(errorsOf('upstreamLineage', { upstreams: [{ dataset: 'mydb.public.orders', type: 'VIEW' }] })).toEqual([
      'upstreamLineage.upstreams[0].dataset: expected a dataset URN: not a URN (must start with "urn:li:"): mydb.public.orders',
    ]);
    expect(errorsOf('ownership', { owners: [{ owner: 'urn:li:tag:x', type: 'DATAOWNER' }] })).toEqual([
      'ownership.owners[0].owner: expected a corpuser or corpGroup URN, got a tag URN "urn:li:tag:x"',
    ]);
  });

  it('reject a value outside an enum and list the allowed ones', () => {
    expect(errorsOf('ownership', { owners: [{ owner: 'urn:li:corpuser:jdoe', type: 'OWNER' }] })[0]).toMatch(
      /^ownership\.owners\[0\]\.type: expected one of "CUSTOM"\|"TECHNICAL_OWNER"\|.*"DATAOWNER"/,
    );
  });

  it('check the union member of a platform schema and of a job type', () => {
    const schema = { ...clone(DATAHUB_EXAMPLES.schemaMetadata!), platformSchema: { 'com.linkedin.schema.MySqlDDL': { tableSchema: 1 } } };
    expect(errorsOf('schemaMetadata', schema)).toEqual([
      'schemaMetadata.platformSchema["com.linkedin.schema.MySqlDDL"].tableSchema: expected string, received number',
    ]);
    expect(errorsOf('dataJobInfo', { name: 'x', type: { string: 'A', long: 1 } })[0]).toMatch(/^dataJobInfo\.type: expected a union with exactly one member/);
    expect(errorsOf('dataJobInfo', { name: 'x', type: { 'com.linkedin.datajob.azkaban.AzkabanJobType': 'BASH' } })[0]).toMatch(
      /^dataJobInfo\.type\["com\.linkedin\.datajob\.azkaban\.AzkabanJobType"\]: expected one of "COMMAND"/,
    );
  });

  it('require integer timestamps in timeseries aspects', () => {
    expect(errorsOf('datasetProfile', { timestampMillis: 1.5 })).toEqual(['datasetProfile.timestampMillis: expected an integer']);
    expect(errorsOf('operation', { timestampMillis: 1, operationType: 'INSERT' })).toEqual([
      'operation.lastUpdatedTimestamp: required number is missing',
    ]);
  });

  it('cap a long list of errors', () => {
    const fields = Array.from({ length: 30 }, () => ({ fieldPath: 1 }));
    const errors = errorsOf('schemaMetadata', { ...clone(DATAHUB_EXAMPLES.schemaMetadata!), fields });
    expect(errors).toHaveLength(21);
    expect(errors.at(-1)).toMatch(/^schemaMetadata: \.\.\. and \d+ more errors$/);
  });
});

describe('the aspect registry', () => {
  it('knows every aspect with a documented example', () => {
    for (const name of Object.keys(DATAHUB_EXAMPLES)) expect(ASPECT_NAMES).toContain(name);
  });

  it('says which entity types carry an aspect', () => {
    expect(entityTypesForAspect('schemaMetadata')).toContain('dataset');
    expect(entityTypesForAspect('glossaryTermInfo')).toEqual(['glossaryTerm']);
    expect(entityTypesForAspect('corpUserKey')).toEqual(['corpuser']);
    expect(entityTypesForAspect('globalTags')).toEqual(expect.arrayContaining(['dataset', 'container', 'dataJob', 'schemaField']));
    expect(entityTypesForAspect('someFutureAspect')).toBeUndefined();
  });

  it('flags timeseries aspects', () => {
    expect(isTimeseriesAspect('datasetProfile')).toBe(true);
    expect(isTimeseriesAspect('operation')).toBe(true);
    expect(isTimeseriesAspect('datasetUsageStatistics')).toBe(true);
    expect(isTimeseriesAspect('schemaMetadata')).toBe(false);
  });

  it('gives the PDL record name, the same as the MCE mapping, and the key aspect of an entity type', () => {
    expect(aspectFqn('globalTags')).toBe('com.linkedin.common.GlobalTags');
    expect(aspectFqn('schemaMetadata')).toBe('com.linkedin.schema.SchemaMetadata');
    expect(aspectFqn('datasetKey')).toBe('com.linkedin.metadata.key.DatasetKey');
    expect(keyAspectName('corpuser')).toBe('corpUserKey');
    for (const name of ASPECT_NAMES) {
      const mceRecord = recordForAspectName(name);
      if (mceRecord) expect(aspectFqn(name), name).toBe(mceRecord);
    }
    expect(keyAspectName('toString')).toBeUndefined();
    expect(aspectSchema('constructor')).toBeUndefined();
  });
});
