// The config keys of DataHub's kafka source that steer schema conversion, shared by every plugin
// that converts schemas it finds (kafka, schema-registry): meta mapping, schema tags, tag prefix.
import { z } from 'zod';
import { looseBoolean } from '../../api/config.js';
import { MetaMapping } from './meta-mapping.js';
import type { SchemaConversionOptions } from './types.js';

export const schemaConversionConfigShape = {
  enable_meta_mapping: looseBoolean(true).describe('Map schema properties to tags, terms and owners with meta_mapping / field_meta_mapping'),
  meta_mapping: MetaMapping.default({}).describe('Schema-level property -> {match, operation: add_tag|add_term|add_terms|add_owner, config}'),
  field_meta_mapping: MetaMapping.default({}).describe('Field-level property -> {match, operation, config}'),
  schema_tags_field: z.string().default('tags').describe('Schema/field property whose list of strings become tags'),
  tag_prefix: z.string().default('').describe('Prefix of every tag taken from a schema'),
  strip_user_ids_from_email: looseBoolean(false).describe('Owners `jdoe@acme.com` become `jdoe`'),
};

export interface SchemaConversionConfig {
  enable_meta_mapping: boolean;
  meta_mapping: MetaMapping;
  field_meta_mapping: MetaMapping;
  schema_tags_field: string;
  tag_prefix: string;
  strip_user_ids_from_email: boolean;
}

export function conversionOptions(c: SchemaConversionConfig): SchemaConversionOptions {
  return {
    ...(c.enable_meta_mapping ? { metaMapping: c.meta_mapping, fieldMetaMapping: c.field_meta_mapping } : {}),
    schemaTagsField: c.schema_tags_field,
    tagPrefix: c.tag_prefix,
    stripUserIdsFromEmail: c.strip_user_ids_from_email,
  };
}
