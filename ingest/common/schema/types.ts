// What every schema converter (Avro, JSON Schema, Protobuf) gives back, and the helpers they share.
// A converter never throws: a schema it cannot read comes back with `errors` and no fields, so the
// plugin that met it (kafka, schema-registry, hudi, glue) reports that one item and goes on.
import { createHash } from 'node:crypto';
import type { AuditStamp } from '../../../model/aspects/common.js';
import type { Ownership } from '../../../model/aspects/ownership.js';
import {
  fieldDataType,
  type FieldTypeName,
  type PlatformSchema,
  type SchemaField,
  type SchemaFieldDataType,
  type SchemaMetadata,
} from '../../../model/aspects/schema.js';
import type { GlobalTags, GlossaryTerms } from '../../../model/aspects/tags-terms.js';
import { dataPlatformUrn } from '../../../model/urn.js';
import type { MetaMapping } from './meta-mapping.js';

export type SchemaLanguage = 'AVRO' | 'JSON' | 'PROTOBUF';

/** One problem with a schema: a short code a report can group by, and a sentence saying what and where. */
export interface SchemaIssue {
  code: string;
  message: string;
  /** Where in the schema, when known: a field path, a JSON pointer, `file.proto:line`. */
  at?: string;
}

/** Dataset-level metadata a schema carries about itself (Avro top-level `tags`, `owner`, ...). */
export interface SchemaDatasetMeta {
  description?: string;
  globalTags?: GlobalTags;
  glossaryTerms?: GlossaryTerms;
  ownership?: Ownership;
}

export interface SchemaConversion {
  language: SchemaLanguage;
  /** The schema's own name (Avro record fullname, JSON Schema title, Protobuf message), when it has one. */
  schemaName?: string;
  /** schemaMetadata.fields, in DataHub's v2 field-path form. Empty when `errors` is not. */
  fields: SchemaField[];
  /** schemaMetadata.platformSchema: `OtherSchema { rawSchema }` (see `kafkaSchemaMetadata` for topics). */
  platformSchema: PlatformSchema;
  /** md5 hex of the schema (Avro: of its parsing canonical form), so a reformatted schema keeps its hash. */
  hash: string;
  dataset: SchemaDatasetMeta;
  errors: SchemaIssue[];
  warnings: SchemaIssue[];
}

/** Options every converter takes. Names follow DataHub's kafka source config where one exists. */
export interface SchemaConversionOptions {
  /** A key schema: paths get `[key=True]` and fields `isPartOfKey: true`. */
  isKeySchema?: boolean;
  /** Nullability of a field that does not say (DataHub's `default_nullable`). */
  defaultNullable?: boolean;
  /** Schema-level properties -> dataset tags, terms, owners (DataHub's `meta_mapping`). */
  metaMapping?: MetaMapping;
  /** Field-level properties -> field tags and terms (DataHub's `field_meta_mapping`). */
  fieldMetaMapping?: MetaMapping;
  /** The property whose list of strings become tags (DataHub's `schema_tags_field`, default `tags`); null turns it off. */
  schemaTagsField?: string | null;
  /** Prefix for every tag from the schema (DataHub's `tag_prefix`). */
  tagPrefix?: string;
  /** `jdoe@acme.com` -> `jdoe` for owners (DataHub's `strip_user_ids_from_email`). */
  stripUserIdsFromEmail?: boolean;
  /** Audit stamp on glossary terms; defaults to time 0 by the unknown actor. */
  auditStamp?: AuditStamp;
}

export const UNKNOWN_AUDIT_STAMP: AuditStamp = { time: 0, actor: 'urn:li:corpuser:unknown' };

export function md5Hex(text: string | Uint8Array): string {
  return createHash('md5').update(text).digest('hex');
}

export function otherSchema(rawSchema: string): PlatformSchema {
  return { 'com.linkedin.schema.OtherSchema': { rawSchema } } as PlatformSchema;
}

