import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SourceReport, TransformerReport } from '../../../ingest/api/report.js';
import type { WorkUnit } from '../../../ingest/api/workunit.js';
import { workUnit } from '../../../ingest/api/workunit.js';
import { Pipeline } from '../../../ingest/pipeline/pipeline.js';
import { PluginRegistry, type Registries } from '../../../ingest/registry.js';
import { makeMcp } from '../../../model/mcp.js';
import { datasetUrn } from '../../../model/urn.js';
import { memorySink } from '../../support/memory-sink.js';

const users = datasetUrn('postgres', 'tickit.public.users', 'DEV');
const sales = datasetUrn('postgres', 'tickit.public.sales', 'DEV');

function registries(written: WorkUnit[], opts: { failAfter?: number } = {}): Registries {
  return {
    sources: new PluginRegistry('source', [
      {
        type: 'test-source',
        description: 'two datasets',
        configSchema: z.strictObject({ count: z.number().default(2) }),
        create: (config: { count: number }) => {
          const report = new SourceReport();
          return {
            report,
            async *workunits() {
              const urns = [users, sales, ...Array.from({ length: config.count - 2 }, (_, i) => datasetUrn('postgres', `db.s.t${i}`))];
              for (const [i, urn] of urns.entries()) {
                if (opts.failAfter !== undefined && i === opts.failAfter) throw new Error('connection lost');
                yield workUnit(makeMcp(urn, 'datasetProperties', { name: urn, customProperties: {} }));
              }
              yield workUnit(makeMcp(sales, 'status', { removed: false }));
            },
          };
        },
      },
    ]),
    transformers: new PluginRegistry('transformer', [
      {
        type: 'upper-name',
        description: 'test',
        touches: { entityTypes: ['dataset'], aspect: 'datasetProperties' },
        configSchema: z.strictObject({}),
        create: () => ({
          report: new TransformerReport(),
          async *transform(s: AsyncIterable<WorkUnit>) {
            for await (const wu of s) {
              if (wu.mcp.aspectName === 'datasetProperties') {
                const a = wu.mcp.aspect as { name: string };
                yield { ...wu, mcp: { ...wu.mcp, aspect: { ...a, name: a.name.toUpperCase() } } };
              } else yield wu;
            }
          },
        }),
      },
    ]),
    sinks: new PluginRegistry('sink', [memorySink(written)]),
  };
}

const recipe = {
  pipeline_name: 'tickit',
  run_id: 'run-1',
  source: { type: 'test-source' },
  transformers: [{ type: 'upper-name' }],
  sink: { type: 'memory' },
};

describe('the pipeline', () => {
  it('streams source work units through the transformers into the sink', async () => {
    const written: WorkUnit[] = [];
    const result = await Pipeline.create(recipe, { registries: registries(written) }).run();
    expect(result.exitCode).toBe(0);
    const props = written.filter((w) => w.mcp.aspectName === 'datasetProperties').map((w) => (w.mcp.aspect as { name: string }).name);
    expect(props).toEqual([users.toUpperCase(), sales.toUpperCase()]);
    expect(result.summaryLine()).toMatch(/^Pipeline finished successfully; produced 4 work units in/);
  });

  it('stamps run id, pipeline name and lastObserved on every proposal', async () => {
    const written: WorkUnit[] = [];
    await Pipeline.create(recipe, { registries: registries(written) }).run();
    for (const w of written) {
      expect(w.mcp.systemMetadata).toMatchObject({ runId: 'run-1', pipelineName: 'tickit' });
      expect(w.mcp.systemMetadata?.lastObserved).toBeGreaterThan(0);
    }
  });

  it('adds status {removed: false} at the end for entities the source gave none', async () => {
    const written: WorkUnit[] = [];
    await Pipeline.create(recipe, { registries: registries(written) }).run();
    const statuses = written.filter((w) => w.mcp.aspectName === 'status');
    expect(statuses.map((w) => w.mcp.entityUrn).sort()).toEqual([sales, users].sort());
  });

  it('counts aspects by entity type in the source report', async () => {
    const written: WorkUnit[] = [];
    const result = await Pipeline.create(recipe, { registries: registries(written) }).run();
    expect(result.sourceReport?.aspects.byEntity).toEqual({ dataset: { datasetProperties: 2, status: 2 } });
  });

  it('writes in batches of the configured size', async () => {
    const written: WorkUnit[] = [];
    const regs = registries(written);
    const result = await Pipeline.create({ ...recipe, source: { type: 'test-source', config: { count: 25 } } }, { registries: regs, batchSize: 10 }).run();
    // 25 datasetProperties, the source's own status for sales, 24 added statuses
    expect(result.sinkReport?.recordsWritten).toBe(50);
  });

  it('keeps what was produced and exits 1 when the source dies mid-stream', async () => {
    const written: WorkUnit[] = [];
    const result = await Pipeline.create(recipe, { registries: registries(written, { failAfter: 1 }) }).run();
    expect(result.exitCode).toBe(1);
    expect(written.some((w) => w.mcp.entityUrn === users)).toBe(true);
    expect(result.sourceReport?.failures.toJSON()[0]).toMatchObject({ title: 'Stream failed', message: 'connection lost' });
    expect(result.summaryLine()).toMatch(/^Pipeline finished with 1 failure;/);
  });

  it('writes nothing on a dry run', async () => {
    const written: WorkUnit[] = [];
    const result = await Pipeline.create(recipe, { registries: registries(written), dryRun: true }).run();
    expect(written).toEqual([]);
    expect(result.dryRunCount).toBe(4);
  });

  it('stops after the preview count', async () => {
    const written: WorkUnit[] = [];
    const result = await Pipeline.create(recipe, { registries: registries(written), previewWorkunits: 1 }).run();
    expect(written).toHaveLength(1);
    expect(result.workunits).toBe(1);
  });

  it('gives a default run id in DataHub form', () => {
    const { run_id: _omit, ...rest } = recipe;
    const p = Pipeline.create(rest, { registries: registries([]) });
    expect(p.runId).toMatch(/^test-source-\d{4}_\d{2}_\d{2}-\d{2}_\d{2}_\d{2}-[a-z0-9]{6}$/);
  });
});
