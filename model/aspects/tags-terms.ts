// Tags and glossary-term associations (common/GlobalTags.pdl, GlossaryTerms.pdl) and the tag
// entity's own aspect (tag/TagProperties.pdl).
import { z } from 'zod';
import { AuditStamp, MetadataAttribution, urn } from './common.js';

export const TagAssociation = z.looseObject({
  tag: urn('tag'),
  context: z.string().optional(),
  attribution: MetadataAttribution.optional(),
});
export type TagAssociation = z.infer<typeof TagAssociation>;

export const GlobalTags = z.looseObject({ tags: z.array(TagAssociation) });
export type GlobalTags = z.infer<typeof GlobalTags>;

export const GlossaryTermAssociation = z.looseObject({
  urn: urn('glossaryTerm'),
  actor: urn().optional(),
  context: z.string().optional(),
  attribution: MetadataAttribution.optional(),
});
export type GlossaryTermAssociation = z.infer<typeof GlossaryTermAssociation>;

/** `auditStamp` is required. */
export const GlossaryTerms = z.looseObject({ terms: z.array(GlossaryTermAssociation), auditStamp: AuditStamp });
export type GlossaryTerms = z.infer<typeof GlossaryTerms>;

export const TagProperties = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  colorHex: z.string().optional(),
});
export type TagProperties = z.infer<typeof TagProperties>;
