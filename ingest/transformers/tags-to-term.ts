// tags_to_term: a dataset carrying a configured tag (at dataset or column level) gets the glossary
// term of the same name. Tags come from the stream and, when the run has one, from the catalog.
import { z } from 'zod';
import type { AspectValue } from '../../model/mcp.js';
import { asArray, type GlossaryTermAssociation, type GlossaryTerms } from './common/aspects.js';
import { DATASET, defineTransformer } from './common/define.js';
import { KeyAspects } from './common/key-aspects.js';
import { mergeTerms, overlayBy, termKey } from './common/merge.js';
import { currentAspect, patchCatalog, semanticsShape } from './common/semantics.js';
import { singleAspectTransformer } from './common/single-aspect.js';
import { TagCollector } from './common/tag-collector.js';
import { newTermsAuditStamp } from './terms.js';

/** `urn:li:tag:db.schema.pii:high` -> `pii`: the last dotted segment, before any `:value`. */
export function simpleTagName(tagUrn: string): string {
  const name = tagUrn.split('urn:li:tag:').pop() ?? tagUrn;
  return (name.split('.').pop() ?? name).split(':')[0] ?? name;
}

export const tagsToTerm = defineTransformer({
  type: 'tags_to_term',
  description: 'Adds the glossary term named like each configured tag a dataset or its columns carry',
  touches: { entityTypes: DATASET, aspect: 'glossaryTerms' },
  configSchema: z.strictObject({
    tags: z.array(z.string()).describe('Simple tag names (not urns) to map to glossary terms of the same name'),
    ...semanticsShape,
  }),
  create(config, ctx) {
    const catalog = patchCatalog('tags_to_term', config, ctx);
    const reader = catalog ?? ctx.catalog;
    const collector = new TagCollector(true);
    const keys = new KeyAspects();
    const wanted = config.tags;
    return singleAspectTransformer({
      aspectName: 'glossaryTerms',
      entityTypes: DATASET,
      observe: (mcp) => collector.observe(mcp),
      async transform(urn, aspect) {
        const names = new Set((await collector.tags(urn, reader)).map(simpleTagName));
        const added = wanted.filter((t) => names.has(t)).map((t) => ({ urn: `urn:li:glossaryTerm:${t}` }));
        if (added.length === 0) return aspect;
        keys.add(added.map(termKey));
        const existing = aspect && !config.replace_existing ? asArray<GlossaryTermAssociation>(aspect.terms) : [];
        let terms = mergeTerms(existing, added);
        if (catalog) {
          const server = await currentAspect<GlossaryTerms>(catalog, urn, 'glossaryTerms');
          if (server) terms = overlayBy(asArray<GlossaryTermAssociation>(server.terms), terms, termKey);
        }
        return { terms, auditStamp: newTermsAuditStamp() } as AspectValue;
      },
      endOfStream: async () => keys.drain(),
    });
  },
});
