// Stale-entity removal, as DataHub's stateful ingestion: the URNs a run produced are saved as a
// `datahubIngestionCheckpoint` on the pipeline's job; the next successful run soft-deletes the
// URNs that were in the last checkpoint but not in this run. Nothing is removed, and no new
// checkpoint is saved, when the run had failures or when the fail-safe threshold is crossed.
import type { CatalogClient } from '../api/catalog-client.js';
import type { SourceReport } from '../api/report.js';
import { workUnit } from '../api/workunit.js';
import type { StatefulIngestionConfig } from '../common/stateful.js';
import { isTimeseriesAspect } from '../../model/aspects/registry.js';
import { makeMcp } from '../../model/mcp.js';
import { dataFlowUrn, dataJobUrn } from '../../model/urn.js';
import type { Step } from './processors.js';

export const CHECKPOINT_ASPECT = 'datahubIngestionCheckpoint';

export function checkpointJobUrn(pipelineName: string, platform: string): string {
  return dataJobUrn(dataFlowUrn('datahub', pipelineName, 'prod'), `${platform}_stale_entity_removal`);
}

interface Options {
  pipelineName: string;
  platform: string;
  runId: string;
  config: NonNullable<StatefulIngestionConfig>;
  catalog: CatalogClient;
  report: SourceReport;
  now?: () => number;
}

async function lastUrns(o: Options, jobUrn: string): Promise<string[] | null> {
  if (o.config.ignore_old_state) return null;
  const [last] = await o.catalog.getTimeseries(jobUrn, CHECKPOINT_ASPECT, { limit: 1 });
  const payload = (last as { state?: { payload?: string } } | undefined)?.state?.payload;
  if (!payload) return null;
  const parsed = JSON.parse(payload) as { urns?: string[] };
  return parsed.urns ?? [];
}

export function staleEntityRemovalStep(o: Options): Step {
  const jobUrn = checkpointJobUrn(o.pipelineName, o.platform);
  const now = o.now ?? Date.now;
  return async function* (stream) {
    const seen = new Set<string>();
    for await (const wu of stream) {
      const { entityUrn, aspectName, aspect } = wu.mcp;
      const removed = aspectName === 'status' && (aspect as { removed?: boolean } | undefined)?.removed === true;
      if (removed) seen.delete(entityUrn);
      else if (aspectName && !isTimeseriesAspect(aspectName)) seen.add(entityUrn);
      yield wu;
    }
    if (o.report.failures.size > 0) {
      o.report.warning('Stale entity removal skipped', 'the run had failures; the checkpoint was not updated');
      return;
    }
    const previous = await lastUrns(o, jobUrn);
    if (previous && o.config.remove_stale_metadata) {
      const stale = previous.filter((u) => !seen.has(u));
      const pct = previous.length ? (stale.length / previous.length) * 100 : 0;
      if (pct > o.config.fail_safe_threshold) {
        o.report.warning(
          'Stale entity removal skipped',
          `${stale.length} of ${previous.length} entities (${pct.toFixed(1)}%) would be removed, more than fail_safe_threshold ${o.config.fail_safe_threshold}%`,
        );
        return;
      }
      for (const urn of stale) {
        o.report.softDeletedStaleEntities.push(urn);
        yield workUnit(makeMcp(urn, 'status', { removed: true }), `soft-delete-${urn}`);
      }
    }
    if (o.config.ignore_new_state) return;
    yield workUnit(makeMcp(jobUrn, 'status', { removed: true }), `checkpoint-status-${jobUrn}`);
    yield workUnit(
      makeMcp(jobUrn, CHECKPOINT_ASPECT, {
        timestampMillis: now(),
        pipelineName: o.pipelineName,
        platformInstanceId: '',
        config: '',
        state: { formatVersion: '1.0', serde: 'utf-8', payload: JSON.stringify({ urns: [...seen].sort() }) },
        runId: o.runId,
      }),
      `checkpoint-${jobUrn}`,
    );
  };
}
