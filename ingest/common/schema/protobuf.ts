// Protobuf -> schemaMetadata fields with DataHub's protobuf field paths (ingestion/extractor/protobuf_util.py):
//   message acme.Person { string name = 1; }   [version=2.0].[type=acme_Person].[type=string].name
//   int32/uint32/fixed32/... -> [type=int], int64/... -> [type=long], enums [type=enum],
//   messages by full name with dots as underscores: [type=acme_Address].address, then its fields
//   repeated T xs                                ...[type=array].[type=T].xs
//   map<K, V> m                                  ...[type=map].[type=V].m (MapType keyType K)
//   oneof choice { string a; int64 b; }          ...[type=union].choice, ...choice.[type=string].a
// Protobuf fields are always nullable, as in DataHub. google.protobuf.Timestamp is a TimeType leaf,
// the wrappers (StringValue, ...) leaves of their wrapped type. A message field whose type is one of
// its ancestors is emitted with `recursive: true` and not expanded. Imports come from `files`
// (name -> text, as a schema registry's references give them) or protobufjs's bundled
// google/protobuf definitions; a missing or cyclic import is an error naming the files.
import protobuf from 'protobufjs';
import type { FieldTypeName, SchemaField, SchemaFieldDataType } from '../../../model/aspects/schema.js';
import { FIELD_PATH_V2_KEY_TOKEN, FIELD_PATH_V2_VERSION_TOKEN } from '../../../model/field-path.js';
import { UNKNOWN_AUDIT_STAMP, dataType, failedConversion, md5Hex, otherSchema, schemaField, type SchemaConversion, type SchemaConversionOptions, type SchemaIssue } from './types.js';
import { applyMetaMapping } from './meta-mapping.js';
import { tagUrn } from '../../../model/urn.js';

export interface ProtobufConversionOptions extends SchemaConversionOptions {
  /** Other .proto files by the name `import` uses (a registry subject's references). */
  files?: Record<string, string>;
  /** The message to describe (full or short name); default: the first message of the main file. */
  messageName?: string;
  /** The main file's name, for error messages and imports relative to it. */
  fileName?: string;
}

const SCALAR_TOKEN: Record<string, string> = {
  double: 'double', float: 'float', int32: 'int', int64: 'long', uint32: 'int', uint64: 'long', sint32: 'int',
  sint64: 'long', fixed32: 'int', fixed64: 'long', sfixed32: 'int', sfixed64: 'long', bool: 'bool', string: 'string', bytes: 'bytes',
};
const SCALAR_TYPE: Record<string, FieldTypeName> = {
  double: 'NumberType', float: 'NumberType', int32: 'NumberType', int64: 'NumberType', uint32: 'NumberType', uint64: 'NumberType',
  sint32: 'NumberType', sint64: 'NumberType', fixed32: 'FixedType', fixed64: 'FixedType', sfixed32: 'FixedType', sfixed64: 'FixedType',
  bool: 'BooleanType', string: 'StringType', bytes: 'BytesType',
};
/** Well-known types shown as one leaf rather than expanded. */
const WELL_KNOWN: Record<string, FieldTypeName> = {
  'google.protobuf.Timestamp': 'TimeType', 'google.protobuf.Duration': 'NumberType',
  'google.protobuf.StringValue': 'StringType', 'google.protobuf.BytesValue': 'BytesType', 'google.protobuf.BoolValue': 'BooleanType',
  'google.protobuf.DoubleValue': 'NumberType', 'google.protobuf.FloatValue': 'NumberType', 'google.protobuf.Int32Value': 'NumberType',
  'google.protobuf.Int64Value': 'NumberType', 'google.protobuf.UInt32Value': 'NumberType', 'google.protobuf.UInt64Value': 'NumberType',
  'google.protobuf.Any': 'RecordType', 'google.protobuf.Struct': 'MapType', 'google.protobuf.Value': 'UnionType',
  'google.protobuf.ListValue': 'ArrayType', 'google.protobuf.Empty': 'RecordType',
};

