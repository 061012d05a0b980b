import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CatalogClient } from '../../../ingest/api/catalog-client.js';
import { SinkReport, SourceReport } from '../../../ingest/api/report.js';
import { workUnit, type WorkUnit } from '../../../ingest/api/workunit.js';
import { statefulIngestionSchema } from '../../../ingest/common/stateful.js';
import { Pipeline } from '../../../ingest/pipeline/pipeline.js';
import { checkpointJobUrn } from '../../../ingest/pipeline/stateful.js';
import { PluginRegistry, type Registries } from '../../../ingest/registry.js';
import { makeMcp, type AspectValue } from '../../../model/mcp.js';
import { datasetUrn } from '../../../model/urn.js';

/** A sink that keeps what it was given, and reads it back as a catalog would. */
function memoryCatalog() {
  const latest = new Map<string, AspectValue>();
  const series = new Map<string, AspectValue[]>();
  const catalog: CatalogClient = {
    getAspect: async (urn, aspect) => latest.get(`${urn} ${aspect}`) ?? null,
    getTimeseries: async (urn, aspect, o) => [...(series.get(`${urn} ${aspect}`) ?? [])].reverse().slice(0, o?.limit ?? 100),
  };
  const write = (batch: WorkUnit[]) => {
    for (const { mcp } of batch) {
      const key = `${mcp.entityUrn} ${mcp.aspectName}`;
      if (mcp.aspectName === 'datahubIngestionCheckpoint') series.set(key, [...(series.get(key) ?? []), mcp.aspect as AspectValue]);
      else latest.set(key, mcp.aspect as AspectValue);
    }
  };
  return { latest, catalog, write };
}

function registries(mem: ReturnType<typeof memoryCatalog>): Registries {
  return {
    sources: new PluginRegistry('source', [
      {
        type: 'tables',
        platform: 'postgres',
        description: 'one dataset per table name',
        configSchema: z.strictObject({ tables: z.array(z.string()), stateful_ingestion: statefulIngestionSchema }),
        create: (config: { tables: string[] }) => ({
          report: new SourceReport(),
          async *workunits() {
            for (const t of config.tables) yield workUnit(makeMcp(datasetUrn('postgres', t), 'datasetProperties', { name: t, customProperties: {} }));
          },
        }),
      },
    ]),
    transformers: new PluginRegistry('transformer', []),
    sinks: new PluginRegistry('sink', [
      {
        type: 'memory',
        description: 'test',
        configSchema: z.strictObject({}),
        create: () => ({ report: new SinkReport(), catalog: mem.catalog, write: async (b: WorkUnit[]) => mem.write(b), close: async () => {} }),
      },
    ]),
  };
}

const run = (mem: ReturnType<typeof memoryCatalog>, tables: string[], extra: Record<string, unknown> = {}) =>
  Pipeline.create(
    { pipeline_name: 'pg', source: { type: 'tables', config: { tables, stateful_ingestion: { remove_stale_metadata: true, ...extra } } }, sink: { type: 'memory' } },
    { registries: registries(mem) },
  ).run();

const removed = (mem: ReturnType<typeof memoryCatalog>, t: string) =>
  (mem.latest.get(`${datasetUrn('postgres', t)} status`) as { removed: boolean } | undefined)?.removed;

describe('stateful ingestion', () => {
  it('soft-deletes tables dropped since the last run', async () => {
    const mem = memoryCatalog();
    await run(mem, ['db.s.a', 'db.s.b', 'db.s.c']);
    expect(removed(mem, 'db.s.c')).toBe(false);
    const result = await run(mem, ['db.s.a', 'db.s.b']);
    expect(removed(mem, 'db.s.c')).toBe(true);
    expect(removed(mem, 'db.s.a')).toBe(false);
    expect(result.sourceReport?.softDeletedStaleEntities).toEqual([datasetUrn('postgres', 'db.s.c')]);
  });

  it('brings a table back when it reappears', async () => {
    const mem = memoryCatalog();
    await run(mem, ['db.s.a', 'db.s.b', 'db.s.c']);
    await run(mem, ['db.s.a', 'db.s.b']);
    await run(mem, ['db.s.a', 'db.s.b', 'db.s.c']);
    expect(removed(mem, 'db.s.c')).toBe(false);
  });

  it('removes nothing when more than the fail-safe threshold would go', async () => {
    const mem = memoryCatalog();
    await run(mem, ['db.s.a', 'db.s.b', 'db.s.c', 'db.s.d', 'db.s.e']); // 4 of 5 = 80% > 75%
    const result = await run(mem, ['db.s.a']);
    expect(removed(mem, 'db.s.b')).toBe(false);
    expect(result.sourceReport?.warnings.toJSON()[0]?.title).toBe('Stale entity removal skipped');
  });

  it('keeps its checkpoint on the pipeline job, as DataHub names it', async () => {
    const mem = memoryCatalog();
    await run(mem, ['db.s.a']);
    const job = checkpointJobUrn('pg', 'postgres');
    expect(job).toBe('urn:li:dataJob:(urn:li:dataFlow:(datahub,pg,prod),postgres_stale_entity_removal)');
    const [cp] = await mem.catalog.getTimeseries(job, 'datahubIngestionCheckpoint', { limit: 1 });
    expect(cp).toMatchObject({ pipelineName: 'pg', state: { formatVersion: '1.0' } });
  });
});
