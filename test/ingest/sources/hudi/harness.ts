// Runs a `hudi` recipe through the Pipeline API into a capturing sink, and reads the committed
// fixtures' facts (test/fixtures/hudi/expected.json).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkUnit } from '../../../../ingest/api/workunit.js';
import { Pipeline } from '../../../../ingest/pipeline/pipeline.js';
import type { PipelineResult } from '../../../../ingest/pipeline/result.js';
import { defaultRegistries, PluginRegistry, type Registries } from '../../../../ingest/registry.js';
import type { MetadataChangeProposal } from '../../../../model/mcp.js';
import { memorySink } from '../../../support/memory-sink.js';

/** Aspects as tests read them: loosely typed JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Aspect = Record<string, any>;

export const FIXTURES = path.resolve('test/fixtures/hudi');

export interface ExpectedTable {
  layout: 'v6' | 'v8';
  name: string;
  path: string;
  tableType: string;
  tableVersion: number;
  timelineLayoutVersion: number;
  recordKey: string[];
  precombineField: string;
  partitionFields: string[];
  keyGenerator: string;
  baseFileFormat: string;
  completed: { commit: number; deltacommit: number; compaction: number; other: number };
  commits: Array<{ instant: string; completionTime?: string; action: string; compaction: boolean; operationType: string; schemaFields: string[] }>;
  latest: { schemaFields: string[] };
}

export const expected: ExpectedTable[] = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')).tables;

export interface Captured {
  result: PipelineResult;
  mcps: MetadataChangeProposal[];
  /** The last value of an aspect, as the store would hold it. */
  aspect(urn: string, aspectName: string): Aspect | undefined;
  all(urn: string, aspectName: string): Aspect[];
  urns(): string[];
}

export async function ingest(config: Record<string, unknown>): Promise<Captured> {
  const out: WorkUnit[] = [];
  const defaults = defaultRegistries();
  const registries: Registries = {
    ...defaults,
    sinks: new PluginRegistry('sink', [memorySink(out)]),
  };
  const recipe = { run_id: 'hudi-test', source: { type: 'hudi', config }, sink: { type: 'memory' } };
  const result = await Pipeline.create(recipe, { registries, baseDir: process.cwd() }).run();
  const mcps = out.map((w) => w.mcp);
  const all = (urn: string, aspectName: string) => mcps.filter((m) => m.entityUrn === urn && m.aspectName === aspectName).map((m) => m.aspect as Aspect);
  return {
    result,
    mcps,
    all,
    aspect: (urn, aspectName) => all(urn, aspectName).pop(),
    urns: () => [...new Set(mcps.filter((m) => m.entityType === 'dataset').map((m) => m.entityUrn))].sort(),
  };
}

export function hudiUrn(basePath: string, env = 'PROD'): string {
  return `urn:li:dataset:(urn:li:dataPlatform:hudi,${path.resolve(basePath).replace(/^\/+/, '')},${env})`;
}
