// Reference documentation of every plugin, generated from the config schemas themselves (keys,
// types, defaults, descriptions), so docs/PLUGINS.md cannot drift from the code.
import { z } from 'zod';
import type { Registries } from './registry.js';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  default?: unknown;
  description?: string;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  secret?: boolean;
};

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.anyOf) return [...new Set(s.anyOf.map(typeOf))].join(' \\| ');
  if (s.type === 'array') return `list of ${s.items ? typeOf(s.items) : 'any'}`;
  if (s.type === 'object') return s.properties ? 'mapping' : 'map';
  if (Array.isArray(s.type)) return s.type.join(' \\| ');
  return s.type ?? 'any';
}

/** The object schema behind `s`, looking through nullable unions. */
function objectOf(s: JsonSchema): JsonSchema | null {
  if (s.properties) return s;
  for (const a of s.anyOf ?? []) if (a.properties) return a;
  return null;
}

function rows(schema: JsonSchema, prefix: string, depth: number, out: string[]): void {
  const required = new Set(schema.required ?? []);
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const name = `${prefix}${key}`;
    const def = prop.default === undefined ? (required.has(key) ? '**required**' : '') : `\`${JSON.stringify(prop.default)}\``;
    const desc = (prop.description ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
    out.push(`| \`${name}\` | ${typeOf(prop)}${prop.secret ? ' (secret)' : ''} | ${def} | ${desc} |`);
    const nested = objectOf(prop);
    if (nested && depth < 2) rows(nested, `${name}.`, depth + 1, out);
  }
}

function section(title: string, plugins: Array<{ type: string; aliases?: string[]; description: string; configSchema: z.ZodType }>): string[] {
  const out = [`## ${title}`, ''];
  for (const p of plugins) {
    out.push(`### \`${p.type}\``, '');
    if (p.aliases?.length) out.push(`Also accepted as: ${p.aliases.map((a) => `\`${a}\``).join(', ')}.`, '');
    out.push(p.description, '');
    const schema = z.toJSONSchema(p.configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const body: string[] = [];
    rows(schema, '', 0, body);
    if (body.length) out.push('| key | type | default | description |', '|---|---|---|---|', ...body, '');
    else out.push('No configuration.', '');
  }
  return out;
}

export function pluginDocs(r: Registries): string {
  return [
    '# Plugins',
    '',
    'Generated from the plugins\' config schemas by `catalog check plugins --markdown`; do not edit by hand.',
    'Every key not listed is an error. Secrets are masked in logs and reports.',
    '',
    ...section('Sources', r.sources.plugins()),
    ...section('Transformers', r.transformers.plugins()),
    ...section('Sinks', r.sinks.plugins()),
  ].join('\n');
}
