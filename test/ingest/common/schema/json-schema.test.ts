import { describe, expect, it } from 'vitest';
import { convertJsonSchema, schemaMetadata } from '../../../../ingest/common/schema/index.js';
import { validateAspect } from '../../../../model/aspects/registry.js';

const typeOf = (f: { type: { type: Record<string, unknown> } }): string => Object.keys(f.type.type)[0]!.replace('com.linkedin.schema.', '');
const summary = (fields: Array<{ fieldPath: string; type: { type: Record<string, unknown> }; nullable?: boolean; recursive?: boolean }>) =>
  fields.map((f) => [f.fieldPath, typeOf(f), f.nullable]);

describe('the JSON Schema converter', () => {
  it('walks objects, nested objects, arrays, enums and formats with required fields not nullable', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#', title: 'Person', type: 'object', required: ['id'],
      properties: {
        id: { type: 'integer', description: 'the id' },
        born: { type: 'string', format: 'date' },
        updated: { type: 'string', format: 'date-time' },
        status: { enum: ['active', 'gone'] },
        address: { title: 'Address', type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        nicknames: { type: 'array', items: { type: 'string' } },
      },
    };
    const result = convertJsonSchema(schema);
    expect(result.errors).toEqual([]);
    expect(summary(result.fields)).toEqual([
      ['[version=2.0].[type=Person].[type=integer].id', 'NumberType', false],
      ['[version=2.0].[type=Person].[type=string(date)].born', 'DateType', true],
      ['[version=2.0].[type=Person].[type=string(date-time)].updated', 'TimeType', true],
      ['[version=2.0].[type=Person].[type=enum].status', 'EnumType', true],
      ['[version=2.0].[type=Person].[type=Address].address', 'RecordType', true],
      ['[version=2.0].[type=Person].[type=Address].address.[type=string].city', 'StringType', false],
      ['[version=2.0].[type=Person].[type=array].nicknames', 'ArrayType', true],
      ['[version=2.0].[type=Person].[type=array].nicknames.[type=string].string', 'StringType', false],
    ]);
    expect(result.fields[0]!.description).toBe('the id');
    expect(result.fields[0]!.jsonProps).toBe('{"required":true}');
    expect(result.fields[3]!.description).toBe('One of: "active", "gone"');
    expect(validateAspect('schemaMetadata', schemaMetadata(result, { schemaName: 'person', platform: 'kafka' })).ok).toBe(true);
  });

  it('follows $ref into $defs and marks recursion instead of expanding it forever', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'Tree', type: 'object',
      properties: { root: { $ref: '#/$defs/Node' } },
      $defs: {
        Node: {
          type: 'object',
          properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } }, parent: { $ref: '#/$defs/Node' } },
        },
      },
    };
    const result = convertJsonSchema(schema);
    expect(result.errors).toEqual([]);
    expect(result.fields.map((f) => [f.fieldPath, f.recursive])).toEqual([
      ['[version=2.0].[type=Tree].[type=Node].root', false],
      ['[version=2.0].[type=Tree].[type=Node].root.[type=string].name', false],
      ['[version=2.0].[type=Tree].[type=Node].root.[type=array].children', false],
      ['[version=2.0].[type=Tree].[type=Node].root.[type=array].children.[type=Node].Node', true],
      ['[version=2.0].[type=Tree].[type=Node].root.[type=Node].parent', true],
    ]);
  });

  it('follows draft-7 definitions and turns oneOf and type lists into unions or nullables', () => {
    const schema = {
      type: 'object',
      definitions: { Card: { type: 'object', properties: { number: { type: 'string' } } } },
      properties: {
        payment: { oneOf: [{ $ref: '#/definitions/Card' }, { type: 'string' }] },
        note: { type: ['string', 'null'] },
        counts: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    };
    const result = convertJsonSchema(schema);
    expect(summary(result.fields)).toEqual([
      ['[version=2.0].[type=object].[type=union].payment', 'UnionType', true],
      ['[version=2.0].[type=object].[type=union].[type=Card].payment', 'RecordType', true],
      ['[version=2.0].[type=object].[type=union].[type=Card].payment.[type=string].number', 'StringType', true],
      ['[version=2.0].[type=object].[type=union].[type=string].payment', 'StringType', true],
      ['[version=2.0].[type=object].[type=string].note', 'StringType', true],
      ['[version=2.0].[type=object].[type=map].[type=integer].counts', 'MapType', true],
    ]);
    expect(result.fields[0]!.nativeDataType).toBe('union(oneOf)');
  });

  it('writes the key token for a key schema', () => {
    const result = convertJsonSchema({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }, { isKeySchema: true });
    expect(result.fields[0]!.fieldPath).toBe('[version=2.0].[key=True].[type=object].[type=string].id');
    expect(result.fields[0]!.isPartOfKey).toBe(true);
  });

  it('returns a clear error for a $ref cycle that never reaches a schema', () => {
    const result = convertJsonSchema({ type: 'object', properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } } });
    expect(result.fields).toEqual([]);
    expect(result.errors).toEqual([{ code: 'cyclic-ref', message: 'cyclic $ref: #/$defs/A -> #/$defs/B -> #/$defs/A never reaches a schema' }]);
  });

  it('returns a clear error for text that is not JSON or not a valid schema', () => {
    expect(convertJsonSchema('{"type": ').errors[0]!.code).toBe('invalid-json');
    const invalid = convertJsonSchema({ type: 'object', properties: { a: { type: 'strng' } } });
    expect(invalid.errors[0]!.code).toBe('invalid-json-schema');
    expect(invalid.errors[0]!.message).toMatch(/^invalid JSON Schema: schema\/properties\/a\/type/);
  });
});
