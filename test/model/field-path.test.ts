import { describe, expect, it } from 'vitest';
import {
  childFieldPathV2,
  fieldName,
  fieldPathV2,
  isKeySchemaFieldPath,
  isV2FieldPath,
  parentFieldPath,
  rootFieldPathV2,
  simpleFieldPath,
  tokenizeFieldPath,
} from '../../model/index.js';

describe('building v2 field paths', () => {
  it('writes a record field as root type, field type, name', () => {
    expect(fieldPathV2('E', [{ name: 'a', types: ['string'] }])).toBe('[version=2.0].[type=E].[type=string].a');
  });

  it('writes nested records one field at a time', () => {
    const rcd = fieldPathV2('E', [{ name: 'nestedRcd', types: ['InnerRcd'] }]);
    expect(rcd).toBe('[version=2.0].[type=E].[type=InnerRcd].nestedRcd');
    expect(childFieldPathV2(rcd, ['string'], 'aStringField')).toBe(
      '[version=2.0].[type=E].[type=InnerRcd].nestedRcd.[type=string].aStringField',
    );
  });

  it('writes unions, arrays and maps as chains of type tokens', () => {
    const root = rootFieldPathV2('ABUnion');
    expect(childFieldPathV2(root, ['union'], 'a')).toBe('[version=2.0].[type=ABUnion].[type=union].a');
    expect(childFieldPathV2(childFieldPathV2(root, ['union', 'A'], 'a'), ['string'], 'f')).toBe(
      '[version=2.0].[type=ABUnion].[type=union].[type=A].a.[type=string].f',
    );
    expect(fieldPathV2('NestedArray', [{ name: 'ar', types: ['array', 'array', 'Foo'] }])).toBe(
      '[version=2.0].[type=NestedArray].[type=array].[type=array].[type=Foo].ar',
    );
    expect(fieldPathV2('R', [{ name: 'a_map_of_longs_field', types: ['map', 'long'] }])).toBe(
      '[version=2.0].[type=R].[type=map].[type=long].a_map_of_longs_field',
    );
  });

  it('marks key schema fields with [key=True]', () => {
    const path = fieldPathV2('Key', [{ name: 'id', types: ['long'] }], { isKeySchema: true });
    expect(path).toBe('[version=2.0].[key=True].[type=Key].[type=long].id');
    expect(isKeySchemaFieldPath(path)).toBe(true);
    expect(isKeySchemaFieldPath('[version=2.0].[type=E].[type=string].a')).toBe(false);
  });

  it('refuses names and types that would break the path', () => {
    expect(() => fieldPathV2('E', [{ name: '[x]', types: ['string'] }])).toThrow('invalid field name "[x]"');
    expect(() => rootFieldPathV2('')).toThrow('invalid field path type ""');
    expect(() => childFieldPathV2('a.b', ['string'], 'c')).toThrow('not a v2 field path: a.b');
  });
});

describe('reading field paths', () => {
  it('tells v2 paths from v1 paths', () => {
    expect(isV2FieldPath('[version=2.0].[type=E].[type=string].a')).toBe(true);
    expect(isV2FieldPath('address.zip')).toBe(false);
  });

  it('drops every bracket token for the simple path', () => {
    expect(simpleFieldPath('[version=2.0].[type=ABUnion].[type=union].[type=A].a.[type=string].f')).toBe('a.f');
    expect(simpleFieldPath('[version=2.0].[key=True].[type=Key].[type=long].id')).toBe('id');
    expect(simpleFieldPath('address.zip')).toBe('address.zip');
  });

  it('gives the last field name', () => {
    expect(fieldName('[version=2.0].[type=E].[type=InnerRcd].nestedRcd.[type=string].aStringField')).toBe('aStringField');
    expect(fieldName('address.zip')).toBe('zip');
  });

  it('splits a v2 path into tokens, keeping the version token whole', () => {
    expect(tokenizeFieldPath('[version=2.0].[key=True].[type=K].[type=long].id')).toEqual([
      { kind: 'version', text: '[version=2.0]' },
      { kind: 'key', text: '[key=True]' },
      { kind: 'type', text: '[type=K]', type: 'K' },
      { kind: 'type', text: '[type=long]', type: 'long' },
      { kind: 'field', text: 'id' },
    ]);
  });
});

describe('the parent of a field', () => {
  it('is the enclosing field for a nested v2 field', () => {
    expect(parentFieldPath('[version=2.0].[type=E].[type=InnerRcd].nestedRcd.[type=string].aStringField')).toBe(
      '[version=2.0].[type=E].[type=InnerRcd].nestedRcd',
    );
    expect(parentFieldPath('[version=2.0].[type=ABUnion].[type=union].[type=A].a.[type=string].f')).toBe(
      '[version=2.0].[type=ABUnion].[type=union].[type=A].a',
    );
  });

  it('is null for a top-level field', () => {
    expect(parentFieldPath('[version=2.0].[type=E].[type=string].a')).toBeNull();
    expect(parentFieldPath('[version=2.0].[key=True].[type=string]')).toBeNull();
    expect(parentFieldPath('id')).toBeNull();
  });

  it('is the dotted prefix for a v1 path', () => {
    expect(parentFieldPath('address.geo.lat')).toBe('address.geo');
  });
});
