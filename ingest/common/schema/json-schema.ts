// JSON Schema (draft 7 / 2020-12) -> schemaMetadata fields with DataHub's v2 field paths
// (ingestion/extractor/json_schema_util.py):
//   root object titled Person            [version=2.0].[type=Person]  (untitled: [type=object])
//   property name: string                [version=2.0].[type=Person].[type=string].name
//   nested object address                ...[type=Address].address, then ...address.[type=string].city
//   array tags of strings                ...[type=array].tags, then ...tags.[type=string].string (items named by title or type)
//   map (additionalProperties only)      ...[type=map].[type=integer].counts
//   oneOf/anyOf/allOf or a type list     ...[type=union].u, then ...[type=union].[type=string].u, [type=union_1].u, ...
//   format                               [type=string(date-time)], TimeType (date -> DateType)
// `$ref`s into `$defs` / `definitions` (any local JSON pointer) are followed; a referenced schema
// without a title is named after its last pointer segment, as DataHub's title-swapping callback does.
// An object schema met again below itself is emitted once with `recursive: true`. A chain of
// `$ref`s that only points at itself is an error. ajv checks the schema against its meta-schema.
import { Ajv, type AnySchema } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FieldTypeName, SchemaField, SchemaFieldDataType } from '../../../model/aspects/schema.js';
import { FIELD_PATH_V2_KEY_TOKEN, FIELD_PATH_V2_VERSION_TOKEN } from '../../../model/field-path.js';
import { tagUrn } from '../../../model/urn.js';
import { applyMetaMapping } from './meta-mapping.js';
import {
  UNKNOWN_AUDIT_STAMP,
  dataType,
  failedConversion,
  md5Hex,
  otherSchema,
  schemaField,
  type SchemaConversion,
  type SchemaConversionOptions,
  type SchemaIssue,
} from './types.js';

export type JsonSchemaConversionOptions = SchemaConversionOptions;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class CyclicRefError extends Error {}

const PRIMITIVE_TYPES: Record<string, FieldTypeName> = {
  string: 'StringType', number: 'NumberType', integer: 'NumberType', boolean: 'BooleanType', null: 'NullType',
};
const FORMAT_TYPES: Record<string, FieldTypeName> = { 'date-time': 'TimeType', date: 'DateType', time: 'TimeType' };

function pointer(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(node) && !Array.isArray(node)) return undefined;
    node = (node as Obj)[key];
  }
  return node;
}

class JsonSchemaWalker {
  readonly fields: SchemaField[] = [];
  readonly warnings: SchemaIssue[] = [];

  constructor(
    private readonly root: unknown,
    private readonly options: JsonSchemaConversionOptions,
  ) {}

  /** Follows `$ref`s; a target without a title is titled after its pointer's last segment. */
  deref(schema: unknown, seen: string[] = []): Obj {
    if (typeof schema === 'boolean') return schema ? {} : { not: {} };
    if (!isObj(schema)) return {};
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    if (seen.includes(ref)) throw new CyclicRefError(`cyclic $ref: ${[...seen, ref].join(' -> ')} never reaches a schema`);
    const target = pointer(this.root, ref);
    if (target === undefined) {
      this.warnings.push({ code: 'unresolved-ref', message: `$ref "${ref}" does not resolve inside the schema; typed as null`, at: ref });
      return { type: 'null' };
    }
    const resolved = this.deref(target, [...seen, ref]);
    const { $ref: _ref, ...siblings } = schema;
    const title = resolved.title ?? ref.slice(ref.lastIndexOf('/') + 1);
    return { ...resolved, title, ...siblings };
  }

  static isMap(s: Obj): boolean {
    return isObj(s.additionalProperties) && !s.properties;
  }

  /** DataHub's `_get_type_from_schema`. */
  kind(s: Obj): string {
    if (s.oneOf || s.anyOf || s.allOf) return 'union';
    if (s.enum) return 'enum';
    if (Array.isArray(s.type)) {
      const types = s.type as string[];
      const nonNull = types.filter((t) => t !== 'null');
      if (types.length === 1 || (types.length === 2 && nonNull.length === 1)) {
        const t = nonNull[0] ?? 'null';
        return t === 'object' && JsonSchemaWalker.isMap(s) ? 'map' : t;
      }
      return 'union';
    }
    if (typeof s.type === 'string' && s.type !== 'object') return s.type;
    if (JsonSchemaWalker.isMap(s)) return 'map';
    if (s.items !== undefined && s.type === undefined) return 'array';
    return 'object';
  }

  /** DataHub's `_get_discriminated_type_from_schema`: the name in a `[type=...]` token. */
  discriminated(s: Obj): string {
    const kind = this.kind(s);
    if (kind === 'object' && typeof s.javaType === 'string') return s.javaType.split('.').pop()!;
    if (kind === 'object' && typeof s.title === 'string' && s.properties) return s.title;
    if (typeof s.format === 'string') return `${kind}(${s.format})`;
    return kind;
  }