const fullName = (t: protobuf.ReflectionObject): string => t.fullName.replace(/^\./, '');
const sanitise = (name: string): string => name.replace(/\./g, '_');

class ProtoImportError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const PARSE_OPTIONS = { keepCase: true, alternateCommentMode: true } as const;

function loadInto(root: protobuf.Root, name: string, text: string, files: Record<string, string>, stack: string[], done: Set<string>): void {
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(text, root, PARSE_OPTIONS);
  } catch (error) {
    throw new ProtoImportError('invalid-protobuf', `${name}: ${(error as Error).message}`);
  }
  done.add(name);
  for (const imported of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
    if (stack.includes(imported)) throw new ProtoImportError('cyclic-import', `cyclic import: ${[...stack, name, imported].join(' -> ')}`);
    if (done.has(imported)) continue;
    const source = files[imported];
    if (source !== undefined) {
      loadInto(root, imported, source, files, [...stack, name], done);
      continue;
    }
    const bundled = protobuf.common.get(imported);
    if (bundled) {
      root.addJSON((bundled as { nested: Record<string, protobuf.AnyNestedObject> }).nested);
      done.add(imported);
      continue;
    }
    throw new ProtoImportError('missing-import', `${name} imports "${imported}", which is not among the given files (${Object.keys(files).join(', ') || 'none'})`);
  }
}

function firstMessage(ns: protobuf.NamespaceBase): protobuf.Type | undefined {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) return nested;
    if (nested instanceof protobuf.Namespace) {
      const found = firstMessage(nested);
      if (found) return found;
    }
  }
  return undefined;
}

class ProtobufWalker {
  readonly fields: SchemaField[] = [];
  readonly warnings: SchemaIssue[] = [];
  constructor(private readonly options: ProtobufConversionOptions) {}

  /** Path token, data type and native type of a field's (element) type. */
  describe(field: protobuf.FieldBase): { token: string; type: FieldTypeName; native: string; message?: protobuf.Type } {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Enum) return { token: 'enum', type: 'EnumType', native: fullName(resolved) };
    if (resolved instanceof protobuf.Type) {
      const name = fullName(resolved);
      const wellKnown = WELL_KNOWN[name];
      if (wellKnown) return { token: sanitise(name), type: wellKnown, native: name };
      return { token: sanitise(name), type: 'RecordType', native: name, message: resolved };
    }
    return { token: SCALAR_TOKEN[field.type] ?? field.type, type: SCALAR_TYPE[field.type] ?? 'NullType', native: field.type };
  }

  visitMessage(path: string, message: protobuf.Type, ancestors: ReadonlySet<string>): void {
    const inner = new Set([...ancestors, fullName(message)]);
    const realOneofs = message.oneofsArray.filter((o) => !(o.fieldsArray.length === 1 && o.name === `_${o.fieldsArray[0]!.name}`));
    const emitted = new Set<protobuf.OneOf>();
    for (const field of message.fieldsArray) {
      const oneof = field.partOf && realOneofs.includes(field.partOf) ? field.partOf : undefined;
      if (!oneof) {
        this.visitField(path, [], field, inner);
        continue;
      }
      if (emitted.has(oneof)) continue;
      emitted.add(oneof);
      const unionPath = `${path}.[type=union].${oneof.name}`;
      const nestedTypes = oneof.fieldsArray.map((f) => this.describe(f).token);
      this.emit(unionPath, dataType('UnionType', { nestedTypes }), 'oneof', oneof.comment, {});
      for (const member of oneof.fieldsArray) this.visitField(unionPath, [], member, inner);
    }
  }

  visitField(parent: string, tokens: string[], field: protobuf.Field, ancestors: ReadonlySet<string>): void {
    const d = this.describe(field);
    let type: SchemaFieldDataType;
    let native = d.native;
    const types = [...tokens];
    if (field instanceof protobuf.MapField) {
      types.push('map');
      type = dataType('MapType', { keyType: field.keyType, valueType: d.native });
      native = `map<${field.keyType},${d.native}>`;
    } else if (field.repeated) {
      types.push('array');
      type = dataType('ArrayType', { nestedType: [d.native] });
      native = `repeated ${d.native}`;
    } else {
      type = dataType(d.type);
    }
    types.push(d.token);
    const fieldPath = [parent, ...types.map((t) => `[type=${t}]`), field.name].join('.');
    const recursive = d.message !== undefined && ancestors.has(fullName(d.message));
    const props: Record<string, unknown> = { ...(field.options ?? {}) };
    this.emit(fieldPath, type, native, field.comment, props, recursive);
    if (d.message && !recursive) this.visitMessage(fieldPath, d.message, ancestors);
  }

  emit(fieldPath: string, type: SchemaFieldDataType, native: string, comment: string | null, props: Record<string, unknown>, recursive = false): void {
    const mapped = applyMetaMapping(this.options.fieldMetaMapping, props, this.options);
    this.fields.push(
      schemaField({
        fieldPath, type, nativeDataType: native, nullable: true, description: comment ?? undefined, recursive,
        isPartOfKey: this.options.isKeySchema ?? false,
        globalTags: { tags: mapped.tags.map((t) => ({ tag: tagUrn(t) })) },
        glossaryTerms: { terms: mapped.terms.map((urn) => ({ urn })), auditStamp: this.options.auditStamp ?? UNKNOWN_AUDIT_STAMP },
        jsonProps: props,
      }),
    );
  }
}

