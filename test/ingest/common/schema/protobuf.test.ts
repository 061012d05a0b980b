import { describe, expect, it } from 'vitest';
import { convertProtobufSchema, schemaMetadata } from '../../../../ingest/common/schema/index.js';
import { validateAspect } from '../../../../model/aspects/registry.js';

const typeOf = (f: { type: { type: Record<string, unknown> } }): string => Object.keys(f.type.type)[0]!.replace('com.linkedin.schema.', '');

const ADDRESS = `syntax = "proto3";
package acme.common;
// A postal address.
message Address {
  string city = 1;
  string country = 2;
}
`;

const PERSON = `syntax = "proto3";
package acme;
import "common/address.proto";
import "google/protobuf/timestamp.proto";

message Person {
  // The person's name.
  string name = 1;
  int64 id = 2;
  repeated string emails = 3;
  acme.common.Address home = 4;
  map<string, int32> scores = 5;
  Kind kind = 6;
  google.protobuf.Timestamp created_at = 7;
  oneof contact {
    string phone = 8;
    acme.common.Address office = 9;
  }
  Person manager = 10;
  enum Kind { UNKNOWN = 0; EMPLOYEE = 1; }
}
`;

describe('the Protobuf converter', () => {
  it('resolves imports from named files and follows DataHub\'s protobuf field paths', () => {
    const result = convertProtobufSchema(PERSON, { fileName: 'person.proto', files: { 'common/address.proto': ADDRESS } });
    expect(result.errors).toEqual([]);
    expect(result.schemaName).toBe('acme.Person');
    expect(result.fields.map((f) => [f.fieldPath, typeOf(f), f.nativeDataType])).toEqual([
      ['[version=2.0].[type=acme_Person].[type=string].name', 'StringType', 'string'],
      ['[version=2.0].[type=acme_Person].[type=long].id', 'NumberType', 'int64'],
      ['[version=2.0].[type=acme_Person].[type=array].[type=string].emails', 'ArrayType', 'repeated string'],
      ['[version=2.0].[type=acme_Person].[type=acme_common_Address].home', 'RecordType', 'acme.common.Address'],
      ['[version=2.0].[type=acme_Person].[type=acme_common_Address].home.[type=string].city', 'StringType', 'string'],
      ['[version=2.0].[type=acme_Person].[type=acme_common_Address].home.[type=string].country', 'StringType', 'string'],
      ['[version=2.0].[type=acme_Person].[type=map].[type=int].scores', 'MapType', 'map<string,int32>'],
      ['[version=2.0].[type=acme_Person].[type=enum].kind', 'EnumType', 'acme.Person.Kind'],
      ['[version=2.0].[type=acme_Person].[type=google_protobuf_Timestamp].created_at', 'TimeType', 'google.protobuf.Timestamp'],
      ['[version=2.0].[type=acme_Person].[type=union].contact', 'UnionType', 'oneof'],
      ['[version=2.0].[type=acme_Person].[type=union].contact.[type=string].phone', 'StringType', 'string'],
      ['[version=2.0].[type=acme_Person].[type=union].contact.[type=acme_common_Address].office', 'RecordType', 'acme.common.Address'],
      ['[version=2.0].[type=acme_Person].[type=union].contact.[type=acme_common_Address].office.[type=string].city', 'StringType', 'string'],
      ['[version=2.0].[type=acme_Person].[type=union].contact.[type=acme_common_Address].office.[type=string].country', 'StringType', 'string'],
      ['[version=2.0].[type=acme_Person].[type=acme_Person].manager', 'RecordType', 'acme.Person'],
    ]);
    expect(result.fields[0]!.description).toBe("The person's name.");
    expect(result.fields.every((f) => f.nullable)).toBe(true);
    expect(result.fields.at(-1)!.recursive).toBe(true);
    expect(result.fields[6]!.type.type).toEqual({ 'com.linkedin.schema.MapType': { keyType: 'string', valueType: 'int32' } });
    expect(validateAspect('schemaMetadata', schemaMetadata(result, { schemaName: 'people', platform: 'kafka' })).ok).toBe(true);
  });

  it('describes the message asked for, with the key token for a key schema', () => {
    const result = convertProtobufSchema(ADDRESS, { messageName: 'acme.common.Address', isKeySchema: true });
    expect(result.fields.map((f) => f.fieldPath)).toEqual([
      '[version=2.0].[key=True].[type=acme_common_Address].[type=string].city',
      '[version=2.0].[key=True].[type=acme_common_Address].[type=string].country',
    ]);
    expect(result.dataset.description).toBe('A postal address.');
  });

  it('returns a clear error for a broken .proto', () => {
    const result = convertProtobufSchema('syntax = "proto3";\nmessage Broken {\n  string name = ;\n}\n', { fileName: 'broken.proto' });
    expect(result.fields).toEqual([]);
    expect(result.errors[0]!.code).toBe('invalid-protobuf');
    expect(result.errors[0]!.message).toMatch(/^broken\.proto: illegal .*line 3/);
  });

  it('returns a clear error for an import that was not given', () => {
    const result = convertProtobufSchema(PERSON, { fileName: 'person.proto' });
    expect(result.errors).toEqual([{ code: 'missing-import', message: 'person.proto imports "common/address.proto", which is not among the given files (none)' }]);
  });

  it('returns a clear error for cyclic imports', () => {
    const a = 'syntax = "proto3";\nimport "b.proto";\nmessage A { B b = 1; }\n';
    const b = 'syntax = "proto3";\nimport "a.proto";\nmessage B { A a = 1; }\n';
    const result = convertProtobufSchema(a, { fileName: 'a.proto', files: { 'a.proto': a, 'b.proto': b } });
    expect(result.errors).toEqual([{ code: 'cyclic-import', message: 'cyclic import: a.proto -> b.proto -> a.proto' }]);
  });

  it('returns a clear error for a type that does not exist', () => {
    const result = convertProtobufSchema('syntax = "proto3";\nmessage A { Missing m = 1; }\n', { fileName: 'a.proto' });
    expect(result.errors[0]!.code).toBe('invalid-protobuf');
    expect(result.errors[0]!.message).toMatch(/^a\.proto: no such Type or Enum 'Missing' in Type \.A/);
  });
});