  visit(parent: string, tokens: string[], name: string | undefined, raw: unknown, required: boolean, ancestors: Obj[], container?: SchemaFieldDataType): void {
    const s = this.deref(raw);
    const kind = this.kind(s);
    const path = (types: string[], withName = name): string =>
      [parent, ...types.map((t) => `[type=${t}]`), ...(withName !== undefined ? [withName] : [])].join('.');
    const nullable = (Array.isArray(s.type) && (s.type as unknown[]).includes('null')) || (name !== undefined && !required) || kind === 'null';
    const base = { schema: s, required, nullable };

    if (kind === 'union') {
      const category = (['oneOf', 'anyOf', 'allOf'] as const).find((k) => Array.isArray(s[k]));
      const options: unknown[] = category ? (s[category] as unknown[]) : (s.type as string[]).map((type) => ({ type }));
      const { oneOf: _o, anyOf: _a, allOf: _l, ...rest } = s;
      const merged = (option: unknown): Obj => {
        const o = this.deref(option);
        const out: Obj = { ...o };
        if (isObj(rest.properties)) out.properties = { ...rest.properties, ...(isObj(o.properties) ? o.properties : {}) };
        if (Array.isArray(rest.required)) out.required = [...rest.required, ...(Array.isArray(o.required) ? o.required : [])];
        if (out.type === undefined && rest.type !== undefined && !Array.isArray(rest.type)) out.type = rest.type;
        return out;
      };
      if (name === undefined && options.length === 1) return this.visit(parent, tokens, name, merged(options[0]), required, ancestors, container);
      const members = options.map((o, i) => {
        const m = merged(o);
        const d = this.discriminated(m);
        return { schema: m, type: d === 'object' ? `union_${i}` : d };
      });
      const unionTokens = [...tokens, 'union'];
      if (name !== undefined) {
        this.emit(path(unionTokens), container ?? dataType('UnionType', { nestedTypes: members.map((m) => m.type) }), `union(${category ?? 'type'})`, base);
      }
      for (const member of members) {
        this.visitAs(parent, unionTokens, name, member.schema, member.type, required, ancestors);
      }
      return;
    }
    return this.visitAs(parent, tokens, name, s, this.discriminated(s), required, ancestors, container);
  }

  visitAs(parent: string, tokens: string[], name: string | undefined, s: Obj, typeToken: string, required: boolean, ancestors: Obj[], container?: SchemaFieldDataType): void {
    const kind = this.kind(s);
    if (kind === 'union') return this.visit(parent, tokens, name, s, required, ancestors, container);
    const path = (types: string[]): string => [parent, ...types.map((t) => `[type=${t}]`), ...(name !== undefined ? [name] : [])].join('.');
    const nullable = (Array.isArray(s.type) && (s.type as unknown[]).includes('null')) || (name !== undefined && !required) || kind === 'null';
    const base = { schema: s, required, nullable };
    const format = typeof s.format === 'string' ? s.format : undefined;

    if (kind === 'object') {
      const recursive = ancestors.find((a) => a === s || (a.title !== undefined && a.title === s.title && a.properties === s.properties));
      const fieldPath = path([...tokens, typeToken]);
      if (recursive) {
        this.emit(fieldPath, container ?? dataType('RecordType'), typeToken, base, true);
        return;
      }
      if (name !== undefined) this.emit(fieldPath, container ?? dataType('RecordType'), typeToken, base);
      const requiredNames = Array.isArray(s.required) ? (s.required as unknown[]) : [];
      for (const [child, childSchema] of Object.entries(isObj(s.properties) ? s.properties : {})) {
        this.visit(fieldPath, [], child, childSchema, requiredNames.includes(child), [...ancestors, s]);
      }
      return;
    }
    if (kind === 'array') {
      const items = this.deref(s.items ?? { type: 'string' });
      const itemsType = this.discriminated(items);
      const fieldPath = path([...tokens, 'array']);
      this.emit(fieldPath, container ?? dataType('ArrayType', { nestedType: [itemsType] }), itemsType === 'array' ? 'array' : `array`, base);
      const itemName = typeof items.title === 'string' ? items.title : this.kind(items);
      this.visit(fieldPath, [], itemName, items, true, ancestors);
      return;
    }
    if (kind === 'map') {
      const values = this.deref(s.additionalProperties);
      const valueType = this.discriminated(values);
      this.visit(parent, [...tokens, 'map'], name, values, required, ancestors, container ?? dataType('MapType', { keyType: 'string', valueType }));
      return;
    }
    if (kind === 'enum') {
      const symbols = (s.enum as unknown[]).map((e) => JSON.stringify(e));
      const description = `${typeof s.description === 'string' ? `${s.description}. ` : ''}One of: ${symbols.join(', ')}`;
      this.emit(path([...tokens, 'enum']), container ?? dataType('EnumType'), 'Enum', { ...base, description });
      return;
    }
    const primitive = PRIMITIVE_TYPES[kind];
    if (!primitive) this.warnings.push({ code: 'unknown-type', message: `unknown JSON Schema type "${kind}" at ${name ?? 'the root'}; typed as null`, at: name });
    const type = container ?? dataType((format && kind === 'string' ? FORMAT_TYPES[format] : undefined) ?? primitive ?? 'NullType');
    const native = format ? `${kind}(${format})` : kind;
    this.emit(path([...tokens, typeToken]), type, native, base);
  }

