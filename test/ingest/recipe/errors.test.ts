import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RecipeDocument } from '../../../ingest/recipe/document.js';
import { ConfigError } from '../../../ingest/recipe/errors.js';
import { resolveRecipe } from '../../../ingest/recipe/recipe.js';
import { PluginRegistry, type Registries } from '../../../ingest/registry.js';
import { SourceReport, SinkReport, TransformerReport } from '../../../ingest/api/report.js';

const sourceConfig = z.strictObject({
  host_port: z.string(),
  database: z.string().optional(),
  password: z.string().meta({ secret: true }).optional(),
  table_pattern: z.strictObject({ allow: z.array(z.string()).default(['.*']) }).optional(),
  profiling: z.strictObject({ enabled: z.boolean().default(false) }).default({ enabled: false }),
});

const registries: Registries = {
  sources: new PluginRegistry('source', [
    { type: 'postgres', description: 'test', configSchema: sourceConfig, create: () => ({ report: new SourceReport(), async *workunits() {} }) },
  ]),
  transformers: new PluginRegistry('transformer', [
    {
      type: 'simple_add_dataset_tags',
      description: 'test',
      touches: { entityTypes: ['dataset'], aspect: 'globalTags' },
      configSchema: z.strictObject({ tag_urns: z.array(z.string()) }),
      create: () => ({ report: new TransformerReport(), transform: (s) => s }),
    },
  ]),
  sinks: new PluginRegistry('sink', [
    { type: 'console', description: 'test', configSchema: z.strictObject({}), create: () => ({ report: new SinkReport(), write: async () => {}, close: async () => {} }) },
  ]),
};

function problemsOf(text: string, env: Record<string, string> = {}): string[] {
  try {
    resolveRecipe(RecipeDocument.fromText(text, 'recipe.yml', '/tmp', env), registries);
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n');
    throw e;
  }
  return [];
}

describe('recipe errors say where, what and how to fix it', () => {
  it('accepts a valid recipe', () => {
    expect(problemsOf('source:\n  type: postgres\n  config:\n    host_port: localhost:5432\nsink:\n  type: console\n')).toEqual([]);
  });

  it('names the line, the key path and the likely key for a misspelt key', () => {
    const text = 'source:\n  type: postgres\n  config:\n    host_port: x\n    tabel_pattern:\n      allow: [a]\nsink:\n  type: console\n';
    expect(problemsOf(text)).toEqual(['recipe.yml:5:5 source.config.tabel_pattern: unknown key; did you mean "table_pattern"?']);
  });

  it('names a missing environment variable and its line', () => {
    const text = 'source:\n  type: postgres\n  config:\n    host_port: ${DB_HOST_PORT}\nsink:\n  type: console\n';
    const [line] = problemsOf(text);
    expect(line).toMatch(/^recipe\.yml:4:16 source\.config\.host_port: environment variable DB_HOST_PORT is not set/);
  });

  it('reports a YAML syntax error with its position', () => {
    const [line] = problemsOf('source:\n  type: postgres\n  config: [unclosed\n');
    expect(line).toBe("recipe.yml:4:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]");
  });

  it('lists the available plugins for an unknown type and suggests the closest', () => {
    const [line] = problemsOf('source:\n  type: postgress\n  config: {host_port: x}\nsink:\n  type: console\n');
    expect(line).toBe('recipe.yml:2:9 source.type: unknown source type "postgress"; did you mean "postgres"? available: postgres');
  });

  it('says what type was expected, and hides secret values', () => {
    const lines = problemsOf('source:\n  type: postgres\n  config:\n    host_port: 5432\n    password: 12345\nsink:\n  type: console\n');
    expect(lines).toContain('recipe.yml:4:16 source.config.host_port: expected string, got number 5432');
    expect(lines.join('\n')).toMatch(/source\.config\.password: expected string/);
  });

  it('reports a missing required key at its parent', () => {
    const [line] = problemsOf('source:\n  type: postgres\n  config:\n    database: tickit\nsink:\n  type: console\n');
    expect(line).toMatch(/source\.config\.host_port: required key is missing/);
  });

  it('checks transformer configs with their index in the path', () => {
    const text = 'source:\n  type: postgres\n  config: {host_port: x}\ntransformers:\n  - type: simple_add_dataset_tags\n    config:\n      tag_urn: [a]\n';
    expect(problemsOf(text)).toContain('recipe.yml:7:7 transformers[0].config.tag_urn: unknown key; did you mean "tag_urns"?');
  });

  it('rejects an unknown reporter type', () => {
    const [line] = problemsOf('source:\n  type: postgres\n  config: {host_port: x}\nsink: {type: console}\nreporting:\n  - type: datahbu\n');
    expect(line).toBe('recipe.yml:6:11 reporting[0].type: unknown reporter type "datahbu"; did you mean "datahub"? available: datahub, file');
  });

  it('rejects unknown top-level recipe keys', () => {
    const [line] = problemsOf('source:\n  type: postgres\n  config: {host_port: x}\npipline_name: x\n');
    expect(line).toBe('recipe.yml:4:1 pipline_name: unknown key; did you mean "pipeline_name"?');
  });
});
