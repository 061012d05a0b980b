// Ownership transformers that remove or rewrite owners: simple_remove_dataset_ownership,
// pattern_cleanup_ownership, extract_ownership_from_tags.
import { z } from 'zod';
import { makeMcp, type AspectValue, type MetadataChangeProposal } from '../../model/mcp.js';
import { parseUrn } from '../../model/urn.js';
import { asArray, UNKNOWN_AUDIT_STAMP, type GlobalTags, type Owner, type Ownership, type TagAssociation } from './common/aspects.js';
import { DATASET, defineTransformer, LEGACY_OWNABLE } from './common/define.js';
import { mergeOwners } from './common/merge.js';
import { OWNERSHIP_TYPES } from './common/ownership-type.js';
import { reSearch, reSub } from './common/regex.js';
import { singleAspectTransformer } from './common/single-aspect.js';

export const simpleRemoveDatasetOwnership = defineTransformer({
  type: 'simple_remove_dataset_ownership',
  description: 'Clears the owners the source sent',
  touches: { entityTypes: LEGACY_OWNABLE, aspect: 'ownership' },
  configSchema: z.strictObject({}),
  create() {
    return singleAspectTransformer({
      aspectName: 'ownership',
      entityTypes: LEGACY_OWNABLE,
      transform: async (_urn, aspect) => (aspect ? { ...aspect, owners: [] } : null),
    });
  },
});

/** Applies every cleanup regex (Python re.sub) to the user or group name of an owner urn. */
export function cleanOwnerUrn(ownerUrn: string, patterns: readonly string[]): string {
  let parsed;
  try {
    parsed = parseUrn(ownerUrn);
  } catch {
    return ownerUrn;
  }
  if (parsed.entityType !== 'corpuser' && parsed.entityType !== 'corpGroup') return ownerUrn;
  const name = patterns.reduce((n, p) => reSub(p, '', n), parsed.id);
  return `urn:li:${parsed.entityType}:${name}`;
}

export const patternCleanupOwnership = defineTransformer({
  type: 'pattern_cleanup_ownership',
  description: 'Removes regex-matched parts (prefixes, suffixes) from owner user and group names',
  touches: { entityTypes: LEGACY_OWNABLE, aspect: 'ownership' },
  configSchema: z.strictObject({
    pattern_for_cleanup: z.array(z.string()).describe('Regexes whose matches are removed from owner names'),
  }),
  create(config, ctx) {
    return singleAspectTransformer({
      aspectName: 'ownership',
      entityTypes: LEGACY_OWNABLE,
      async transform(urn, aspect) {
        const server = ctx.catalog ? ((await ctx.catalog.getAspect(urn, 'ownership')) as Ownership | null) : null;
        const owners = mergeOwners(asArray<Owner>(aspect?.owners), asArray<Owner>(server?.owners));
        if (!aspect && owners.length === 0) return null;
        const cleaned = mergeOwners([], owners.map((o) => ({ ...o, owner: cleanOwnerUrn(o.owner, config.pattern_for_cleanup) })));
        return { ...(aspect ?? { ownerTypes: {}, lastModified: UNKNOWN_AUDIT_STAMP }), owners: cleaned } as AspectValue;
      },
    });
  },
});

/**
 * Replaces characters of a tag name by the mapping, longest keys first, never re-replacing what
 * a replacement wrote (so `--`→`-` and `-`→`@` do not interfere).
 */
export function mapTagCharacters(tag: string, mapping: Record<string, string> | null): string {
  if (!mapping) return tag;
  const keys = Object.keys(mapping).filter((k) => k.length > 0).sort((a, b) => b.length - a.length);
  let out = '';
  let i = 0;
  outer: while (i < tag.length) {
    for (const k of keys) {
      if (tag.startsWith(k, i)) {
        out += mapping[k];
        i += k.length;
        continue outer;
      }
    }
    out += tag[i];
    i++;
  }
  return out;
}

export const extractOwnershipFromTags = defineTransformer({
  type: 'extract_ownership_from_tags',
  description: 'Adds owners named by dataset tags (the part of the tag after a regex match)',
  touches: { entityTypes: DATASET, aspect: 'ownership' },
  configSchema: z
    .strictObject({
      tag_pattern: z.string().default('').describe('Regex searched in each tag name; the rest of the tag after the match is the owner id'),
      is_user: z.boolean().default(true).describe('Owners are users (corpuser); false for groups (corpGroup)'),
      tag_character_mapping: z
        .record(z.string(), z.string())
        .nullable()
        .default(null)
        .describe('Characters of the tag to replace before matching, e.g. {"_": "."}'),
      email_domain: z.string().nullable().default(null).describe('Appended as "@<domain>" to the owner id'),
      extract_owner_type_from_tag_pattern: z
        .boolean()
        .default(false)
        .describe("Take the ownership type from the tag pattern's first group (as a custom ownership type)"),
      owner_type: z.string().default('TECHNICAL_OWNER').describe('Ownership type of the owners; another value means CUSTOM'),
      owner_type_urn: z.string().nullable().default(null).describe('urn:li:ownershipType: urn, required for custom types'),
    })
    .refine((c) => c.extract_owner_type_from_tag_pattern || (OWNERSHIP_TYPES as readonly string[]).includes(c.owner_type) || c.owner_type_urn, {
      message: 'owner_type_urn must be set when owner_type is not a built-in ownership type (CUSTOM)',
      path: ['owner_type_urn'],
    }),
  create(config) {
    const ownershipMcps: MetadataChangeProposal[] = [];
    const ownerType = (OWNERSHIP_TYPES as readonly string[]).includes(config.owner_type) ? config.owner_type : 'CUSTOM';

    function ownersFrom(tags: TagAssociation[]): Owner[] {
      const owners: Owner[] = [];
      for (const t of tags) {
        const name = mapTagCharacters(t.tag.replace(/^urn:li:tag:/, ''), config.tag_character_mapping);
        const match = reSearch(config.tag_pattern, name);
        if (!match) continue;
        let id = name.slice(match.index + match[0].length).trim();
        if (config.email_domain !== null) id = `${id}@${config.email_domain}`;
        const owner = `urn:li:${config.is_user ? 'corpuser' : 'corpGroup'}:${id}`;
        if (config.extract_owner_type_from_tag_pattern) {
          if (match[1] !== undefined) owners.push({ owner, type: 'CUSTOM', typeUrn: `urn:li:ownershipType:${match[1]}` });
        } else {
          owners.push({ owner, type: ownerType, ...(config.owner_type_urn ? { typeUrn: config.owner_type_urn } : {}) });
        }
      }
      return mergeOwners([], owners);
    }

    return singleAspectTransformer({
      aspectName: 'globalTags',
      entityTypes: DATASET,
      async transform(urn, aspect) {
        if (!aspect) return null;
        const owners = ownersFrom(asArray<TagAssociation>((aspect as GlobalTags).tags));
        if (owners.length > 0) {
          ownershipMcps.push(makeMcp(urn, 'ownership', { owners, ownerTypes: {}, lastModified: UNKNOWN_AUDIT_STAMP }));
        }
        return aspect;
      },
      endOfStream: async () => ownershipMcps.splice(0),
    });
  },
});

export const ownershipCleanupTransformers = [simpleRemoveDatasetOwnership, patternCleanupOwnership, extractOwnershipFromTags];
