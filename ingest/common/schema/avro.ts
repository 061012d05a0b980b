// Avro schema -> schemaMetadata fields with DataHub's v2 field paths (ingestion/extractor/schema_util.py):
//   record E { a: string }            [version=2.0].[type=E].[type=string].a
//   nested record field r: Inner      [version=2.0].[type=E].[type=Inner].r, then ...r.[type=string].x
//   ["null", T]                        T's path, nullable: true (no union token)
//   union A|B field u                  [type=union].u, then [type=union].[type=A].u and A's fields under it
//   array<array<Foo>> ar              [type=array].[type=array].[type=Foo].ar
//   map<long> m                        [type=map].[type=long].m
//   enum / fixed                       [type=enum].e / [type=fixed].f
// Records are named without their namespace. A record field whose type is one of its own ancestors
// is emitted once with `recursive: true` and not expanded. `logicalType` counts both inside the
// type and written beside it on the field (as the seeds' registry schemas do).
// avsc validates the schema (names, references, defaults) and gives the canonical-form hash; the
// walk itself reads the JSON, so every custom attribute (tags, owners, ...) stays visible.
import avsc from 'avsc';
import type { SchemaField, SchemaFieldDataType, FieldTypeName } from '../../../model/aspects/schema.js';
import { FIELD_PATH_V2_KEY_TOKEN, FIELD_PATH_V2_VERSION_TOKEN } from '../../../model/field-path.js';
import { tagUrn } from '../../../model/urn.js';
import { applyMetaMapping } from './meta-mapping.js';
import {
  UNKNOWN_AUDIT_STAMP,
  dataType,
  failedConversion,
  otherSchema,
  schemaField,
  type SchemaConversion,
  type SchemaConversionOptions,
  type SchemaDatasetMeta,
  type SchemaIssue,
} from './types.js';

