// pattern_add_dataset_schema_tags / pattern_add_dataset_schema_terms: tags or glossary terms on the
// schemaMetadata fields whose fieldPath matches a regex (start-anchored; only the first matching
// rule applies by default). Like DataHub, only schemaMetadata is changed, not editableSchemaMetadata.
import { z } from 'zod';
import type { AspectValue } from '../../model/mcp.js';
import type { CatalogClient } from '../api/catalog-client.js';
import type { RunContext, Transformer } from '../api/plugin.js';
import { KeyValuePattern, keyValuePatternSchema } from '../common/pattern.js';
import {
  asArray,
  type AuditStamp,
  type GlossaryTermAssociation,
  type SchemaField,
  type SchemaMetadata,
  type TagAssociation,
} from './common/aspects.js';
import { DATASET, defineTransformer } from './common/define.js';
import { KeyAspects } from './common/key-aspects.js';
import { mergeTags, mergeTerms, overlayBy, tagKey, termKey } from './common/merge.js';
import { currentAspect, patchCatalog, semanticsShape, type SemanticsConfig } from './common/semantics.js';
import { singleAspectTransformer } from './common/single-aspect.js';
import { newTermsAuditStamp } from './terms.js';

/** How one field changes, given the urns to add and (with PATCH) the catalog's version of the field. */
type ExtendField = (field: SchemaField, urns: string[], serverField: SchemaField | undefined) => SchemaField;

function schemaFieldsTransformer(
  type: string,
  config: SemanticsConfig & { pattern: KeyValuePattern },
  ctx: RunContext,
  extend: ExtendField,
): Transformer {
  const catalog: CatalogClient | null = patchCatalog(type, config, ctx);
  const keys = new KeyAspects();
  return singleAspectTransformer({
    aspectName: 'schemaMetadata',
    entityTypes: DATASET,
    async transform(urn, aspect) {
      let schema = aspect as SchemaMetadata | null;
      const serverFields = new Map<string, SchemaField>();
      if (catalog) {
        const server = await currentAspect<SchemaMetadata>(catalog, urn, 'schemaMetadata');
        if (server && !schema) schema = server;
        else if (server && schema) {
          const paths = new Set(asArray<SchemaField>(schema.fields).map((f) => f.fieldPath));
          const extra: SchemaField[] = [];
          for (const f of asArray<SchemaField>(server.fields)) {
            serverFields.set(f.fieldPath, f);
            if (!paths.has(f.fieldPath)) extra.push(f);
          }
          schema = { ...schema, fields: [...asArray<SchemaField>(schema.fields), ...extra] };
        }
      }
      if (!schema) return null;
      const fields = asArray<SchemaField>(schema.fields).map((field) => {
        const urns = config.pattern.valuesFor(field.fieldPath);
        if (urns.length === 0) return field;
        keys.add(urns);
        return extend(field, urns, serverFields.get(field.fieldPath));
      });
      return { ...schema, fields } as AspectValue;
    },
    endOfStream: async () => keys.drain(),
  });
}

const patternSchema = (what: string) =>
  keyValuePatternSchema
    .default({ rules: {}, first_match_only: true })
    .describe(`Rules {fieldPath regex: [${what} urns]} matched from the start of each field path`);

export const patternAddDatasetSchemaTags = defineTransformer({
  type: 'pattern_add_dataset_schema_tags',
  description: 'Adds tags to schema fields whose path matches a regex',
  touches: { entityTypes: DATASET, aspect: 'schemaMetadata' },
  configSchema: z.strictObject({ tag_pattern: patternSchema('tag'), ...semanticsShape }),
  create(config, ctx) {
    const pattern = new KeyValuePattern(config.tag_pattern);
    return schemaFieldsTransformer('pattern_add_dataset_schema_tags', { ...config, pattern }, ctx, (field, urns, server) => {
      const existing = config.replace_existing ? [] : asArray<TagAssociation>(field.globalTags?.tags);
      let tags = mergeTags(existing, urns.map((tag) => ({ tag })));
      if (server?.globalTags) tags = overlayBy(asArray<TagAssociation>(server.globalTags.tags), tags, tagKey);
      return { ...field, globalTags: { ...(field.globalTags ?? {}), tags } };
    });
  },
});

export const patternAddDatasetSchemaTerms = defineTransformer({
  type: 'pattern_add_dataset_schema_terms',
  description: 'Adds glossary terms to schema fields whose path matches a regex',
  touches: { entityTypes: DATASET, aspect: 'schemaMetadata' },
  configSchema: z.strictObject({ term_pattern: patternSchema('glossary term'), ...semanticsShape }),
  create(config, ctx) {
    const pattern = new KeyValuePattern(config.term_pattern);
    return schemaFieldsTransformer('pattern_add_dataset_schema_terms', { ...config, pattern }, ctx, (field, urns, server) => {
      const existing = config.replace_existing ? [] : asArray<GlossaryTermAssociation>(field.glossaryTerms?.terms);
      let terms = mergeTerms(existing, urns.map((urn) => ({ urn })));
      if (server?.glossaryTerms) terms = overlayBy(asArray<GlossaryTermAssociation>(server.glossaryTerms.terms), terms, termKey);
      const auditStamp = (field.glossaryTerms?.auditStamp as AuditStamp | undefined) ?? newTermsAuditStamp();
      return { ...field, glossaryTerms: { terms, auditStamp } };
    });
  },
});
