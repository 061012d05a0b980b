// The business glossary file (DataHub's `BusinessGlossaryConfig`, version "1"), validated strictly:
// unknown keys are errors, and every error names the file, the key path and the line.
// The file is read with the same loader as recipes, so `${VAR}` expands as DataHub's
// `load_config_file(resolve_env_vars=True)` does.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { RecipeDocument } from '../../recipe/document.js';
import { ConfigError, type ConfigProblem } from '../../recipe/errors.js';
import { validateConfig } from '../../recipe/validate.js';

/** Python's `str(value)`, as DataHub's `LaxStr` applies it to custom property values. */
function pythonStr(value: string | number | boolean | null): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

const laxStr = z.union([z.string(), z.number(), z.boolean(), z.null()]).transform(pythonStr);
const optionalString = (description: string) => z.string().nullish().describe(description);

/** DataHub's OwnershipType enum (current and deprecated values). */
export const OWNERSHIP_TYPES = [
  'CUSTOM', 'TECHNICAL_OWNER', 'BUSINESS_OWNER', 'DATA_STEWARD', 'NONE',
  'DEVELOPER', 'DATAOWNER', 'DELEGATE', 'PRODUCER', 'CONSUMER', 'STAKEHOLDER',
] as const;

const ownershipType = z
  .string()
  .refine((t) => t.startsWith('urn:li:') || (OWNERSHIP_TYPES as readonly string[]).includes(t.toUpperCase()), {
    message: `expected an urn:li:ownershipType: URN or one of ${OWNERSHIP_TYPES.join(', ')}`,
  });

const ownersEntrySchema = z.strictObject({
  type: ownershipType
    .nullish()
    .describe('Ownership type (DEVELOPER by default, TECHNICAL_OWNER, ...) or an urn:li:ownershipType: URN'),
  typeUrn: optionalString('Custom ownership type URN'),
  users: z.array(z.string()).nullish().describe('User names or corpuser URNs'),
  groups: z.array(z.string()).nullish().describe('Group names or corpGroup URNs'),
});
export type GlossaryOwners = z.infer<typeof ownersEntrySchema>;

const ownersSchema = z
  .union([ownersEntrySchema, z.array(ownersEntrySchema)])
  .describe('Owners: one {users, groups, type, typeUrn} mapping or a list of them');

const knowledgeCardSchema = z.strictObject({
  url: optionalString('Link target'),
  label: optionalString('Link text'),
});

const termRefs = (description: string) => z.array(z.string()).nullish().describe(description);

const termSchema = z.strictObject({
  id: optionalString('Explicit id (or full urn:li:glossaryTerm: URN) instead of one derived from the path'),
  name: z.string().describe('Name of the term'),
  description: z.string().describe('Definition of the term'),
  term_source: optionalString('INTERNAL or EXTERNAL (default: the file-level source_type)'),
  source_ref: optionalString('Source reference (default: the file-level source)'),
  source_url: optionalString('Source URL (default: the file-level url)'),
  owners: ownersSchema.nullish(),
  inherits: termRefs('Terms this term is a kind of (IsA), by path or id'),
  contains: termRefs('Terms this term contains (HasA), by path or id'),
  values: termRefs('Terms that are values of this term, by path or id'),
  related_terms: termRefs('Other related terms, by path or id'),
  custom_properties: z.record(z.string(), laxStr).nullish().describe('Free-form properties (values become strings)'),
  knowledge_links: z.array(knowledgeCardSchema).nullish().describe('Links shown as documentation'),
  domain: optionalString('Domain name or urn:li:domain: URN'),
});
export type GlossaryTerm = z.infer<typeof termSchema>;

export interface GlossaryNode {
  id?: string | null;
  name: string;
  description: string;
  owners?: GlossaryOwners | GlossaryOwners[] | null;
  terms?: GlossaryTerm[] | null;
  nodes?: GlossaryNode[] | null;
  knowledge_links?: Array<z.infer<typeof knowledgeCardSchema>> | null;
  custom_properties?: Record<string, string> | null;
}

const nodeSchema: z.ZodType<GlossaryNode> = z.strictObject({
  id: optionalString('Explicit id (or full urn:li:glossaryNode: URN) instead of one derived from the path'),
  name: z.string().describe('Name of the term group'),
  description: z.string().describe('Definition of the term group'),
  owners: ownersSchema.nullish(),
  terms: z.array(termSchema).nullish().describe('Terms in this group'),
  get nodes() {
    return z.array(nodeSchema).nullish().describe('Nested term groups');
  },
  knowledge_links: z.array(knowledgeCardSchema).nullish().describe('Links shown as documentation'),
  custom_properties: z.record(z.string(), laxStr).nullish().describe('Free-form properties (values become strings)'),
});

export const glossaryFileSchema = z.strictObject({
  version: z
    .union([z.string(), z.number()])
    .refine((v) => String(v) === '1', { message: 'only version "1" is supported' })
    .describe('Format version; must be "1"'),
  source: optionalString('Default source reference of the terms'),
  owners: ownersSchema.describe('Default owners of every node and term'),
  url: optionalString('Default source URL of the terms'),
  source_type: z.string().default('INTERNAL').describe('Default term source: INTERNAL or EXTERNAL'),
  nodes: z.array(nodeSchema).nullish().describe('Top-level term groups'),
  terms: z.array(termSchema).nullish().describe('Top-level terms without a group'),
});
export type GlossaryFile = z.infer<typeof glossaryFileSchema>;

/** Parses and validates glossary text; throws ConfigError with one located line per problem. */
export function parseGlossary(text: string, fileLabel: string, baseDir: string): GlossaryFile {
  const doc = RecipeDocument.fromText(text, fileLabel, baseDir);
  const problems: ConfigProblem[] = [];
  const glossary = validateConfig(glossaryFileSchema, doc.value, { doc, at: [] }, problems);
  if (!glossary) throw new ConfigError(problems);
  return glossary;
}

function isUrl(file: string): boolean {
  return /^https?:\/\//i.test(file);
}

/** Reads the glossary from a path (relative to `baseDir`) or an http(s) URL. */
export async function loadGlossary(file: string, baseDir: string): Promise<GlossaryFile> {
  let text: string;
  try {
    if (isUrl(file)) {
      const response = await fetch(file);
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      text = await response.text();
    } else {
      text = await readFile(path.resolve(baseDir, file), 'utf8');
    }
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new ConfigError([{ location: file, path: '', message: `cannot read the business glossary file: ${reason}` }]);
  }
  return parseGlossary(text, file, baseDir);
}
