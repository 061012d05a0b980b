// Aspects many entity types carry (common/Status.pdl, SubTypes.pdl, Deprecation.pdl,
// InstitutionalMemory.pdl, DataPlatformInstance.pdl).
import { z } from 'zod';
import { AuditStamp, long, urn } from './common.js';

/** `removed: true` is a soft delete; `removed` defaults to false. */
export const Status = z.looseObject({ removed: z.boolean().optional() });
export type Status = z.infer<typeof Status>;

/** E.g. `["Table"]`, `["View"]`, `["Topic"]`, `["Database"]`, `["Schema"]`. */
export const SubTypes = z.looseObject({ typeNames: z.array(z.string()) });
export type SubTypes = z.infer<typeof SubTypes>;

export const Deprecation = z.looseObject({
  deprecated: z.boolean(),
  decommissionTime: long.optional(),
  note: z.string(),
  actor: urn(),
  replacement: urn().optional(),
});
export type Deprecation = z.infer<typeof Deprecation>;

export const InstitutionalMemoryMetadata = z.looseObject({
  url: z.string(),
  description: z.string(),
  createStamp: AuditStamp,
  updateStamp: AuditStamp.optional(),
  settings: z.looseObject({}).optional(),
});
export type InstitutionalMemoryMetadata = z.infer<typeof InstitutionalMemoryMetadata>;

export const InstitutionalMemory = z.looseObject({ elements: z.array(InstitutionalMemoryMetadata) });
export type InstitutionalMemory = z.infer<typeof InstitutionalMemory>;

export const DataPlatformInstance = z.looseObject({
  platform: urn('dataPlatform'),
  instance: urn('dataPlatformInstance').optional(),
});
export type DataPlatformInstance = z.infer<typeof DataPlatformInstance>;
