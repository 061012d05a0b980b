// The schema timeline: distinct schemas, field diffs, and breaking flags under each compatibility
// rule, on schemaMetadata values made by the real Avro converter.
import { describe, expect, it } from 'vitest';
import { convertAvroSchema } from '../../../ingest/common/schema/avro.js';
import { convertJsonSchema } from '../../../ingest/common/schema/json-schema.js';
import { schemaMetadata } from '../../../ingest/common/schema/types.js';
import type { AspectValue } from '../../../model/mcp.js';
import { schemaTimeline } from '../../../server/services/schema-history/index.js';
import type { StoredAspect } from '../../../server/store/store.js';

const record = (fields: object[]) => ({ type: 'record', name: 'R', fields });
const avro = (fields: object[], time = 0): AspectValue => {
  const value = schemaMetadata(convertAvroSchema(record(fields)), { schemaName: 'r', platform: 'kafka' }) as AspectValue;
  return { ...value, created: { time, actor: 'urn:li:corpuser:unknown' }, lastModified: { time, actor: 'urn:li:corpuser:unknown' } };
};
/** Stored versions as the store keeps them: 1..n-1 history, 0 the latest. */
const stored = (values: AspectValue[]): StoredAspect[] =>
  values.map((value, i) => ({
    urn: 'urn:li:dataset:(urn:li:dataPlatform:kafka,t,PROD)', aspectName: 'schemaMetadata', version: i === values.length - 1 ? 0 : i + 1,
    value, systemMetadata: null, createdOn: new Date(1_000_000 + i), createdBy: 'urn:li:corpuser:datahub',
  }));
const avroProps = { 'schema.type': 'AVRO' };

const id = { name: 'id', type: 'int' };
const name = { name: 'name', type: 'string' };
const optionalEmail = { name: 'email', type: ['null', 'string'], default: null };
const requiredEmail = { name: 'email', type: 'string' };
const nullableNoDefault = { name: 'email', type: ['null', 'string'] };

const judge = (before: object[], after: object[], level: string | null, props: Record<string, string> = avroProps) =>
  schemaTimeline(stored([avro(before), avro(after)]), props, level).versions[1]!;

