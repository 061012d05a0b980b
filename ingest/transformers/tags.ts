// Dataset tag transformers: simple_add_dataset_tags, pattern_add_dataset_tags, add_dataset_tags,
// extract_dataset_tags. All write globalTags and emit tagKey for every tag they add.
import { z } from 'zod';
import type { AspectValue } from '../../model/mcp.js';
import { parseDatasetUrn } from '../../model/urn.js';
import type { RunContext, Transformer } from '../api/plugin.js';
import { KeyValuePattern, keyValuePatternSchema } from '../common/pattern.js';
import { asArray, type GlobalTags, type TagAssociation } from './common/aspects.js';
import { callableSpecSchema, loadCallable } from './common/callable.js';
import { DATASET, defineTransformer } from './common/define.js';
import { KeyAspects } from './common/key-aspects.js';
import { mergeTags, overlayBy, tagKey } from './common/merge.js';
import { reSearch } from './common/regex.js';
import { currentAspect, patchCatalog, semanticsShape, type SemanticsConfig } from './common/semantics.js';
import { singleAspectTransformer } from './common/single-aspect.js';

const tagUrnSchema = z.string().startsWith('urn:li:tag:', 'expected a tag urn (urn:li:tag:...)');

export const tagPatternSchema = keyValuePatternSchema
  .default({ rules: {}, first_match_only: true })
  .describe('Rules {regex: [tag urns]} matched from the start of the entity urn');

type TagsToAdd = (urn: string) => Promise<TagAssociation[]>;

/** Accepts what a user callable may return: tag associations or bare tag urns. */
export function toTagAssociations(value: unknown): TagAssociation[] {
  return asArray<unknown>(value).map((t) => (typeof t === 'string' ? { tag: t } : (t as TagAssociation)));
}

/**
 * globalTags = the source's tags (unless replace_existing) ∪ the added ones; with PATCH, merged
 * over the catalog's tags (the transformer's value wins for a tag both have).
 */
export function tagsTransformer(type: string, config: SemanticsConfig, ctx: RunContext, tagsToAdd: TagsToAdd): Transformer {
  const catalog = patchCatalog(type, config, ctx);
  const keys = new KeyAspects();
  return singleAspectTransformer({
    aspectName: 'globalTags',
    entityTypes: DATASET,
    async transform(urn, aspect) {
      const existing = aspect && !config.replace_existing ? asArray<TagAssociation>(aspect.tags) : [];
      const added = await tagsToAdd(urn);
      keys.add(added.map(tagKey));
      if (aspect === null && added.length === 0) return null;
      let tags = mergeTags(existing, added);
      if (catalog) {
        if (tags.length === 0) return null;
        const server = await currentAspect<GlobalTags>(catalog, urn, 'globalTags');
        if (server) tags = overlayBy(asArray<TagAssociation>(server.tags), tags, tagKey);
      }
      return { tags } as AspectValue;
    },
    endOfStream: async () => keys.drain(),
  });
}

export const simpleAddDatasetTags = defineTransformer({
  type: 'simple_add_dataset_tags',
  description: 'Adds a fixed set of tags to every dataset',
  touches: { entityTypes: DATASET, aspect: 'globalTags' },
  configSchema: z.strictObject({
    tag_urns: z.array(tagUrnSchema).describe('Tag urns to add to every dataset'),
    ...semanticsShape,
  }),
  create(config, ctx) {
    const tags = config.tag_urns.map((tag) => ({ tag }));
    return tagsTransformer('simple_add_dataset_tags', config, ctx, async () => tags);
  },
});

export const patternAddDatasetTags = defineTransformer({
  type: 'pattern_add_dataset_tags',
  description: 'Adds tags to datasets whose urn matches a regex',
  touches: { entityTypes: DATASET, aspect: 'globalTags' },
  configSchema: z.strictObject({ tag_pattern: tagPatternSchema, ...semanticsShape }),
  create(config, ctx) {
    const pattern = new KeyValuePattern(config.tag_pattern);
    return tagsTransformer('pattern_add_dataset_tags', config, ctx, async (urn) => pattern.valuesFor(urn).map((tag) => ({ tag })));
  },
});

export const addDatasetTags = defineTransformer({
  type: 'add_dataset_tags',
  description: 'Adds the tags a JavaScript function returns for each dataset urn',
  touches: { entityTypes: DATASET, aspect: 'globalTags' },
  configSchema: z.strictObject({
    get_tags_to_add: callableSpecSchema('Function (urn) => tag associations or tag urns'),
    ...semanticsShape,
  }),
  async create(config, ctx) {
    const fn = await loadCallable<unknown>(config.get_tags_to_add, ctx.baseDir, 'add_dataset_tags');
    return tagsTransformer('add_dataset_tags', config, ctx, async (urn) => toTagAssociations(await fn(urn)));
  },
});

export const extractDatasetTags = defineTransformer({
  type: 'extract_dataset_tags',
  description: "Adds a tag taken from the dataset's name by a regex's first group",
  touches: { entityTypes: DATASET, aspect: 'globalTags' },
  configSchema: z.strictObject({
    extract_tags_from: z.enum(['urn']).default('urn').describe('Where to extract the tag from; only "urn" (the dataset name)'),
    extract_tags_regex: z.string().describe('Regex searched in the dataset name; its first group is the tag name'),
    ...semanticsShape,
  }),
  create(config, ctx) {
    return tagsTransformer('extract_dataset_tags', config, ctx, async (urn) => {
      const match = reSearch(config.extract_tags_regex, parseDatasetUrn(urn).name);
      const name = match?.[1];
      return name ? [{ tag: `urn:li:tag:${name}` }] : [];
    });
  },
});

export const tagTransformers = [simpleAddDatasetTags, patternAddDatasetTags, addDatasetTags, extractDatasetTags];
