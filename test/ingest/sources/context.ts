// A run context for plugin tests: no catalog unless given, a silent logger.
import { silentLogger } from '../../../ingest/api/logger.js';
import type { CatalogClient } from '../../../ingest/api/catalog-client.js';
import type { RunContext, Source } from '../../../ingest/api/plugin.js';
import type { WorkUnit } from '../../../ingest/api/workunit.js';
import type { MetadataChangeProposal } from '../../../model/mcp.js';

export function testContext(baseDir: string, catalog: CatalogClient | null = null): RunContext {
  return {
    runId: 'test-run',
    pipelineName: null,
    baseDir,
    logger: silentLogger,
    catalog,
    registerSecret: () => {},
    connectCatalog: null,
  };
}

export async function collect(source: Source): Promise<WorkUnit[]> {
  const out: WorkUnit[] = [];
  for await (const wu of source.workunits()) out.push(wu);
  return out;
}

export async function collectMcps(source: Source): Promise<MetadataChangeProposal[]> {
  return (await collect(source)).map((wu) => wu.mcp);
}

/** A catalog that holds the given aspects, keyed `urn aspectName`. */
export function fakeCatalog(aspects: Record<string, Record<string, unknown>>): CatalogClient {
  return {
    getAspect: async (urn, aspectName) => aspects[`${urn} ${aspectName}`] ?? null,
    getTimeseries: async () => [],
  } as CatalogClient;
}
