// Built-in steps around the recipe's transformers, in this order (see Pipeline#steps):
//  1. stale-entity removal (stateful.ts) sees the source's own stream;
//  2. auto status: every entity that produced a versioned aspect but no `status` gets
//     `status {removed: false}` at end of stream, so a re-ingested entity is un-deleted;
//  3. the work-unit reporter, so the source report counts what the source plus built-ins produced;
//  4. the recipe's transformers;
//  5. system metadata last, after every step that can add work units (transformers emit key
//     aspects and end-of-stream aspects), so every proposal carries runId/pipelineName/lastObserved.
import type { WorkUnit } from '../api/workunit.js';
import { workUnit } from '../api/workunit.js';
import type { SourceReport } from '../api/report.js';
import { makeMcp, type SystemMetadata } from '../../model/mcp.js';
import { isTimeseriesAspect } from '../../model/aspects/registry.js';

export type Step = (stream: AsyncIterable<WorkUnit>) => AsyncIterable<WorkUnit>;

/** Entity types that carry `status` (soft delete). */
const STATUS_ENTITY_TYPES = new Set([
  'dataset', 'container', 'chart', 'dashboard', 'dataFlow', 'dataJob', 'glossaryTerm', 'glossaryNode', 'tag',
  'corpuser', 'corpGroup', 'domain', 'dataProduct', 'mlModel', 'mlModelGroup', 'mlFeature', 'mlFeatureTable', 'notebook',
]);

export function systemMetadataStep(meta: { runId: string; pipelineName: string | null; setPipelineName: boolean }, now = Date.now): Step {
  return async function* (stream) {
    for await (const wu of stream) {
      const sm: SystemMetadata = { ...(wu.mcp.systemMetadata ?? {}) };
      sm.lastObserved = now();
      sm.runId = meta.runId;
      if (meta.setPipelineName && meta.pipelineName) sm.pipelineName = meta.pipelineName;
      yield { ...wu, mcp: { ...wu.mcp, systemMetadata: sm } };
    }
  };
}

export function autoStatusStep(): Step {
  return async function* (stream) {
    const needStatus = new Set<string>();
    const hasStatus = new Set<string>();
    for await (const wu of stream) {
      const { entityUrn, entityType, aspectName } = wu.mcp;
      if (aspectName === 'status') hasStatus.add(entityUrn);
      else if (aspectName && !isTimeseriesAspect(aspectName) && STATUS_ENTITY_TYPES.has(entityType)) needStatus.add(entityUrn);
      yield wu;
    }
    for (const urn of needStatus) {
      if (!hasStatus.has(urn)) yield workUnit(makeMcp(urn, 'status', { removed: false }), `status-for-${urn}`);
    }
  };
}

export function reporterStep(report: SourceReport): Step {
  return async function* (stream) {
    for await (const wu of stream) {
      report.reportWorkUnit(wu.mcp.entityType, wu.mcp.aspectName);
      yield wu;
    }
  };
}

/** Stops after `limit` work units (preview mode). */
export function limitStep(limit: number): Step {
  return async function* (stream) {
    if (limit <= 0) return;
    let n = 0;
    for await (const wu of stream) {
      yield wu;
      if (++n >= limit) return;
    }
  };
}
