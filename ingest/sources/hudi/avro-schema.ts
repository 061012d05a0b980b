// A minimal Avro record schema -> schemaMetadata fields conversion (v1 simple field paths:
// `col`, `struct.child`), with DataHub's field types. Local to the Hudi source until the shared
// Avro converter in ingest/common/schema/ lands; then this file goes and the source calls that.
import type { AspectValue } from '../../../model/mcp.js';
import { fieldDataType, type FieldTypeName } from '../../../model/aspects/schema.js';

type AvroType = string | AvroType[] | { type: AvroType; [k: string]: unknown };

export interface ConvertedField {
  fieldPath: string;
  nullable: boolean;
  type: AspectValue;
  nativeDataType: string;
  description?: string;
}

export class AvroSchemaError extends Error {
  override name = 'AvroSchemaError';
}

const PRIMITIVES: Record<string, FieldTypeName> = {
  null: 'NullType', boolean: 'BooleanType', int: 'NumberType', long: 'NumberType', float: 'NumberType', double: 'NumberType',
  bytes: 'BytesType', string: 'StringType',
};
const LOGICAL: Record<string, FieldTypeName> = {
  date: 'DateType', 'time-millis': 'TimeType', 'time-micros': 'TimeType', 'timestamp-millis': 'TimeType', 'timestamp-micros': 'TimeType',
  'local-timestamp-millis': 'TimeType', 'local-timestamp-micros': 'TimeType', decimal: 'NumberType', uuid: 'StringType',
};

/** The top-level field names of an Avro record schema (JSON text). */
export function avroFieldNames(schemaJson: string): string[] {
  const schema = parseRecord(schemaJson);
  return (schema.fields as Array<{ name: string }>).map((f) => f.name);
}

function parseRecord(schemaJson: string): Record<string, unknown> {
  let schema: unknown;
  try {
    schema = JSON.parse(schemaJson);
  } catch (e) {
    throw new AvroSchemaError(`schema is not JSON: ${(e as Error).message}`);
  }
  const rec = schema as Record<string, unknown>;
  if (!rec || typeof rec !== 'object' || rec.type !== 'record' || !Array.isArray(rec.fields)) throw new AvroSchemaError('schema is not an Avro record');
  return rec;
}

/** Fields of an Avro record schema, nested records flattened to `parent.child`. */
export function avroRecordFields(schemaJson: string): ConvertedField[] {
  const out: ConvertedField[] = [];
  const named = new Map<string, AvroType>();
  walkFields(parseRecord(schemaJson), '', out, named, new Set());
  return out;
}

function walkFields(record: Record<string, unknown>, prefix: string, out: ConvertedField[], named: Map<string, AvroType>, seen: Set<string>): void {
  const name = fullName(record);
  if (name) {
    named.set(name, record as AvroType);
    seen = new Set(seen).add(name);
  }
  for (const f of record.fields as Array<{ name: string; type: AvroType; doc?: string }>) {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    const { type, nullable } = unwrapNullable(f.type);
    const resolved = resolve(type, named);
    const field: ConvertedField = { fieldPath: path, nullable, ...describe(resolved) };
    if (typeof f.doc === 'string' && f.doc) field.description = f.doc;
    const recName = isRecord(resolved) ? fullName(resolved as Record<string, unknown>) : null;
    out.push(field);
    // A record that contains itself is listed once, not expanded again.
    if (isRecord(resolved) && !(recName && seen.has(recName))) walkFields(resolved as Record<string, unknown>, path, out, named, seen);
  }
}

function fullName(r: Record<string, unknown>): string | null {
  if (typeof r.name !== 'string') return null;
  return r.name.includes('.') || typeof r.namespace !== 'string' ? r.name : `${r.namespace}.${r.name}`;
}

function isRecord(t: AvroType): boolean {
  return typeof t === 'object' && !Array.isArray(t) && t.type === 'record';
}

function resolve(t: AvroType, named: Map<string, AvroType>): AvroType {
  return typeof t === 'string' && !(t in PRIMITIVES) ? (named.get(t) ?? [...named.entries()].find(([k]) => k.endsWith(`.${t}`))?.[1] ?? t) : t;
}

function unwrapNullable(t: AvroType): { type: AvroType; nullable: boolean } {
  if (Array.isArray(t)) {
    const rest = t.filter((m) => m !== 'null');
    if (rest.length < t.length && rest.length === 1) return { type: rest[0]!, nullable: true };
    return { type: rest.length === 1 ? rest[0]! : t, nullable: rest.length < t.length };
  }
  return { type: t, nullable: false };
}

function typeName(t: AvroType): string {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return 'union';
  if (typeof t.logicalType === 'string') return t.logicalType === 'decimal' ? `decimal(${String(t.precision)},${String(t.scale ?? 0)})` : t.logicalType;
  return typeof t.type === 'string' ? t.type : typeName(t.type);
}

function describe(t: AvroType): { type: AspectValue; nativeDataType: string } {
  const native = typeName(t);
  if (typeof t === 'string') return { type: fieldDataType(PRIMITIVES[t] ?? 'RecordType'), nativeDataType: native };
  if (Array.isArray(t)) return { type: fieldDataType('UnionType', { nestedTypes: t.map(typeName) }), nativeDataType: native };
  const logical = typeof t.logicalType === 'string' ? LOGICAL[t.logicalType] : undefined;
  if (logical) return { type: fieldDataType(logical), nativeDataType: native };
  switch (t.type) {
    case 'record': return { type: fieldDataType('RecordType'), nativeDataType: 'record' };
    case 'enum': return { type: fieldDataType('EnumType'), nativeDataType: 'enum' };
    case 'fixed': return { type: fieldDataType('FixedType'), nativeDataType: 'fixed' };
    case 'array': return { type: fieldDataType('ArrayType', { nestedType: [typeName(t.items as AvroType)] }), nativeDataType: 'array' };
    case 'map': return { type: fieldDataType('MapType', { keyType: 'string', valueType: typeName(t.values as AvroType) }), nativeDataType: 'map' };
    default: return typeof t.type === 'string' && t.type in PRIMITIVES ? describe(t.type) : { type: fieldDataType('RecordType'), nativeDataType: native };
  }
}
