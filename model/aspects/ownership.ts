// Ownership (common/Ownership.pdl, Owner.pdl, OwnershipType.pdl, OwnershipSource.pdl).
import { z } from 'zod';
import { AuditStamp, MetadataAttribution, urn } from './common.js';

/** `CUSTOM` goes with a `typeUrn`; the last six are deprecated but still emitted (DATAOWNER, DEVELOPER...). */
export const OWNERSHIP_TYPES = [
  'CUSTOM', 'TECHNICAL_OWNER', 'BUSINESS_OWNER', 'DATA_STEWARD', 'NONE',
  'DEVELOPER', 'DATAOWNER', 'DELEGATE', 'PRODUCER', 'CONSUMER', 'STAKEHOLDER',
] as const;
export type OwnershipTypeName = (typeof OWNERSHIP_TYPES)[number];

export const OWNERSHIP_SOURCE_TYPES = [
  'AUDIT', 'DATABASE', 'FILE_SYSTEM', 'ISSUE_TRACKING_SYSTEM', 'MANUAL', 'SERVICE', 'SOURCE_CONTROL', 'OTHER',
] as const;

/** The system ownership types DataHub bootstraps (`urn:li:ownershipType:<id>`). */
export const SYSTEM_OWNERSHIP_TYPE_IDS = {
  TECHNICAL_OWNER: '__system__technical_owner',
  BUSINESS_OWNER: '__system__business_owner',
  DATA_STEWARD: '__system__data_steward',
  NONE: '__system__none',
} as const;

export const OwnershipSource = z.looseObject({
  type: z.enum(OWNERSHIP_SOURCE_TYPES),
  url: z.string().optional(),
});
export type OwnershipSource = z.infer<typeof OwnershipSource>;

export const Owner = z.looseObject({
  owner: urn('corpuser', 'corpGroup'),
  type: z.enum(OWNERSHIP_TYPES),
  typeUrn: urn('ownershipType').optional(),
  source: OwnershipSource.optional(),
  attribution: MetadataAttribution.optional(),
});
export type Owner = z.infer<typeof Owner>;

/** `lastModified` defaults to the unknown actor; `ownerTypes` maps an ownership type URN to owner URNs. */
export const Ownership = z.looseObject({
  owners: z.array(Owner),
  ownerTypes: z.record(z.string(), z.array(urn())).optional(),
  lastModified: AuditStamp.optional(),
});
export type Ownership = z.infer<typeof Ownership>;

export const OwnershipTypeInfo = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  created: AuditStamp,
  lastModified: AuditStamp,
});
export type OwnershipTypeInfo = z.infer<typeof OwnershipTypeInfo>;
