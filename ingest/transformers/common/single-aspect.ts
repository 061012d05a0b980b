// The stream walk shared by transformers that own one aspect (DataHub's SingleAspectTransformer):
// every proposal of the transformer's entity types carrying the aspect is transformed in place;
// every other entity of those types is remembered (its urn only) and, when the stream ends, gets
// the aspect computed from nothing, unless it carried one meanwhile.
import type { AspectValue, MetadataChangeProposal, SystemMetadata } from '../../../model/mcp.js';
import { parseUrn } from '../../../model/urn.js';
import type { Transformer } from '../../api/plugin.js';
import { TransformerReport } from '../../api/report.js';
import { workUnit, type WorkUnit } from '../../api/workunit.js';

export interface SingleAspectSpec {
  aspectName: string;
  /** Entity types handled; `*` for all. */
  entityTypes: readonly string[];
  /**
   * The new value of the aspect, given the one the source sent (null at end of stream).
   * Returning null drops the proposal in the stream, or emits nothing at end of stream.
   */
  transform(urn: string, aspect: AspectValue | null): Promise<AspectValue | null>;
  /** Sees every proposal of the entity types first (to collect tags, browse paths, ...). */
  observe?(mcp: MetadataChangeProposal): void;
  /** Proposals to emit after the end-of-stream aspects (key aspects, container roll-ups). */
  endOfStream?(seen: ReadonlySet<string>): Promise<MetadataChangeProposal[]>;
  report?: TransformerReport;
}

/** DataHub's end-of-stream work-unit id: `txform-<urn id parts>-<aspect>`. */
export function transformerWorkUnitId(urn: string, aspectName: string): string {
  return `txform-${parseUrn(urn).parts.join('-')}-${aspectName}`;
}

function handles(entityTypes: readonly string[], entityType: string): boolean {
  return entityTypes.includes('*') || entityTypes.includes(entityType);
}

export function singleAspectTransformer(spec: SingleAspectSpec): Transformer {
  const report = spec.report ?? new TransformerReport();
  // urn -> system metadata of the first proposal seen for it; deleted once the urn is processed.
  const pending = new Map<string, SystemMetadata | undefined>();
  const processed = new Set<string>();
  const seen = new Set<string>();

  async function apply(urn: string, aspect: AspectValue | null): Promise<{ ok: true; value: AspectValue | null } | { ok: false }> {
    try {
      return { ok: true, value: await spec.transform(urn, aspect) };
    } catch (e) {
      report.failure(`Could not compute ${spec.aspectName}`, (e as Error).message, urn);
      return { ok: false };
    }
  }

  async function* transform(stream: AsyncIterable<WorkUnit>): AsyncIterable<WorkUnit> {
    for await (const wu of stream) {
      const mcp = wu.mcp;
      if (!handles(spec.entityTypes, mcp.entityType) || mcp.changeType === 'DELETE') {
        yield wu;
        continue;
      }
      spec.observe?.(mcp);
      const urn = mcp.entityUrn;
      seen.add(urn);
      const carriesAspect = mcp.aspectName === spec.aspectName && mcp.aspect !== undefined;
      if (carriesAspect && mcp.changeType === 'PATCH') {
        // A patch already merges into the catalog; overwriting it at end of stream would undo it.
        processed.add(urn);
        pending.delete(urn);
        report.info('Patch passed through', `${spec.aspectName} PATCH proposals are passed on unchanged`, urn);
        yield wu;
        continue;
      }
      if (!carriesAspect) {
        if (!processed.has(urn) && !pending.has(urn)) pending.set(urn, mcp.systemMetadata);
        yield wu;
        continue;
      }
      processed.add(urn);
      pending.delete(urn);
      const result = await apply(urn, mcp.aspect as AspectValue);
      if (!result.ok) {
        yield wu;
      } else if (result.value !== null) {
        report.aspectsEmitted++;
        yield { ...wu, mcp: { ...mcp, aspect: result.value } };
      }
    }

    for (const [urn, systemMetadata] of pending) {
      const result = await apply(urn, null);
      if (!result.ok || result.value === null) continue;
      const mcp: MetadataChangeProposal = {
        entityType: parseUrn(urn).entityType,
        entityUrn: urn,
        changeType: 'UPSERT',
        aspectName: spec.aspectName,
        aspect: result.value,
      };
      if (systemMetadata) mcp.systemMetadata = systemMetadata;
      report.aspectsEmitted++;
      yield workUnit(mcp, transformerWorkUnitId(urn, spec.aspectName));
    }
    pending.clear();

    if (spec.endOfStream) {
      let extra: MetadataChangeProposal[] = [];
      try {
        extra = await spec.endOfStream(seen);
      } catch (e) {
        report.failure('End-of-stream proposals failed', (e as Error).message);
      }
      for (const mcp of extra) {
        report.aspectsEmitted++;
        yield workUnit(mcp, transformerWorkUnitId(mcp.entityUrn, mcp.aspectName ?? mcp.changeType));
      }
    }
  }

  return { transform, report };
}
