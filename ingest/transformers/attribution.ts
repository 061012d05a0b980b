// set_attribution: stamps a MetadataAttribution (time, actor, source, sourceDetail) on every tag,
// glossary term and owner in globalTags, glossaryTerms and ownership, on every entity type.
// Unlike DataHub, upserts stay upserts: our proposals carry no JSON-patch arrayPrimaryKeys, so the
// per-source patch DataHub builds cannot be expressed; `add` operations of patches are stamped too.
import { z } from 'zod';
import type { AspectValue, MetadataChangeProposal, PatchOperation } from '../../model/mcp.js';
import type { Transformer } from '../api/plugin.js';
import { TransformerReport } from '../api/report.js';
import type { WorkUnit } from '../api/workunit.js';
import { asArray, type MetadataAttribution } from './common/aspects.js';
import { now } from './common/clock.js';
import { defineTransformer } from './common/define.js';
import { TransformerConfigError } from './common/semantics.js';

/** aspect -> [array field, id field of an item] */
const ITEMS: Record<string, [string, string]> = {
  globalTags: ['tags', 'tag'],
  glossaryTerms: ['terms', 'urn'],
  ownership: ['owners', 'owner'],
};

const urnString = (what: string) => z.string().startsWith('urn:li:', `${what} must be a urn (urn:li:...)`);

export const setAttribution = defineTransformer({
  type: 'set_attribution',
  description: 'Stamps attribution (source, actor, time) on tags, glossary terms and owners',
  touches: { entityTypes: ['*'], aspect: 'globalTags, glossaryTerms, ownership' },
  configSchema: z.strictObject({
    attribution_source: urnString('attribution_source').describe('Attribution source urn, e.g. urn:li:platformResource:ingestion'),
    actor: urnString('actor').default('urn:li:corpuser:datahub').describe('Actor urn written in the attribution'),
    source_detail: z.record(z.string(), z.string()).nullable().default(null).describe('Optional sourceDetail map of the attribution'),
    patch_mode: z.boolean().default(false).describe('DataHub patch mode (per-source patches); not supported here, must stay false'),
  }),
  create(config): Transformer {
    if (config.patch_mode) {
      throw new TransformerConfigError('transformer set_attribution: patch_mode: true is not supported; leave it false');
    }
    const report = new TransformerReport();
    const attribution = (): MetadataAttribution => ({
      time: now(),
      actor: config.actor,
      source: config.attribution_source,
      ...(config.source_detail ? { sourceDetail: config.source_detail } : {}),
    });
    const stamp = (item: unknown, idField: string): unknown =>
      item && typeof item === 'object' && idField in item ? { ...(item as object), attribution: attribution() } : item;

    function stamped(mcp: MetadataChangeProposal): MetadataChangeProposal | null {
      const fields = mcp.aspectName ? ITEMS[mcp.aspectName] : undefined;
      if (!fields || mcp.aspect === undefined) return null;
      const [arrayField, idField] = fields;
      if (mcp.changeType === 'PATCH') {
        const ops = (mcp.aspect as PatchOperation[]).map((op) =>
          op.op === 'add' && op.path.startsWith(`/${arrayField}/`) ? { ...op, value: stamp(op.value, idField) } : op,
        );
        return { ...mcp, aspect: ops };
      }
      const aspect = mcp.aspect as AspectValue;
      return { ...mcp, aspect: { ...aspect, [arrayField]: asArray(aspect[arrayField]).map((i) => stamp(i, idField)) } };
    }

    async function* transform(stream: AsyncIterable<WorkUnit>): AsyncIterable<WorkUnit> {
      for await (const wu of stream) {
        const mcp = stamped(wu.mcp);
        if (!mcp) {
          yield wu;
          continue;
        }
        report.aspectsEmitted++;
        yield { ...wu, mcp };
      }
    }
    return { transform, report };
  },
});
