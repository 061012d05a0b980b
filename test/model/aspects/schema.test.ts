import { describe, expect, it } from 'vitest';
import { SchemaField, fieldDataType, fieldTypeName } from '../../../model/index.js';

describe('schema field data types', () => {
  it('are built as unions keyed by the com.linkedin.schema record name', () => {
    expect(fieldDataType('StringType')).toEqual({ type: { 'com.linkedin.schema.StringType': {} } });
    expect(fieldDataType('ArrayType', { nestedType: ['string'] })).toEqual({
      type: { 'com.linkedin.schema.ArrayType': { nestedType: ['string'] } },
    });
  });

  it('read back as their short name', () => {
    expect(fieldTypeName(fieldDataType('RecordType'))).toBe('RecordType');
    expect(fieldTypeName({ type: { 'com.example.Other': {} } })).toBeUndefined();
  });

  it('make a valid schema field with a path, type and native type', () => {
    const field = { fieldPath: 'id', type: fieldDataType('NumberType'), nativeDataType: 'INTEGER' };
    expect(SchemaField.safeParse(field).success).toBe(true);
    expect(SchemaField.safeParse({ fieldPath: 'id', type: fieldDataType('NumberType') }).success).toBe(false);
  });
});
