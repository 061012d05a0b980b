// Typing helper: a transformer plugin whose config type is read off its zod schema.
import type { z } from 'zod';
import type { RunContext, Transformer, TransformerPlugin } from '../../api/plugin.js';

export function defineTransformer<S extends z.ZodType>(plugin: {
  type: string;
  aliases?: string[];
  description: string;
  touches: { entityTypes: string[]; aspect: string };
  configSchema: S;
  create(config: z.output<S>, ctx: RunContext): Transformer | Promise<Transformer>;
}): TransformerPlugin<z.output<S>> {
  return plugin as TransformerPlugin<z.output<S>>;
}

export const DATASET: string[] = ['dataset'];
/** Entity types of DataHub's universal ownership and domain transformers. */
export const OWNABLE: string[] = ['dataset', 'container', 'dataJob', 'dataFlow', 'chart', 'dashboard'];
/** Entity types of the legacy `*_dataset_ownership` transformers (all but container). */
export const LEGACY_OWNABLE: string[] = ['dataset', 'dataJob', 'dataFlow', 'chart', 'dashboard'];
