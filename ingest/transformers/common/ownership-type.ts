// `ownership_type` as DataHub validates it: an OwnershipType enum value (any case) or an
// `urn:li:ownershipType:` urn, which becomes type CUSTOM with that typeUrn.
import { z } from 'zod';

export const OWNERSHIP_TYPES = [
  'CUSTOM', 'TECHNICAL_OWNER', 'BUSINESS_OWNER', 'DATA_STEWARD', 'NONE',
  'DEVELOPER', 'DATAOWNER', 'DELEGATE', 'PRODUCER', 'CONSUMER', 'STAKEHOLDER',
] as const;

export interface OwnershipTypeRef {
  type: string;
  typeUrn?: string;
}

export function parseOwnershipType(value: string): OwnershipTypeRef | null {
  if (value.startsWith('urn:li:ownershipType:')) return { type: 'CUSTOM', typeUrn: value };
  const upper = value.toUpperCase();
  return (OWNERSHIP_TYPES as readonly string[]).includes(upper) ? { type: upper } : null;
}

export const ownershipTypeSchema = (def: string) =>
  z
    .string()
    .refine((v) => parseOwnershipType(v) !== null, {
      message: `expected one of ${OWNERSHIP_TYPES.join(', ')} or an urn:li:ownershipType: urn`,
    })
    .default(def)
    .describe('Ownership type of the added owners: an OwnershipType value or an urn:li:ownershipType: urn');
