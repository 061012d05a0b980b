// Schema-embedded metadata -> tags, terms and owners, as DataHub's `meta_mapping` /
// `field_meta_mapping` (utilities/mapping.py OperationProcessor) does it:
//   meta_mapping:
//     owner:     { match: ".*", operation: add_owner, config: { owner_type: user, owner_category: TECHNICAL_OWNER } }
//     has_pii:   { match: true, operation: add_tag, config: { tag: pii } }
//     data_tier: { match: "gold|silver", operation: add_term, config: { term: "Tier.{{ $match }}" } }
// A string `match` is a regular expression anchored at the start (Python's `re.match`); a boolean
// or number must equal the property. `{{ $match }}` in the config is replaced by the matched text.
// A list-valued property is matched element by element.
import { z } from 'zod';
import { OWNERSHIP_TYPES, type Owner } from '../../../model/aspects/ownership.js';
import { corpGroupUrn, corpUserUrn, glossaryTermUrn } from '../../../model/urn.js';

export const META_MAPPING_OPERATIONS = ['add_tag', 'add_term', 'add_terms', 'add_owner'] as const;

export const MetaMappingRule = z.strictObject({
  match: z.union([z.string(), z.boolean(), z.number()]).describe('Regex (start-anchored) or literal the property must match'),
  operation: z.enum(META_MAPPING_OPERATIONS).describe('What a match adds'),
  config: z.record(z.string(), z.unknown()).default({}).describe('tag | term | separator | owner_type, owner_category'),
});
export type MetaMappingRule = z.input<typeof MetaMappingRule>;

/** Property name -> rule. */
export const MetaMapping = z.record(z.string(), MetaMappingRule);
export type MetaMapping = z.input<typeof MetaMapping>;

export interface MetaMappingResult {
  /** Tag names (not URNs), prefix applied. */
  tags: string[];
  /** Glossary term URNs. */
  terms: string[];
  owners: Owner[];
  /** Rules that could not be applied (a bad regex, an unknown owner category). */
  problems: string[];
}

export interface MetaMappingOptions {
  tagPrefix?: string;
  stripUserIdsFromEmail?: boolean;
}

const MATCH_TOKEN = /\{\{\s*\$match\s*\}\}/g;

function matchValue(match: string | boolean | number, value: unknown): string | null {
  if (typeof match === 'boolean' || typeof match === 'number') return value === match || String(value) === String(match) ? String(value) : null;
  if (value === null || value === undefined || typeof value === 'object') return null;
  const found = new RegExp(match).exec(String(value));
  return found && found.index === 0 ? found[0] : null;
}

function ownerUrn(name: string, config: Record<string, unknown>, options: MetaMappingOptions): string {
  if (name.startsWith('urn:li:corpuser:') || name.startsWith('urn:li:corpGroup:')) return name;
  const id = options.stripUserIdsFromEmail && name.includes('@') ? name.slice(0, name.indexOf('@')) : name;
  return config.owner_type === 'group' ? corpGroupUrn(id) : corpUserUrn(id);
}

/** Applies `mapping` to a bag of properties (Avro record or field attributes, JSON Schema keywords). */
export function applyMetaMapping(
  mapping: MetaMapping | undefined,
  props: Record<string, unknown>,
  options: MetaMappingOptions = {},
): MetaMappingResult {
  const result: MetaMappingResult = { tags: [], terms: [], owners: [], problems: [] };
  if (!mapping) return result;
  for (const [property, rawRule] of Object.entries(mapping)) {
    if (!(property in props)) continue;
    const parsed = MetaMappingRule.safeParse(rawRule);
    if (!parsed.success) {
      result.problems.push(`meta mapping for "${property}": ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      continue;
    }
    const rule = parsed.data;
    const value = props[property];
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      let matched: string | null;
      try {
        matched = matchValue(rule.match, item);
      } catch (error) {
        result.problems.push(`meta mapping for "${property}": invalid match pattern ${JSON.stringify(rule.match)} (${(error as Error).message})`);
        break;
      }
      if (matched === null) continue;
      const fill = (text: unknown): string => String(text ?? matched).replace(MATCH_TOKEN, matched);
      switch (rule.operation) {
        case 'add_tag':
          result.tags.push(`${options.tagPrefix ?? ''}${fill(rule.config.tag)}`);
          break;
        case 'add_term':
          result.terms.push(glossaryTermUrn(fill(rule.config.term)));
          break;
        case 'add_terms': {
          const separator = typeof rule.config.separator === 'string' ? rule.config.separator : ',';
          const prefix = typeof rule.config.term_prefix === 'string' ? rule.config.term_prefix : '';
          for (const term of String(item).split(separator).map((t) => t.trim()).filter(Boolean)) {
            result.terms.push(glossaryTermUrn(`${prefix}${term}`));
          }
          break;
        }
        case 'add_owner': {
          const category = String(rule.config.owner_category ?? 'DATAOWNER');
          if (!(OWNERSHIP_TYPES as readonly string[]).includes(category)) {
            result.problems.push(`meta mapping for "${property}": unknown owner_category "${category}" (one of ${OWNERSHIP_TYPES.join(', ')})`);
            break;
          }
          for (const name of String(item).split(',').map((o) => o.trim()).filter(Boolean)) {
            result.owners.push({
              owner: ownerUrn(name, rule.config, options),
              type: category as Owner['type'],
              source: { type: 'SERVICE' },
            });
          }
          break;
        }
      }
    }
  }
  result.tags = [...new Set(result.tags)];
  result.terms = [...new Set(result.terms)];
  result.owners = result.owners.filter((o, i, all) => all.findIndex((p) => p.owner === o.owner && p.type === o.type) === i);
  return result;
}