export interface AvroConversionOptions extends SchemaConversionOptions {
  /**
   * Schemas this one refers to by name (a registry subject's references, resolved to their texts),
   * in dependency order or any order: their named types are defined before the schema is read.
   */
  references?: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const PRIMITIVES: Record<string, FieldTypeName> = {
  null: 'NullType', boolean: 'BooleanType', int: 'NumberType', long: 'NumberType', float: 'NumberType',
  double: 'NumberType', bytes: 'BytesType', string: 'StringType',
};

const LOGICAL_TYPES: Record<string, FieldTypeName> = {
  date: 'DateType', 'time-millis': 'TimeType', 'time-micros': 'TimeType', 'timestamp-millis': 'TimeType',
  'timestamp-micros': 'TimeType', 'local-timestamp-millis': 'TimeType', 'local-timestamp-micros': 'TimeType',
  decimal: 'NumberType', uuid: 'StringType',
};

/** Attributes the Avro spec defines; everything else on a field or type is a custom property. */
const FIELD_RESERVED = new Set(['name', 'type', 'doc', 'default', 'order', 'aliases']);
const TYPE_RESERVED = new Set(['type', 'name', 'namespace', 'fields', 'items', 'values', 'symbols', 'size', 'doc', 'aliases', 'default']);

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Named {
  fullname: string;
  name: string;
  namespace: string;
  node: JsonObject;
}

/** A schema node with its named type resolved and the namespace its own references resolve in. */
interface Resolved {
  node: Json;
  kind: 'primitive' | 'record' | 'enum' | 'fixed' | 'array' | 'map' | 'union';
  /** The primitive name, or the record's short name, or 'enum' / 'fixed' / 'array' / 'map' / 'union'. */
  token: string;
  named?: Named;
  namespace: string;
}

function splitName(name: string, namespace: string): { fullname: string; namespace: string; short: string } {
  const dot = name.lastIndexOf('.');
  if (dot >= 0) return { fullname: name, namespace: name.slice(0, dot), short: name.slice(dot + 1) };
  return { fullname: namespace ? `${namespace}.${name}` : name, namespace, short: name };
}

/** Every named type in the schema, by full name (Avro defines a name before any use of it). */
function collectNames(node: Json, namespace: string, names: Map<string, Named>): void {
  if (Array.isArray(node)) {
    for (const member of node) collectNames(member, namespace, names);
    return;
  }
  if (!isObject(node)) return;
  let inner = namespace;
  const type = node.type;
  if ((type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') && typeof node.name === 'string') {
    const ns = typeof node.namespace === 'string' ? node.namespace : namespace;
    const { fullname, namespace: own, short } = splitName(node.name, ns);
    names.set(fullname, { fullname, name: short, namespace: own, node });
    inner = own;
  }
  if (Array.isArray(node.fields)) for (const field of node.fields) if (isObject(field)) collectNames(field.type ?? null, inner, names);
  if (node.items !== undefined) collectNames(node.items, inner, names);
  if (node.values !== undefined) collectNames(node.values, inner, names);
  if (typeof type === 'object') collectNames(type, inner, names);
}

class AvroWalker {
  readonly fields: SchemaField[] = [];
  readonly warnings: SchemaIssue[] = [];

  constructor(
    private readonly names: Map<string, Named>,
    private readonly options: AvroConversionOptions,
  ) {}

  resolve(node: Json, namespace: string): Resolved {
    if (Array.isArray(node)) return { node, kind: 'union', token: 'union', namespace };
    if (typeof node === 'string') {
      if (node in PRIMITIVES) return { node, kind: 'primitive', token: node, namespace };
      const named = this.names.get(node.includes('.') ? node : namespace ? `${namespace}.${node}` : node) ?? this.names.get(node);
      if (!named) throw new Error(`unknown type "${node}"`);
      return this.resolve(named.node, named.namespace);
    }
    if (!isObject(node)) throw new Error(`not an Avro type: ${JSON.stringify(node)}`);
    const type = node.type;
    if (typeof type === 'string' && type in PRIMITIVES) return { node, kind: 'primitive', token: type, namespace };
    if (type === 'array' || type === 'map') return { node, kind: type, token: type, namespace };
    if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
      const ns = typeof node.namespace === 'string' ? node.namespace : namespace;
      const { fullname, namespace: own, short } = splitName(String(node.name), ns);
      const named = this.names.get(fullname) ?? { fullname, name: short, namespace: own, node };
      const kind = type === 'error' ? 'record' : type;
      return { node, kind, token: kind === 'record' ? short : kind, named, namespace: own };
    }
    // `{"type": "Foo"}` or `{"type": [...]}`: a wrapped reference or union.
    if (type !== undefined) return this.resolve(type, namespace);
    throw new Error(`type without "type": ${JSON.stringify(node)}`);
  }

  /** The name DataHub puts in ArrayType.nestedType / MapType.valueType / UnionType.nestedTypes. */
  typeName(resolved: Resolved): string {
    if (isObject(resolved.node) && typeof resolved.node.logicalType === 'string') return resolved.node.logicalType;
    if (resolved.kind === 'union') {
      const members = (resolved.node as Json[]).filter((m) => m !== 'null');
      if (members.length === 1 && (resolved.node as Json[]).length === 2) return this.typeName(this.resolve(members[0]!, resolved.namespace));
    }
    return resolved.token;
  }

  leafType(resolved: Resolved, fieldLogicalType: string | undefined, at: string): SchemaFieldDataType {
    const logical = (isObject(resolved.node) && typeof resolved.node.logicalType === 'string' ? resolved.node.logicalType : undefined) ?? fieldLogicalType;
    if (logical !== undefined) {
      const mapped = LOGICAL_TYPES[logical];
      if (mapped) return dataType(mapped);
      this.warnings.push({ code: 'unknown-logical-type', message: `unknown logicalType "${logical}" on ${at}; kept as ${resolved.token}`, at });
    }
    if (resolved.kind === 'enum') return dataType('EnumType');
    if (resolved.kind === 'fixed') return dataType('FixedType');
    return dataType(PRIMITIVES[resolved.token] ?? 'NullType');
  }

  /** Emits the fields for one Avro field (or, with `field` undefined, for a top-level non-record schema). */
  visit(
    parent: string,
    tokens: string[],
    field: JsonObject | undefined,
    schema: Json,
    namespace: string,
    ancestors: ReadonlySet<string>,
    nullable: boolean,
    container?: { type: SchemaFieldDataType; native: string },
  ): void {
    const resolved = this.resolve(schema, namespace);
    const name = field && typeof field.name === 'string' ? field.name : undefined;
    const path = (types: string[]): string => [parent, ...types.map((t) => `[type=${t}]`), ...(name !== undefined ? [name] : [])].join('.');
    const at = name ?? 'the schema';

    if (resolved.kind === 'union') {
      const members = resolved.node as Json[];
      const nonNull = members.filter((m) => m !== 'null');
      const hasNull = nonNull.length < members.length;
      if (members.length === 2 && nonNull.length === 1) {
        this.visit(parent, tokens, field, nonNull[0]!, resolved.namespace, ancestors, true, container);
        return;
      }
      const unionTokens = [...tokens, 'union'];
      const nestedTypes = nonNull.map((m) => this.typeName(this.resolve(m, resolved.namespace)));
      this.emit(path(unionTokens), field, resolved, container?.type ?? dataType('UnionType', { nestedTypes }), container?.native ?? 'union', nullable || hasNull);
      for (const member of nonNull) this.visit(parent, unionTokens, field, member, resolved.namespace, ancestors, hasNull);
      return;
    }
    if (resolved.kind === 'array' || resolved.kind === 'map') {
      const node = resolved.node as JsonObject;
      const inner = (resolved.kind === 'array' ? node.items : node.values) ?? null;
      const innerName = this.typeName(this.resolve(inner, resolved.namespace));
      const outer = container ?? {
        type: resolved.kind === 'array' ? dataType('ArrayType', { nestedType: [innerName] }) : dataType('MapType', { keyType: 'string', valueType: innerName }),
        native: resolved.kind,
      };
      this.visit(parent, [...tokens, resolved.kind], field, inner, resolved.namespace, ancestors, nullable, outer);
      return;
    }
    const fieldPath = path([...tokens, resolved.token]);
    if (resolved.kind === 'record') {
      const fullname = resolved.named!.fullname;
      const recursive = ancestors.has(fullname);
      if (field === undefined) {
        // A record at the top of a union: its fields hang under `[type=union].[type=R]`, no field for R itself.
        this.visitRecordFields(fieldPath, resolved, new Set([...ancestors, fullname]));
        return;
      }
      this.emit(fieldPath, field, resolved, container?.type ?? dataType('RecordType'), container?.native ?? resolved.token, nullable, recursive);
      if (!recursive) this.visitRecordFields(fieldPath, resolved, new Set([...ancestors, fullname]));
      return;
    }
    const fieldLogical = field && typeof field.logicalType === 'string' ? field.logicalType : undefined;
    const type = container?.type ?? this.leafType(resolved, fieldLogical, at);
    this.emit(fieldPath, field, resolved, type, container?.native ?? resolved.token, nullable || resolved.token === 'null');
  }

  visitRecordFields(path: string, record: Resolved, ancestors: ReadonlySet<string>): void {
    const node = record.node as JsonObject;
    for (const child of Array.isArray(node.fields) ? node.fields : []) {
      if (!isObject(child)) continue;
      this.visit(path, [], child, child.type ?? null, record.namespace, ancestors, this.options.defaultNullable ?? false);
    }
  }

  emit(fieldPath: string, field: JsonObject | undefined, resolved: Resolved, type: SchemaFieldDataType, native: string, nullable: boolean, recursive = false): void {
    const typeNode = isObject(resolved.node) ? resolved.node : {};
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(typeNode)) if (!TYPE_RESERVED.has(k)) props[k] = v;
    if (field) for (const [k, v] of Object.entries(field)) if (!FIELD_RESERVED.has(k)) props[k] = v;
    const hasDefault = field !== undefined && 'default' in field;
    if (hasDefault) props.default = field.default;

    let description = (field && typeof field.doc === 'string' ? field.doc : undefined) ?? (typeof typeNode.doc === 'string' ? typeNode.doc : undefined);
    const tags: string[] = [];
    if ('deprecated' in props) {
      description = `<span style="color:red">DEPRECATED: ${String(props.deprecated)}</span>\n${description ?? ''}`;
      tags.push('Deprecated');
    }
    if (description && hasDefault) description += `\nField default value: ${JSON.stringify(field.default)}`;

    const tagsField = this.options.schemaTagsField === undefined ? 'tags' : this.options.schemaTagsField;
    const prefix = this.options.tagPrefix ?? '';
    if (tagsField && Array.isArray(props[tagsField])) for (const t of props[tagsField] as unknown[]) if (typeof t === 'string') tags.push(`${prefix}${t}`);
    const mapped = applyMetaMapping(this.options.fieldMetaMapping, props, this.options);
    for (const problem of mapped.problems) this.warnings.push({ code: 'meta-mapping', message: problem, at: fieldPath });
    tags.push(...mapped.tags);

    this.fields.push(
      schemaField({
        fieldPath,
        type,
        nativeDataType: native,
        nullable,
        description,
        recursive,
        isPartOfKey: this.options.isKeySchema ?? false,
        globalTags: { tags: [...new Set(tags)].map((t) => ({ tag: tagUrn(t) })) },
        glossaryTerms: { terms: mapped.terms.map((urn) => ({ urn })), auditStamp: this.options.auditStamp ?? UNKNOWN_AUDIT_STAMP },
        jsonProps: props,
      }),
    );
  }
}

