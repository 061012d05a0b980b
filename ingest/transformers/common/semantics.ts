// DataHub's TransformerSemanticsConfigModel: `semantics` (OVERWRITE | PATCH) and `replace_existing`,
// plus the rule that PATCH needs a catalog to read the current aspect from.
import { z } from 'zod';
import type { AspectValue } from '../../../model/mcp.js';
import type { CatalogClient } from '../../api/catalog-client.js';
import type { RunContext } from '../../api/plugin.js';

export const SEMANTICS = ['OVERWRITE', 'PATCH'] as const;
export type Semantics = (typeof SEMANTICS)[number];

export const semanticsSchema = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(SEMANTICS))
  .default('OVERWRITE')
  .describe('OVERWRITE replaces what the catalog holds; PATCH merges with the aspect the catalog already has');

export const replaceExistingSchema = z
  .boolean()
  .default(false)
  .describe("Drop the source's values for this aspect and keep only the transformer's");

/** The two keys every semantics-aware transformer config has. */
export const semanticsShape = {
  semantics: semanticsSchema,
  replace_existing: replaceExistingSchema,
};

export interface SemanticsConfig {
  semantics: Semantics;
  replace_existing: boolean;
}

export class TransformerConfigError extends Error {
  override name = 'TransformerConfigError';
}

/** The catalog for `semantics: PATCH`; fails at create() when the run has none. */
export function patchCatalog(type: string, config: { semantics: Semantics }, ctx: RunContext): CatalogClient | null {
  if (config.semantics !== 'PATCH') return null;
  return requireCatalog(type, ctx, 'semantics: PATCH reads the current aspect from the catalog');
}

export function requireCatalog(type: string, ctx: RunContext, why: string): CatalogClient {
  if (!ctx.catalog) {
    throw new TransformerConfigError(
      `transformer ${type}: ${why}, but this run has no catalog to read; use a sink that writes to a catalog (catalog or datahub-rest)`,
    );
  }
  return ctx.catalog;
}

/** Reads the latest aspect of an entity, or null when the catalog has none. */
export async function currentAspect<T extends object>(catalog: CatalogClient, urn: string, aspectName: string): Promise<T | null> {
  const value: AspectValue | null = await catalog.getAspect(urn, aspectName);
  return (value as T | null) ?? null;
}
