// Domains (domain/Domains.pdl, DomainProperties.pdl).
import { z } from 'zod';
import { AuditStamp, customProperties, urn } from './common.js';

/** The domains an entity belongs to (in practice at most one). */
export const Domains = z.looseObject({ domains: z.array(urn('domain')) });
export type Domains = z.infer<typeof Domains>;

export const DomainProperties = z.looseObject({
  ...customProperties,
  name: z.string(),
  description: z.string().optional(),
  created: AuditStamp.optional(),
  parentDomain: urn('domain').optional(),
});
export type DomainProperties = z.infer<typeof DomainProperties>;