  emit(fieldPath: string, type: SchemaFieldDataType, native: string, info: { schema: Obj; required: boolean; nullable: boolean; description?: string }, recursive = false): void {
    const s = info.schema;
    let description = info.description ?? (typeof s.description === 'string' ? s.description : 'const' in s ? `Const value: ${JSON.stringify(s.const)}` : undefined);
    if (s.default !== undefined && s.default !== null) description = `${description ?? ''}\nField default value: ${JSON.stringify(s.default)}`;
    const jsonProps: Record<string, unknown> = { required: info.required };
    if ('default' in s) jsonProps.default = s.default;
    const tagsField = this.options.schemaTagsField === undefined ? 'tags' : this.options.schemaTagsField;
    const tags: string[] = [];
    if (tagsField && Array.isArray(s[tagsField])) for (const t of s[tagsField] as unknown[]) if (typeof t === 'string') tags.push(`${this.options.tagPrefix ?? ''}${t}`);
    const mapped = applyMetaMapping(this.options.fieldMetaMapping, s, this.options);
    tags.push(...mapped.tags);
    this.fields.push(
      schemaField({
        fieldPath, type, nativeDataType: native, nullable: info.nullable, description, recursive,
        isPartOfKey: this.options.isKeySchema ?? false,
        globalTags: { tags: [...new Set(tags)].map((t) => ({ tag: tagUrn(t) })) },
        glossaryTerms: { terms: mapped.terms.map((urn) => ({ urn })), auditStamp: this.options.auditStamp ?? UNKNOWN_AUDIT_STAMP },
        jsonProps,
      }),
    );
  }
}

function metaSchemaProblem(schema: unknown): string | undefined {
  if (!isObj(schema)) return undefined;
  const draft = typeof schema.$schema === 'string' ? schema.$schema : '';
  try {
    const ajv = draft.includes('2020-12') ? new Ajv2020({ strict: false }) : new Ajv({ strict: false });
    const valid = ajv.validateSchema(schema as AnySchema);
    return valid ? undefined : ajv.errorsText(ajv.errors, { dataVar: 'schema' });
  } catch {
    return undefined; // a meta-schema ajv does not ship: convert without checking
  }
}

/** Converts a JSON Schema (text or parsed) into schemaMetadata fields. Never throws. */
export function convertJsonSchema(schema: string | object, options: JsonSchemaConversionOptions = {}): SchemaConversion {
  const raw = typeof schema === 'string' ? schema : JSON.stringify(schema);
  let json: unknown;
  try {
    json = typeof schema === 'string' ? JSON.parse(schema) : schema;
  } catch (error) {
    return failedConversion('JSON', raw, { code: 'invalid-json', message: `JSON Schema is not valid JSON: ${(error as Error).message}` });
  }
  if (!isObj(json) && typeof json !== 'boolean') return failedConversion('JSON', raw, { code: 'invalid-json-schema', message: 'a JSON Schema must be an object or a boolean' });
  const problem = metaSchemaProblem(json);
  if (problem) return failedConversion('JSON', raw, { code: 'invalid-json-schema', message: `invalid JSON Schema: ${problem}` });

  const walker = new JsonSchemaWalker(json, options);
  try {
    const root = walker.deref(json);
    const prefix = [FIELD_PATH_V2_VERSION_TOKEN, ...(options.isKeySchema ? [FIELD_PATH_V2_KEY_TOKEN] : [])].join('.');
    walker.visit(prefix, [], undefined, root, true, []);
    const title = isObj(json) && typeof json.title === 'string' ? json.title : undefined;
    const dataset: SchemaConversion['dataset'] = {};
    if (isObj(json) && typeof json.description === 'string') dataset.description = json.description;
    if (isObj(json)) {
      const mapped = applyMetaMapping(options.metaMapping, json, options);
      if (mapped.tags.length) dataset.globalTags = { tags: mapped.tags.map((t) => ({ tag: tagUrn(t) })) };
      if (mapped.terms.length) dataset.glossaryTerms = { terms: mapped.terms.map((urn) => ({ urn })), auditStamp: options.auditStamp ?? UNKNOWN_AUDIT_STAMP };
      if (mapped.owners.length) dataset.ownership = { owners: mapped.owners, ownerTypes: {}, lastModified: options.auditStamp ?? UNKNOWN_AUDIT_STAMP };
    }
    return {
      language: 'JSON',
      ...(title ? { schemaName: title } : {}),
      fields: walker.fields,
      platformSchema: otherSchema(raw),
      hash: md5Hex(JSON.stringify(json)),
      dataset,
      errors: [],
      warnings: walker.warnings,
    };
  } catch (error) {
    const code = error instanceof CyclicRefError ? 'cyclic-ref' : 'conversion-failed';
    return failedConversion('JSON', raw, { code, message: error instanceof CyclicRefError ? error.message : `could not convert JSON Schema: ${(error as Error).message}` }, walker.warnings);
  }
}