function datasetMeta(root: Json, options: AvroConversionOptions, warnings: SchemaIssue[]): SchemaDatasetMeta {
  if (!isObject(root)) return {};
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root)) if (!TYPE_RESERVED.has(k)) props[k] = v;
  const meta: SchemaDatasetMeta = {};
  if (typeof root.doc === 'string') meta.description = root.doc;
  const tagsField = options.schemaTagsField === undefined ? 'tags' : options.schemaTagsField;
  const tags: string[] = [];
  if (tagsField && Array.isArray(props[tagsField])) for (const t of props[tagsField] as unknown[]) if (typeof t === 'string') tags.push(`${options.tagPrefix ?? ''}${t}`);
  const mapped = applyMetaMapping(options.metaMapping, props, options);
  for (const problem of mapped.problems) warnings.push({ code: 'meta-mapping', message: problem });
  tags.push(...mapped.tags);
  if (tags.length > 0) meta.globalTags = { tags: [...new Set(tags)].map((t) => ({ tag: tagUrn(t) })) };
  if (mapped.terms.length > 0) meta.glossaryTerms = { terms: mapped.terms.map((urn) => ({ urn })), auditStamp: options.auditStamp ?? UNKNOWN_AUDIT_STAMP };
  if (mapped.owners.length > 0) meta.ownership = { owners: mapped.owners, ownerTypes: {}, lastModified: options.auditStamp ?? UNKNOWN_AUDIT_STAMP };
  return meta;
}

