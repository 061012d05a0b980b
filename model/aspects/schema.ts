// Schemas (schema/SchemaMetadata.pdl, SchemaField.pdl, SchemaFieldDataType.pdl,
// EditableSchemaMetadata.pdl). Field types and platform schemas are Pegasus unions keyed by
// their fully-qualified record names, e.g. `{"com.linkedin.schema.StringType": {}}`.
import { z } from 'zod';
import { AuditStamp, changeAuditStamps, emptyRecord, long, union, urn } from './common.js';
import { GlobalTags, GlossaryTerms } from './tags-terms.js';

const NS = 'com.linkedin.schema.';

/** The members of SchemaFieldDataType.type, by short name. */
export const FIELD_TYPE_NAMES = [
  'BooleanType', 'FixedType', 'StringType', 'BytesType', 'NumberType', 'DateType', 'TimeType', 'EnumType',
  'NullType', 'MapType', 'ArrayType', 'UnionType', 'RecordType',
] as const;
export type FieldTypeName = (typeof FIELD_TYPE_NAMES)[number];

const fieldTypeMembers = {
  [`${NS}BooleanType`]: emptyRecord,
  [`${NS}FixedType`]: emptyRecord,
  [`${NS}StringType`]: emptyRecord,
  [`${NS}BytesType`]: emptyRecord,
  [`${NS}NumberType`]: emptyRecord,
  [`${NS}DateType`]: emptyRecord,
  [`${NS}TimeType`]: emptyRecord,
  [`${NS}EnumType`]: emptyRecord,
  [`${NS}NullType`]: emptyRecord,
  [`${NS}MapType`]: z.looseObject({ keyType: z.string().optional(), valueType: z.string().optional() }),
  [`${NS}ArrayType`]: z.looseObject({ nestedType: z.array(z.string()).optional() }),
  [`${NS}UnionType`]: z.looseObject({ nestedTypes: z.array(z.string()).optional() }),
  [`${NS}RecordType`]: emptyRecord,
};

export const SchemaFieldDataType = z.looseObject({ type: union(fieldTypeMembers) });
export type SchemaFieldDataType = z.infer<typeof SchemaFieldDataType>;

/** `fieldDataType('StringType')` -> `{type: {"com.linkedin.schema.StringType": {}}}`. */
export function fieldDataType(name: FieldTypeName, member: Record<string, unknown> = {}): SchemaFieldDataType {
  return { type: { [`${NS}${name}`]: member } } as SchemaFieldDataType;
}

/** The short member name of a field's type (`StringType`), or undefined if it is not one of ours. */
export function fieldTypeName(dataType: { type: Record<string, unknown> }): FieldTypeName | undefined {
  const key = Object.keys(dataType.type)[0];
  const short = key?.startsWith(NS) ? key.slice(NS.length) : undefined;
  return (FIELD_TYPE_NAMES as readonly string[]).includes(short ?? '') ? (short as FieldTypeName) : undefined;
}

export const SchemaField = z.looseObject({
  fieldPath: z.string(),
  jsonPath: z.string().optional(),
  nullable: z.boolean().optional(),
  description: z.string().optional(),
  label: z.string().optional(),
  created: AuditStamp.optional(),
  lastModified: AuditStamp.optional(),
  type: SchemaFieldDataType,
  nativeDataType: z.string(),
  recursive: z.boolean().optional(),
  globalTags: GlobalTags.optional(),
  glossaryTerms: GlossaryTerms.optional(),
  isPartOfKey: z.boolean().optional(),
  isPartitioningKey: z.boolean().optional(),
  jsonProps: z.string().optional(),
});
export type SchemaField = z.infer<typeof SchemaField>;

const platformSchemaMembers = {
  [`${NS}EspressoSchema`]: z.looseObject({ documentSchema: z.string(), tableSchema: z.string() }),
  [`${NS}OracleDDL`]: z.looseObject({ tableSchema: z.string() }),
  [`${NS}MySqlDDL`]: z.looseObject({ tableSchema: z.string() }),
  [`${NS}PrestoDDL`]: z.looseObject({ rawSchema: z.string() }),
  [`${NS}KafkaSchema`]: z.looseObject({
    documentSchema: z.string(),
    documentSchemaType: z.string().optional(),
    keySchema: z.string().optional(),
    keySchemaType: z.string().optional(),
  }),
  [`${NS}BinaryJsonSchema`]: z.looseObject({ schema: z.string() }),
  [`${NS}OrcSchema`]: z.looseObject({ schema: z.string() }),
  [`${NS}Schemaless`]: emptyRecord,
  [`${NS}KeyValueSchema`]: z.looseObject({ keySchema: z.string(), valueSchema: z.string() }),
  [`${NS}OtherSchema`]: z.looseObject({ rawSchema: z.string() }),
};
export const PlatformSchema = union(platformSchemaMembers);
export type PlatformSchema = z.infer<typeof PlatformSchema>;

export const ForeignKeyConstraint = z.looseObject({
  name: z.string(),
  foreignFields: z.array(urn()),
  sourceFields: z.array(urn()),
  foreignDataset: urn('dataset'),
});
export type ForeignKeyConstraint = z.infer<typeof ForeignKeyConstraint>;

export const SchemaMetadata = z.looseObject({
  schemaName: z.string(),
  platform: urn('dataPlatform'),
  version: long,
  ...changeAuditStamps,
  dataset: urn('dataset').optional(),
  cluster: z.string().optional(),
  hash: z.string(),
  platformSchema: PlatformSchema,
  fields: z.array(SchemaField),
  primaryKeys: z.array(z.string()).optional(),
  foreignKeysSpecs: z.record(z.string(), z.unknown()).optional(),
  foreignKeys: z.array(ForeignKeyConstraint).optional(),
});
export type SchemaMetadata = z.infer<typeof SchemaMetadata>;

export const EditableSchemaFieldInfo = z.looseObject({
  fieldPath: z.string(),
  description: z.string().optional(),
  globalTags: GlobalTags.optional(),
  glossaryTerms: GlossaryTerms.optional(),
});
export type EditableSchemaFieldInfo = z.infer<typeof EditableSchemaFieldInfo>;

export const EditableSchemaMetadata = z.looseObject({
  ...changeAuditStamps,
  editableSchemaFieldInfo: z.array(EditableSchemaFieldInfo),
});
export type EditableSchemaMetadata = z.infer<typeof EditableSchemaMetadata>;
