// Validates a value against a plugin's zod schema and turns every issue into a located,
// one-line problem with the key path, what was expected, and a suggestion for misspelt keys.
import { z } from 'zod';
import type { RecipeDocument } from './document.js';
import { didYouMean, formatPath, type ConfigProblem } from './errors.js';

/** Unwraps optional/default/nullable/pipe wrappers down to the object schema, if any. */
function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | null {
  let s: unknown = schema;
  for (let i = 0; i < 10 && s; i++) {
    if (s instanceof z.ZodObject) return s.shape as Record<string, z.ZodType>;
    const def = (s as { def?: Record<string, unknown> }).def;
    if (!def) return null;
    s = def.innerType ?? def.in ?? def.schema ?? null;
  }
  return null;
}

function childSchema(schema: z.ZodType | undefined, seg: PropertyKey): z.ZodType | undefined {
  const shape = objectShape(schema);
  if (shape && typeof seg === 'string') return shape[seg];
  let s: unknown = schema;
  for (let i = 0; i < 10 && s; i++) {
    if (s instanceof z.ZodArray) return s.element as z.ZodType;
    if (s instanceof z.ZodRecord) return s.valueType as z.ZodType;
    const def = (s as { def?: Record<string, unknown> }).def;
    if (!def) return undefined;
    s = def.innerType ?? def.in ?? def.schema ?? null;
  }
  return undefined;
}

export function knownKeysAt(schema: z.ZodType, pathSegs: ReadonlyArray<PropertyKey>): string[] {
  let s: z.ZodType | undefined = schema;
  for (const seg of pathSegs) s = childSchema(s, seg);
  const shape = objectShape(s);
  return shape ? Object.keys(shape) : [];
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, pathSegs: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = root;
  for (const seg of pathSegs) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown, secretPaths: Set<string>): string {
  const full = formatPath(issue.path as PropertyKey[]);
  const actual = valueAt(input, issue.path as PropertyKey[]);
  const shown = secretPaths.has(full) ? '********' : actual === undefined ? 'nothing' : typeName(actual);
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return `required key is missing (expected ${issue.expected})`;
      return `expected ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : issue.expected}, got ${shown}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${shown}`;
    default:
      return issue.message;
  }
}

export interface ValidateOptions {
  doc: RecipeDocument;
  /** Path of the value inside the recipe, e.g. ['source', 'config']. */
  at: PropertyKey[];
  /** Paths (relative) whose values must not be shown. */
  secretPaths?: Set<string>;
}

export function validateConfig<T>(schema: z.ZodType<T>, value: unknown, opts: ValidateOptions, problems: ConfigProblem[]): T | undefined {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const rel = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, rel);
      for (const key of issue.keys) {
        const abs = [...opts.at, ...rel, key];
        const hint = didYouMean(key, known);
        problems.push({
          location: opts.doc.locate(abs, true),
          path: formatPath(abs),
          message: hint ? `unknown key; did you mean "${hint}"?` : `unknown key; expected one of: ${known.join(', ') || '(none)'}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      // report the most specific branch failure
      const branch = issue.errors.flat()[0];
      if (branch) {
        const abs = [...opts.at, ...rel, ...(branch.path as PropertyKey[])];
        problems.push({ location: opts.doc.locate(abs), path: formatPath(abs), message: describeIssue({ ...branch, path: [...rel, ...branch.path] } as z.core.$ZodIssue, value, opts.secretPaths ?? new Set()) });
        continue;
      }
    }
    const abs = [...opts.at, ...rel];
    problems.push({ location: opts.doc.locate(abs), path: formatPath(abs), message: describeIssue(issue, value, opts.secretPaths ?? new Set()) });
  }
  return undefined;
}