/** The result for a schema that could not be read: no fields, one error. */
export function failedConversion(language: SchemaLanguage, raw: string, error: SchemaIssue, warnings: SchemaIssue[] = []): SchemaConversion {
  return { language, fields: [], platformSchema: otherSchema(raw), hash: md5Hex(raw), dataset: {}, errors: [error], warnings };
}

/** The field data type for a short type name, with the member record for arrays, maps and unions. */
export function dataType(name: FieldTypeName, member: Record<string, unknown> = {}): SchemaFieldDataType {
  return fieldDataType(name, member);
}

/** Builds a schema field in DataHub's key order, leaving out what is not set. */
export function schemaField(field: {
  fieldPath: string;
  type: SchemaFieldDataType;
  nativeDataType: string;
  nullable: boolean;
  description?: string | undefined;
  recursive?: boolean;
  isPartOfKey?: boolean;
  globalTags?: GlobalTags | undefined;
  glossaryTerms?: GlossaryTerms | undefined;
  jsonProps?: Record<string, unknown> | undefined;
}): SchemaField {
  const out: SchemaField = {
    fieldPath: field.fieldPath,
    nullable: field.nullable,
    type: field.type,
    nativeDataType: field.nativeDataType,
    recursive: field.recursive ?? false,
    isPartOfKey: field.isPartOfKey ?? false,
  };
  if (field.description) out.description = field.description;
  if (field.globalTags && field.globalTags.tags.length > 0) out.globalTags = field.globalTags;
  if (field.glossaryTerms && field.glossaryTerms.terms.length > 0) out.glossaryTerms = field.glossaryTerms;
  if (field.jsonProps && Object.keys(field.jsonProps).length > 0) out.jsonProps = JSON.stringify(field.jsonProps);
  return out;
}

/** A schemaMetadata aspect for one converted schema (a registry subject, a Hudi table, a Glue table). */
export function schemaMetadata(
  conversion: SchemaConversion,
  options: { schemaName: string; platform: string; version?: number },
): SchemaMetadata {
  return {
    schemaName: options.schemaName,
    platform: options.platform.startsWith('urn:li:') ? options.platform : dataPlatformUrn(options.platform),
    version: options.version ?? 0,
    created: UNKNOWN_AUDIT_STAMP,
    lastModified: UNKNOWN_AUDIT_STAMP,
    hash: conversion.hash,
    platformSchema: conversion.platformSchema,
    fields: conversion.fields,
  } as SchemaMetadata;
}

function rawOf(conversion: SchemaConversion): string {
  const other = (conversion.platformSchema as Record<string, { rawSchema?: string }>)['com.linkedin.schema.OtherSchema'];
  return other?.rawSchema ?? '';
}

/**
 * A Kafka topic's schemaMetadata from its value schema and optional key schema, as DataHub's kafka
 * source writes it: key fields first, then value fields; `KafkaSchema { documentSchema, keySchema }`;
 * the hash covers both.
 */
export function kafkaSchemaMetadata(
  value: SchemaConversion,
  key: SchemaConversion | undefined,
  options: { schemaName: string; platform?: string; version?: number },
): SchemaMetadata {
  const kafkaSchema: Record<string, string> = { documentSchema: rawOf(value), documentSchemaType: value.language };
  if (key) {
    kafkaSchema.keySchema = rawOf(key);
    kafkaSchema.keySchemaType = key.language;
  }
  return {
    ...schemaMetadata(value, { schemaName: options.schemaName, platform: options.platform ?? 'kafka', version: options.version ?? 0 }),
    hash: key ? md5Hex(`${key.hash}${value.hash}`) : value.hash,
    platformSchema: { 'com.linkedin.schema.KafkaSchema': kafkaSchema } as PlatformSchema,
    fields: [...(key?.fields ?? []), ...value.fields],
  } as SchemaMetadata;
}
