// Run reporters (recipe `reporting:`), as DataHub's: `datahub` records the run in the catalog
// (dataHubExecutionRequest aspects, so run history is queryable), `file` writes the report as JSON.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../api/logger.js';
import type { Sink } from '../api/plugin.js';
import { workUnit } from '../api/workunit.js';
import { makeMcp } from '../../model/mcp.js';
import type { PipelineResult } from './result.js';

export interface ReporterConfig {
  type: string;
  config?: Record<string, unknown> | null;
  required: boolean;
}

export const REPORTER_TYPES = ['datahub', 'file'] as const;

async function datahubReporter(result: PipelineResult, sink: Sink): Promise<void> {
  const sourceUrn = `urn:li:dataHubIngestionSource:cli-${createHash('md5').update(result.pipelineName ?? result.runId).digest('hex')}`;
  const requestUrn = `urn:li:dataHubExecutionRequest:${result.runId}`;
  const report = result.toJSON();
  const status = result.status === 'failures' ? 'FAILURE' : 'SUCCESS';
  await sink.write([
    workUnit(
      makeMcp(sourceUrn, 'dataHubIngestionSourceInfo', {
        name: `[CLI] ${result.pipelineName ?? result.sourceType}`,
        type: result.sourceType,
        platform: `urn:li:dataPlatform:${result.sourceType}`,
        config: { recipe: '{}', version: '0.1.0', executorId: '__catalog_cli_' },
      }),
    ),
    workUnit(
      makeMcp(requestUrn, 'dataHubExecutionRequestInput', {
        task: 'RUN_INGEST',
        args: {},
        executorId: '__catalog_cli_',
        source: { type: 'CLI_INGESTION_SOURCE', ingestionSource: sourceUrn },
        requestedAt: result.startTime,
      }),
    ),
    workUnit(
      makeMcp(requestUrn, 'dataHubExecutionRequestResult', {
        status,
        startTimeMs: result.startTime,
        durationMs: Math.round(result.seconds * 1000),
        report: result.format().slice(0, 800_000),
        structuredReport: { type: 'CLI_INGEST', serializedValue: JSON.stringify(report), contentType: 'application/json' },
      }),
    ),
  ]);
}

export async function runReporters(reporters: ReporterConfig[], result: PipelineResult, sink: Sink, baseDir: string, logger: Logger): Promise<void> {
  for (const r of reporters) {
    try {
      if (r.type === 'datahub') await datahubReporter(result, sink);
      else if (r.type === 'file') {
        const filename = String(r.config?.filename ?? 'ingestion_report.json');
        await writeFile(path.resolve(baseDir, filename), JSON.stringify(result.toJSON(), null, 2));
      } else throw new Error(`unknown reporter type "${r.type}"; available: ${REPORTER_TYPES.join(', ')}`);
    } catch (e) {
      if (r.required) result.pipelineFailure(`reporter ${r.type} failed`, (e as Error).message);
      else logger.warn(`reporter ${r.type} failed: ${(e as Error).message}`);
    }
  }
}
