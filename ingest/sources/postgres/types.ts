// Native PostgreSQL types -> DataHub SchemaFieldDataType, following DataHub's postgres source
// (SQLAlchemy's type map plus its register_custom_type calls): json/jsonb are BytesType, arrays
// and pgvector ArrayType, hstore MapType, PostGIS and geometric types RecordType, ranges, network
// addresses, xml, ltree and citext StringType. Decided on the resolved base type, so a domain maps
// as its base and an enum as EnumType whatever its name.
import { fieldDataType, type FieldTypeName, type SchemaFieldDataType } from '../../../model/aspects/schema.js';

/** What the catalog query says about a column's type (domains already resolved to their base). */
export interface PgTypeInfo {
  /** pg_type.typname of the base type, e.g. `int4`, `varchar`, `_text`, `geometry`. */
  typname: string;
  /** pg_type.typtype: b base, c composite, d domain, e enum, p pseudo, r range, m multirange. */
  typtype: string;
  /** pg_type.typcategory: A array, B boolean, D date/time, E enum, G geometric, N numeric, S string, ... */
  typcategory: string;
  /** For arrays, the element type's info and its formatted name. */
  element?: PgTypeInfo | null;
  elementName?: string | null;
}

const BY_NAME: Record<string, FieldTypeName> = {
  bool: 'BooleanType',
  int2: 'NumberType', int4: 'NumberType', int8: 'NumberType', float4: 'NumberType', float8: 'NumberType',
  numeric: 'NumberType', money: 'NumberType', oid: 'NumberType', xid: 'NumberType', cid: 'NumberType',
  text: 'StringType', varchar: 'StringType', bpchar: 'StringType', char: 'StringType', name: 'StringType',
  uuid: 'StringType', xml: 'StringType', citext: 'StringType', ltree: 'StringType', tsvector: 'StringType',
  tsquery: 'StringType', inet: 'StringType', cidr: 'StringType', macaddr: 'StringType', macaddr8: 'StringType',
  date: 'DateType',
  timestamp: 'TimeType', timestamptz: 'TimeType', time: 'TimeType', timetz: 'TimeType', interval: 'TimeType',
  bytea: 'BytesType', bit: 'BytesType', varbit: 'BytesType',
  json: 'BytesType', jsonb: 'BytesType',
  hstore: 'MapType',
  vector: 'ArrayType', halfvec: 'ArrayType', sparsevec: 'ArrayType',
  geometry: 'RecordType', geography: 'RecordType', raster: 'RecordType', box2d: 'RecordType', box3d: 'RecordType',
  point: 'RecordType', line: 'RecordType', lseg: 'RecordType', box: 'RecordType', path: 'RecordType',
  polygon: 'RecordType', circle: 'RecordType',
};

const BY_CATEGORY: Record<string, FieldTypeName> = {
  B: 'BooleanType', N: 'NumberType', S: 'StringType', D: 'TimeType', T: 'TimeType', E: 'EnumType',
  G: 'RecordType', I: 'StringType', R: 'StringType', V: 'BytesType', C: 'RecordType',
};

export function fieldTypeName(info: PgTypeInfo): FieldTypeName {
  if (info.typcategory === 'A' || info.typname.startsWith('_')) return 'ArrayType';
  if (info.typtype === 'e') return 'EnumType';
  if (info.typtype === 'r' || info.typtype === 'm') return 'StringType';
  if (info.typtype === 'c') return 'RecordType';
  return BY_NAME[info.typname] ?? BY_CATEGORY[info.typcategory] ?? 'NullType';
}

export function fieldType(info: PgTypeInfo): SchemaFieldDataType {
  const name = fieldTypeName(info);
  if (name === 'ArrayType') {
    const nested = info.elementName ?? (info.typname === 'vector' || info.typname === 'halfvec' || info.typname === 'sparsevec' ? 'float' : null);
    return fieldDataType('ArrayType', nested ? { nestedType: [nested] } : {});
  }
  if (name === 'MapType') return fieldDataType('MapType', { keyType: 'string', valueType: 'string' });
  return fieldDataType(name);
}