describe('the schema timeline', () => {
  it('lists each distinct schema once, oldest first, with its source time and the fields of the first version as added', () => {
    const v1 = avro([id], 1_000);
    const sameSchemaNewDoc = { ...avro([{ ...id, doc: 'the id' }], 1_000) };
    const v2 = avro([id, optionalEmail], 2_000);
    const t = schemaTimeline(stored([v1, sameSchemaNewDoc, v2]), avroProps);
    expect(t.versions.map((v) => [v.version, v.sourceTime, v.aspectVersions])).toEqual([[1, 1_000, [1, 2]], [2, 2_000, [0]]]);
    expect(t.versions[0]!.changes.map((c) => `${c.change} ${c.fieldPath}`)).toEqual(['ADDED [version=2.0].[type=R].[type=int].id']);
    expect(t.compatibility).toBe('BACKWARD');
    expect(t.compatibilityAssumed).toBe(true);
  });

  it('sees a type change as one field changing, not one removed and one added', () => {
    const v = judge([id], [{ name: 'id', type: 'long' }], 'BACKWARD');
    expect(v.changes).toEqual([{ fieldPath: '[version=2.0].[type=R].[type=long].id', change: 'TYPE_CHANGED', before: 'int', after: 'long', breaking: false }]);
  });

  it('judges BACKWARD: optional additions and widening pass; a required addition, narrowing or a field becoming required break', () => {
    expect(judge([id], [id, optionalEmail], 'BACKWARD').breaking).toBe(false);
    expect(judge([id], [{ name: 'id', type: 'long' }], 'BACKWARD').breaking).toBe(false);
    expect(judge([id, name], [id], 'BACKWARD').breaking).toBe(false);
    expect(judge([id], [id, requiredEmail], 'BACKWARD').breakingReasons).toEqual(['field email added without a default: the new schema cannot read data written without it']);
    // In Avro a nullable field still needs a default to be read from data without it.
    expect(judge([id], [id, nullableNoDefault], 'BACKWARD').breaking).toBe(true);
    expect(judge([{ name: 'id', type: 'long' }], [id], 'BACKWARD').breaking).toBe(true);
    expect(judge([id, optionalEmail], [id, requiredEmail], 'BACKWARD').breakingReasons).toEqual(['field email became required: old data may hold nulls']);
  });

  it('judges FORWARD: removing a required field or widening breaks; adding does not', () => {
    expect(judge([id], [id, requiredEmail], 'FORWARD').breaking).toBe(false);
    expect(judge([id, name], [id], 'FORWARD').breakingReasons).toEqual(['required field name removed: readers on the old schema cannot read new data']);
    expect(judge([id, optionalEmail], [id], 'FORWARD').breaking).toBe(false);
    expect(judge([id], [{ name: 'id', type: 'long' }], 'FORWARD').breaking).toBe(true);
  });

  it('judges FULL as both directions and NONE as nothing', () => {
    expect(judge([id], [id, optionalEmail], 'FULL').breaking).toBe(false);
    expect(judge([id], [id, requiredEmail], 'FULL').breaking).toBe(true);
    expect(judge([id, name], [id], 'FULL').breaking).toBe(true);
    expect(judge([id, name], [{ name: 'id', type: 'string' }], 'NONE').breaking).toBe(false);
  });

  it('judges the *_TRANSITIVE rules against every earlier version', () => {
    // v1 -> v2 drops a required field (fine under BACKWARD); v2 -> v3 adds it back without a default.
    const versions = stored([avro([id, name]), avro([id]), avro([id, name])]);
    expect(schemaTimeline(versions, avroProps, 'BACKWARD').versions[2]!.breaking).toBe(true);
    const forward = schemaTimeline(versions, avroProps, 'FORWARD').versions;
    expect(forward.map((v) => v.breaking)).toEqual([false, true, false]);
    // v1 has name:long, v2 drops it, v3 brings it back as a string with a default: fine against
    // v2, but v3 cannot read v1's data.
    const comeback = stored([avro([id, { name: 'name', type: 'long' }]), avro([id]), avro([id, { name: 'name', type: 'string', default: '' }])]);
    expect(schemaTimeline(comeback, avroProps, 'BACKWARD').versions[2]!.breaking).toBe(false);
    const transitive = schemaTimeline(comeback, avroProps, 'BACKWARD_TRANSITIVE').versions[2]!;
    expect(transitive.breaking).toBe(true);
    expect(transitive.breakingReasons).toEqual(['against version 1: field name changed type long -> string, which the new schema cannot read from old data']);
  });

  it('judges a nested record added as one addition, at its parent', () => {
    const address = { name: 'address', type: ['null', { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }] }], default: null };
    const v = judge([id], [id, address], 'BACKWARD');
    expect(v.changes.map((c) => c.change)).toEqual(['ADDED', 'ADDED']);
    expect(v.breaking).toBe(false);
  });

  it('outside Avro, a nullable field counts as optional', () => {
    const json = (props: Record<string, object>, required: string[]) =>
      schemaMetadata(convertJsonSchema(JSON.stringify({ type: 'object', title: 'R', properties: props, required })), { schemaName: 'r', platform: 'kafka' }) as AspectValue;
    const t = schemaTimeline(stored([json({ id: { type: 'integer' } }, ['id']), json({ id: { type: 'integer' }, note: { type: 'string' } }, ['id'])]), { 'schema.type': 'JSON' }, 'BACKWARD');
    expect(t.versions[1]!.changes.map((c) => c.change)).toEqual(['ADDED']);
    expect(t.versions[1]!.breaking).toBe(false);
  });
});