function parseText(schema: string): { ok: true; json: Json } | { ok: false; message: string } {
  const text = schema.trim();
  try {
    return { ok: true, json: JSON.parse(text) as Json };
  } catch (error) {
    // A registry may hand back a bare primitive name: `int`.
    if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(text)) return { ok: true, json: text };
    return { ok: false, message: `Avro schema is not valid JSON: ${(error as Error).message}` };
  }
}

/**
 * Converts an Avro schema (text, or already-parsed JSON) into schemaMetadata fields. Never throws:
 * an invalid schema comes back with `errors` naming the problem and no fields.
 */
export function convertAvroSchema(schema: string | object, options: AvroConversionOptions = {}): SchemaConversion {
  const raw = typeof schema === 'string' ? schema : JSON.stringify(schema);
  const parsed = typeof schema === 'string' ? parseText(schema) : ({ ok: true, json: schema as Json } as const);
  if (!parsed.ok) return failedConversion('AVRO', raw, { code: 'invalid-json', message: parsed.message });

  const registry: Record<string, avsc.Type> = {};
  const referenced: Json[] = [];
  const pending = [...(options.references ?? [])];
  // References may come in any order: define what can be defined, then try the rest again.
  for (let progress = true; pending.length > 0 && progress; ) {
    progress = false;
    for (const text of [...pending]) {
      const ref = parseText(text);
      if (!ref.ok) return failedConversion('AVRO', raw, { code: 'invalid-reference', message: `a referenced schema is not valid JSON: ${ref.message}` });
      try {
        // A failed attempt may leave half-defined names behind, so each attempt works on a copy.
        const trial = { ...registry };
        avsc.Type.forSchema(ref.json as avsc.Schema, { wrapUnions: 'auto', registry: trial });
        Object.assign(registry, trial);
        referenced.push(ref.json);
        pending.splice(pending.indexOf(text), 1);
        progress = true;
      } catch {
        // depends on a reference not defined yet
      }
    }
  }
  for (const text of pending) {
    try {
      avsc.Type.forSchema((parseText(text) as { json: Json }).json as avsc.Schema, { wrapUnions: 'auto', registry: { ...registry } });
    } catch (error) {
      return failedConversion('AVRO', raw, { code: 'invalid-reference', message: `a referenced schema is not valid Avro: ${(error as Error).message}` });
    }
  }

  let avroType: avsc.Type;
  try {
    avroType = avsc.Type.forSchema(parsed.json as avsc.Schema, { wrapUnions: 'auto', registry });
  } catch (error) {
    return failedConversion('AVRO', raw, { code: 'invalid-avro', message: `invalid Avro schema: ${(error as Error).message}` });
  }

  const warnings: SchemaIssue[] = [];
  try {
    const names = new Map<string, Named>();
    for (const ref of referenced) collectNames(ref, '', names);
    collectNames(parsed.json, '', names);
    const walker = new AvroWalker(names, options);
    const root = walker.resolve(parsed.json, '');
    const prefix = [FIELD_PATH_V2_VERSION_TOKEN, ...(options.isKeySchema ? [FIELD_PATH_V2_KEY_TOKEN] : [])].join('.');
    let schemaName: string | undefined;
    if (root.kind === 'record') {
      schemaName = root.named!.fullname;
      walker.visitRecordFields(`${prefix}.[type=${root.token}]`, root, new Set([root.named!.fullname]));
    } else {
      if (root.named) schemaName = root.named.fullname;
      walker.visit(prefix, [], undefined, parsed.json, '', new Set(), options.defaultNullable ?? false);
    }
    warnings.push(...walker.warnings);
    return {
      language: 'AVRO',
      ...(schemaName !== undefined ? { schemaName } : {}),
      fields: walker.fields,
      platformSchema: otherSchema(raw),
      hash: avroType.fingerprint('md5').toString('hex'),
      dataset: datasetMeta(isObject(parsed.json) && parsed.json.type === 'record' ? parsed.json : null, options, warnings),
      errors: [],
      warnings,
    };
  } catch (error) {
    return failedConversion('AVRO', raw, { code: 'conversion-failed', message: `could not convert Avro schema: ${(error as Error).message}` }, warnings);
  }
}
