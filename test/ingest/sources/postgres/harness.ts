// Runs the seed recipe's shape (postgres -> the seed's three transformers -> a capturing sink)
// through the Pipeline API, and indexes what came out by entity and aspect.
import type { WorkUnit } from '../../../../ingest/api/workunit.js';
import { Pipeline } from '../../../../ingest/pipeline/pipeline.js';
import type { PipelineResult } from '../../../../ingest/pipeline/result.js';
import { defaultRegistries, PluginRegistry, type Registries } from '../../../../ingest/registry.js';
import type { AspectValue, MetadataChangeProposal } from '../../../../model/mcp.js';
import { memorySink } from '../../../support/memory-sink.js';

export interface Captured {
  result: PipelineResult;
  mcps: MetadataChangeProposal[];
  aspect<T = AspectValue>(urn: string, aspectName: string): T | undefined;
  urns(entityType: string): string[];
}

function capturingRegistries(out: WorkUnit[]): Registries {
  const defaults = defaultRegistries();
  return {
    ...defaults,
    sinks: new PluginRegistry('sink', [memorySink(out)]),
  };
}

/** The seed recipe (seeds-catalog §A5), with the source config given and a capturing sink. */
export function seedRecipe(sourceConfig: Record<string, unknown>): Record<string, unknown> {
  return {
    pipeline_name: 'postgres-pipeline-tickit',
    run_id: 'postgres-run',
    source: { type: 'postgres', config: sourceConfig },
    transformers: [
      { type: 'simple_add_dataset_tags', config: { tag_urns: ['urn:li:tag:AWS', 'urn:li:tag:111222333444', 'urn:li:tag:us-east-1'] } },
      { type: 'pattern_add_dataset_terms', config: { term_pattern: { rules: { '.*users.*': ['urn:li:glossaryTerm:Classification.Sensitive'] } } } },
      { type: 'simple_add_dataset_ownership', config: { owner_urns: ['urn:li:corpuser:Database Administrators'], ownership_type: 'DATAOWNER' } },
    ],
    sink: { type: 'memory' },
  };
}

export async function runRecipe(recipe: Record<string, unknown>): Promise<Captured> {
  const out: WorkUnit[] = [];
  const result = await Pipeline.create(recipe, { registries: capturingRegistries(out), baseDir: process.cwd() }).run();
  const mcps = out.map((wu) => wu.mcp);
  return {
    result,
    mcps,
    aspect: <T,>(urn: string, aspectName: string) => {
      // The last one wins, as in the store.
      const found = mcps.filter((m) => m.entityUrn === urn && m.aspectName === aspectName).pop();
      return found?.aspect as T | undefined;
    },
    urns: (entityType) => [...new Set(mcps.filter((m) => m.entityType === entityType).map((m) => m.entityUrn))].sort(),
  };
}
