// The recipe in DataHub's shape, validated top to bottom before anything runs: the recipe keys,
// then each plugin's own config. Every problem is collected and reported at once.
import { z } from 'zod';
import type { SinkPlugin, SourcePlugin, TransformerPlugin } from '../api/plugin.js';
import type { Registries } from '../registry.js';
import type { RecipeDocument } from './document.js';
import { ConfigError, didYouMean, formatPath, type ConfigProblem } from './errors.js';
import { validateConfig } from './validate.js';
import { REPORTER_TYPES } from '../pipeline/reporting.js';

const config = z.record(z.string(), z.unknown()).nullable().optional().describe('Plugin configuration');

export const recipeSchema = z.strictObject({
  source: z.strictObject({
    type: z.string().describe('Source plugin name'),
    config,
    extractor: z.string().default('generic'),
    extractor_config: z.record(z.string(), z.unknown()).default({}),
  }),
  transformers: z.array(z.strictObject({ type: z.string(), config })).nullable().default([]),
  sink: z.strictObject({ type: z.string(), config }).default({ type: 'catalog', config: {} }),
  pipeline_name: z.string().nullable().default(null).describe('Stable pipeline identity; enables stateful ingestion'),
  run_id: z.string().optional().describe('Run id; default <source type>-YYYY_MM_DD-HH_MM_SS-<6 chars>'),
  reporting: z
    .array(z.strictObject({ type: z.string(), config: config, required: z.boolean().default(false) }))
    .nullable()
    .default([]),
  flags: z
    .strictObject({
      generate_browse_path_v2: z.boolean().default(true),
      generate_browse_path_v2_dry_run: z.boolean().default(false),
      set_system_metadata: z.boolean().default(true),
      set_system_metadata_pipeline_name: z.boolean().default(true),
      report_failure_sample_size: z.number().int().positive().optional(),
      report_warning_sample_size: z.number().int().positive().optional(),
    })
    .default({
      generate_browse_path_v2: true,
      generate_browse_path_v2_dry_run: false,
      set_system_metadata: true,
      set_system_metadata_pipeline_name: true,
    }),
  datahub_api: z.record(z.string(), z.unknown()).nullable().optional(),
  failure_log: z.record(z.string(), z.unknown()).nullable().optional(),
});

export type RecipeConfig = z.infer<typeof recipeSchema>;

export interface Resolved<P> {
  plugin: P;
  config: unknown;
}

export interface ResolvedRecipe {
  recipe: RecipeConfig;
  source: Resolved<SourcePlugin<any>>;
  transformers: Array<Resolved<TransformerPlugin<any>>>;
  sink: Resolved<SinkPlugin<any>>;
  /** Resolved config values that are secrets (masked everywhere). */
  secrets: string[];
}

function collectSecrets(schema: z.ZodType, value: unknown, out: string[]): void {
  // Walks the parsed config alongside its schema and collects values marked secret.
  if (value === null || value === undefined) return;
  const meta = schema.meta?.() as { secret?: boolean } | undefined;
  if (meta?.secret && typeof value === 'string') {
    out.push(value);
    return;
  }
  let s: unknown = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodObject) {
      const shape = s.shape as Record<string, z.ZodType>;
      for (const [k, child] of Object.entries(shape)) collectSecrets(child, (value as Record<string, unknown>)[k], out);
      return;
    }
    const def = (s as { def?: Record<string, unknown> })?.def;
    if (!def) return;
    const inner = (def.innerType ?? def.in ?? def.schema) as z.ZodType | undefined;
    if (!inner) return;
    const innerMeta = inner.meta?.() as { secret?: boolean } | undefined;
    if (innerMeta?.secret && typeof value === 'string') {
      out.push(value);
      return;
    }
    s = inner;
  }
}

function resolvePlugin<P extends { type: string; configSchema: z.ZodType }>(
  kind: 'source' | 'transformer' | 'sink',
  registry: { get(n: string): P | undefined; names(): string[] },
  type: string,
  rawConfig: unknown,
  at: PropertyKey[],
  doc: RecipeDocument,
  problems: ConfigProblem[],
  secrets: string[],
): Resolved<P> | null {
  const plugin = registry.get(type);
  if (!plugin) {
    const hint = didYouMean(type, registry.names());
    problems.push({
      location: doc.locate([...at, 'type']),
      path: formatPath([...at, 'type']),
      message: `unknown ${kind} type "${type}"; ${hint ? `did you mean "${hint}"? ` : ''}available: ${registry.names().join(', ')}`,
    });
    return null;
  }
  const cfg = validateConfig(plugin.configSchema, rawConfig ?? {}, { doc, at: [...at, 'config'] }, problems);
  if (cfg === undefined) return null;
  collectSecrets(plugin.configSchema, cfg, secrets);
  return { plugin, config: cfg };
}

export function resolveRecipe(doc: RecipeDocument, registries: Registries): ResolvedRecipe {
  const problems: ConfigProblem[] = [];
  if (!doc.value || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    throw new ConfigError([{ location: doc.locate([]), path: '', message: 'a recipe must be a mapping with at least a `source`' }]);
  }
  const recipe = validateConfig(recipeSchema, doc.value, { doc, at: [] }, problems);
  if (!recipe) throw new ConfigError(problems);
  const secrets: string[] = [];
  const source = resolvePlugin('source', registries.sources, recipe.source.type, recipe.source.config, ['source'], doc, problems, secrets);
  const transformers = (recipe.transformers ?? []).map((t, i) =>
    resolvePlugin('transformer', registries.transformers, t.type, t.config, ['transformers', i], doc, problems, secrets),
  );
  const sink = resolvePlugin('sink', registries.sinks, recipe.sink.type, recipe.sink.config, ['sink'], doc, problems, secrets);
  for (const [i, r] of (recipe.reporting ?? []).entries()) {
    if (!(REPORTER_TYPES as readonly string[]).includes(r.type)) {
      const hint = didYouMean(r.type, REPORTER_TYPES);
      problems.push({
        location: doc.locate(['reporting', i, 'type']),
        path: formatPath(['reporting', i, 'type']),
        message: `unknown reporter type "${r.type}"; ${hint ? `did you mean "${hint}"? ` : ''}available: ${REPORTER_TYPES.join(', ')}`,
      });
    }
  }
  if (problems.length > 0 || !source || !sink || transformers.some((t) => !t)) throw new ConfigError(problems);
  return { recipe, source, transformers: transformers as Array<Resolved<TransformerPlugin<any>>>, sink, secrets: [...secrets, ...doc.envValues] };
}
