// Shared pieces of plugin config schemas.
import { z } from 'zod';
import { FABRIC_TYPES } from '../../model/urn.js';

/** A secret string: masked in logs, reports and errors. */
export const secretString = () => z.string().meta({ secret: true });

export function isSecretSchema(schema: z.ZodType): boolean {
  const meta = schema.meta?.();
  return Boolean(meta && (meta as { secret?: boolean }).secret);
}

export const envSchema = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(FABRIC_TYPES))
  .default('PROD')
  .describe('Environment (fabric) of the emitted URNs: PROD, DEV, QA, ...');

export const platformInstanceSchema = z
  .string()
  .nullable()
  .default(null)
  .describe('Name of this platform instance; prefixed to dataset names');

/** Booleans may arrive as strings ("true") from programmatic configs, as in the seeds. */
export const looseBoolean = (def: boolean) =>
  z
    .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
    .transform((v) => (typeof v === 'boolean' ? v : v.toLowerCase() === 'true'))
    .default(def);
