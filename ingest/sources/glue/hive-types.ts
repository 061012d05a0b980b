// Hive/Glue column types -> DataHub field types: `int`, `decimal(4,2)`, `array<string>`,
// `struct<a:int,b:string>`, `map<string,int>`. The native type is kept as written.
import { fieldDataType, type FieldTypeName, type SchemaFieldDataType } from '../../../model/aspects/schema.js';

const SIMPLE: Record<string, FieldTypeName> = {
  boolean: 'BooleanType',
  tinyint: 'NumberType', smallint: 'NumberType', int: 'NumberType', integer: 'NumberType', bigint: 'NumberType',
  float: 'NumberType', double: 'NumberType', decimal: 'NumberType', numeric: 'NumberType', real: 'NumberType',
  string: 'StringType', varchar: 'StringType', char: 'StringType',
  binary: 'BytesType',
  date: 'DateType',
  timestamp: 'TimeType', 'timestamp with local time zone': 'TimeType', interval: 'TimeType',
};

export function hiveFieldType(native: string): SchemaFieldDataType {
  const t = native.trim().toLowerCase();
  if (t.startsWith('array<')) return fieldDataType('ArrayType', { nestedType: [t.slice(6, -1)] });
  if (t.startsWith('map<')) {
    const [k, v] = splitTop(t.slice(4, -1));
    return fieldDataType('MapType', { keyType: k ?? '', valueType: v ?? '' });
  }
  if (t.startsWith('struct<')) return fieldDataType('RecordType');
  if (t.startsWith('uniontype<')) return fieldDataType('UnionType', { nestedTypes: splitTop(t.slice(10, -1)) });
  const base = t.replace(/\(.*$/, '').trim();
  return fieldDataType(SIMPLE[base] ?? 'NullType');
}

/** Splits `a,b<c,d>` at top-level commas. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '<' || c === '(') depth++;
    else if (c === '>' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}
