// Business glossary (glossary/GlossaryTermInfo.pdl, GlossaryNodeInfo.pdl, GlossaryRelatedTerms.pdl).
import { z } from 'zod';
import { customProperties, urn } from './common.js';

/** `definition` and `termSource` are required; `termSource` is `INTERNAL` or `EXTERNAL` by convention. */
export const GlossaryTermInfo = z.looseObject({
  ...customProperties,
  id: z.string().optional(),
  name: z.string().optional(),
  definition: z.string(),
  parentNode: urn('glossaryNode').optional(),
  termSource: z.string(),
  sourceRef: z.string().optional(),
  sourceUrl: z.string().optional(),
  rawSchema: z.string().optional(),
});
export type GlossaryTermInfo = z.infer<typeof GlossaryTermInfo>;

export const GlossaryNodeInfo = z.looseObject({
  ...customProperties,
  definition: z.string(),
  parentNode: urn('glossaryNode').optional(),
  name: z.string().optional(),
  id: z.string().optional(),
});
export type GlossaryNodeInfo = z.infer<typeof GlossaryNodeInfo>;

/** isRelatedTerms = "inherits" (IsA), hasRelatedTerms = "contains" (HasA). */
export const GlossaryRelatedTerms = z.looseObject({
  isRelatedTerms: z.array(urn('glossaryTerm')).optional(),
  hasRelatedTerms: z.array(urn('glossaryTerm')).optional(),
  values: z.array(urn('glossaryTerm')).optional(),
  relatedTerms: z.array(urn('glossaryTerm')).optional(),
});
export type GlossaryRelatedTerms = z.infer<typeof GlossaryRelatedTerms>;
