// Users and groups (identity/CorpUserInfo.pdl, CorpGroupInfo.pdl).
import { z } from 'zod';
import { AuditStamp, customProperties, long, urn } from './common.js';

export const CorpUserInfo = z.looseObject({
  ...customProperties,
  active: z.boolean(),
  displayName: z.string().optional(),
  email: z.string().optional(),
  title: z.string().optional(),
  managerUrn: urn('corpuser').optional(),
  departmentId: long.optional(),
  departmentName: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  fullName: z.string().optional(),
  countryCode: z.string().optional(),
  system: z.boolean().optional(),
});
export type CorpUserInfo = z.infer<typeof CorpUserInfo>;

/** `admins`, `members` and `groups` are deprecated in DataHub but still required. */
export const CorpGroupInfo = z.looseObject({
  displayName: z.string().optional(),
  email: z.string().optional(),
  admins: z.array(urn('corpuser')),
  members: z.array(urn('corpuser')),
  groups: z.array(urn('corpGroup')),
  description: z.string().optional(),
  slack: z.string().optional(),
  created: AuditStamp.optional(),
});
export type CorpGroupInfo = z.infer<typeof CorpGroupInfo>;