/** Converts a .proto text (with its imports in `options.files`) into schemaMetadata fields. Never throws. */
export function convertProtobufSchema(schema: string, options: ProtobufConversionOptions = {}): SchemaConversion {
  const fileName = options.fileName ?? 'schema.proto';
  const files = options.files ?? {};
  const hash = md5Hex([schema, ...Object.keys(files).sort().map((k) => `${k}\n${files[k]}`)].join('\n'));
  let root: protobuf.Root;
  let main: protobuf.Type | undefined;
  try {
    const alone = new protobuf.Root();
    protobuf.parse(schema, alone, PARSE_OPTIONS);
    root = new protobuf.Root();
    loadInto(root, fileName, schema, files, [], new Set());
    root.resolveAll();
    if (options.messageName) {
      const wanted = options.messageName.replace(/^\./, '');
      main = (root.lookupType(wanted) as protobuf.Type | null) ?? undefined;
    } else {
      const first = firstMessage(alone);
      main = first ? root.lookupType(fullName(first)) : undefined;
    }
  } catch (error) {
    const code = error instanceof ProtoImportError ? error.code : 'invalid-protobuf';
    const message = error instanceof ProtoImportError ? error.message : `${fileName}: ${(error as Error).message}`;
    return { ...failedConversion('PROTOBUF', schema, { code, message }), hash };
  }
  if (!main) {
    return { ...failedConversion('PROTOBUF', schema, { code: 'no-message', message: `${fileName} declares no message${options.messageName ? ` named "${options.messageName}"` : ''}` }), hash };
  }
  const walker = new ProtobufWalker(options);
  const prefix = [FIELD_PATH_V2_VERSION_TOKEN, ...(options.isKeySchema ? [FIELD_PATH_V2_KEY_TOKEN] : []), `[type=${sanitise(fullName(main))}]`].join('.');
  try {
    walker.visitMessage(prefix, main, new Set());
  } catch (error) {
    return { ...failedConversion('PROTOBUF', schema, { code: 'conversion-failed', message: `could not convert ${fileName}: ${(error as Error).message}` }), hash };
  }
  return {
    language: 'PROTOBUF',
    schemaName: fullName(main),
    fields: walker.fields,
    platformSchema: otherSchema(schema),
    hash,
    dataset: main.comment ? { description: main.comment } : {},
    errors: [],
    warnings: walker.warnings,
  };
}
