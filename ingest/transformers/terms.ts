// Dataset glossary-term transformers: simple_add_dataset_terms, pattern_add_dataset_terms,
// add_dataset_terms. They write glossaryTerms and emit glossaryTermKey for every term they add.
import { z } from 'zod';
import type { AspectValue } from '../../model/mcp.js';
import type { RunContext, Transformer } from '../api/plugin.js';
import { KeyValuePattern, keyValuePatternSchema } from '../common/pattern.js';
import { asArray, TERMS_ACTOR, type AuditStamp, type GlossaryTermAssociation, type GlossaryTerms } from './common/aspects.js';
import { callableSpecSchema, loadCallable } from './common/callable.js';
import { now } from './common/clock.js';
import { DATASET, defineTransformer } from './common/define.js';
import { KeyAspects } from './common/key-aspects.js';
import { mergeTerms, overlayBy, termKey } from './common/merge.js';
import { currentAspect, patchCatalog, semanticsShape, type SemanticsConfig } from './common/semantics.js';
import { singleAspectTransformer } from './common/single-aspect.js';

const termUrnSchema = z.string().startsWith('urn:li:glossaryTerm:', 'expected a glossary term urn (urn:li:glossaryTerm:...)');

type TermsToAdd = (urn: string) => Promise<GlossaryTermAssociation[]>;

export function toTermAssociations(value: unknown): GlossaryTermAssociation[] {
  return asArray<unknown>(value).map((t) => (typeof t === 'string' ? { urn: t } : (t as GlossaryTermAssociation)));
}

/** The audit stamp DataHub's term transformers put on the glossaryTerms they create. */
export function newTermsAuditStamp(): AuditStamp {
  return { time: now(), actor: TERMS_ACTOR };
}

/**
 * glossaryTerms = the source's terms (unless replace_existing) ∪ the added ones, keeping the
 * source's auditStamp (a new one, stamped now, when there was none); with PATCH, merged over the
 * catalog's terms.
 */
export function termsTransformer(type: string, config: SemanticsConfig, ctx: RunContext, termsToAdd: TermsToAdd): Transformer {
  const catalog = patchCatalog(type, config, ctx);
  const keys = new KeyAspects();
  return singleAspectTransformer({
    aspectName: 'glossaryTerms',
    entityTypes: DATASET,
    async transform(urn, aspect) {
      const existing = aspect && !config.replace_existing ? asArray<GlossaryTermAssociation>(aspect.terms) : [];
      const added = await termsToAdd(urn);
      keys.add(added.map(termKey));
      if (aspect === null && added.length === 0) return null;
      let terms = mergeTerms(existing, added);
      const auditStamp = (aspect?.auditStamp as AuditStamp | undefined) ?? newTermsAuditStamp();
      if (catalog) {
        if (terms.length === 0) return null;
        const server = await currentAspect<GlossaryTerms>(catalog, urn, 'glossaryTerms');
        if (server) terms = overlayBy(asArray<GlossaryTermAssociation>(server.terms), terms, termKey);
      }
      return { terms, auditStamp } as AspectValue;
    },
    endOfStream: async () => keys.drain(),
  });
}

export const simpleAddDatasetTerms = defineTransformer({
  type: 'simple_add_dataset_terms',
  description: 'Adds a fixed set of glossary terms to every dataset',
  touches: { entityTypes: DATASET, aspect: 'glossaryTerms' },
  configSchema: z.strictObject({
    term_urns: z.array(termUrnSchema).describe('Glossary term urns to add to every dataset'),
    ...semanticsShape,
  }),
  create(config, ctx) {
    const terms = config.term_urns.map((urn) => ({ urn }));
    return termsTransformer('simple_add_dataset_terms', config, ctx, async () => terms);
  },
});

export const patternAddDatasetTerms = defineTransformer({
  type: 'pattern_add_dataset_terms',
  description: 'Adds glossary terms to datasets whose urn matches a regex',
  touches: { entityTypes: DATASET, aspect: 'glossaryTerms' },
  configSchema: z.strictObject({
    term_pattern: keyValuePatternSchema
      .default({ rules: {}, first_match_only: true })
      .describe('Rules {regex: [glossary term urns]} matched from the start of the entity urn'),
    ...semanticsShape,
  }),
  create(config, ctx) {
    const pattern = new KeyValuePattern(config.term_pattern);
    return termsTransformer('pattern_add_dataset_terms', config, ctx, async (urn) => pattern.valuesFor(urn).map((u) => ({ urn: u })));
  },
});

export const addDatasetTerms = defineTransformer({
  type: 'add_dataset_terms',
  description: 'Adds the glossary terms a JavaScript function returns for each dataset urn',
  touches: { entityTypes: DATASET, aspect: 'glossaryTerms' },
  configSchema: z.strictObject({
    get_terms_to_add: callableSpecSchema('Function (urn) => glossary term associations or term urns'),
    ...semanticsShape,
  }),
  async create(config, ctx) {
    const fn = await loadCallable<unknown>(config.get_terms_to_add, ctx.baseDir, 'add_dataset_terms');
    return termsTransformer('add_dataset_terms', config, ctx, async (urn) => toTermAssociations(await fn(urn)));
  },
});

export const termTransformers = [simpleAddDatasetTerms, patternAddDatasetTerms, addDatasetTerms];
