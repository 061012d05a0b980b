// Recipe options of the hudi source: where tables are, which are taken, how they are named, and
// the schema history that does not repeat itself when the catalog already holds it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../ingest/api/logger.js';
import type { RunContext } from '../../../../ingest/api/plugin.js';
import { Pipeline } from '../../../../ingest/pipeline/pipeline.js';
import { hudiSourceConfigSchema } from '../../../../ingest/sources/hudi/config.js';
import { HudiSource } from '../../../../ingest/sources/hudi/source.js';
import type { AspectValue } from '../../../../model/mcp.js';
import { FIXTURES, hudiUrn, ingest } from './harness.js';

describe('hudi source config', () => {
  it('needs base_paths or root, and says so', () => {
    expect(() => Pipeline.create({ source: { type: 'hudi', config: {} }, sink: { type: 'console' } })).toThrow(
      /source\.config\.base_paths: give base_paths \(a list of table folders\) or root/,
    );
  });

  it('rejects an unknown key', () => {
    expect(() => Pipeline.create({ source: { type: 'hudi', config: { root: '.', tabel_pattern: {} } }, sink: { type: 'console' } })).toThrow(/tabel_pattern/);
  });

  it('filters tables by table_pattern, matched against the table name', async () => {
    const run = await ingest({ root: FIXTURES, table_pattern: { allow: ['artists_'], deny: ['.*_mor'] } });
    expect(run.urns()).toEqual([hudiUrn(path.join(FIXTURES, 'v6/artists_cow')), hudiUrn(path.join(FIXTURES, 'v8/artists_cow'))]);
    expect(run.result.sourceReport!.filteredCount).toBe(6);
  });

  it('names datasets by base path, with the platform instance and env', async () => {
    const run = await ingest({ base_paths: ['test/fixtures/hudi/v8/artworks_cow'], env: 'dev', platform_instance: 'lake' });
    const name = path.resolve('test/fixtures/hudi/v8/artworks_cow').replace(/^\/+/, '');
    expect(run.urns()).toEqual([`urn:li:dataset:(urn:li:dataPlatform:hudi,lake.${name},DEV)`]);
    expect(run.aspect(run.urns()[0]!, 'dataPlatformInstance')).toEqual({
      platform: 'urn:li:dataPlatform:hudi',
      instance: 'urn:li:dataPlatformInstance:(urn:li:dataPlatform:hudi,lake)',
    });
  });

  it('falls back to the base path when database_table naming finds no hoodie.database.name', async () => {
    const run = await ingest({ base_paths: ['test/fixtures/hudi/v6/artworks_cow'], dataset_name: 'database_table' });
    expect(run.urns()).toEqual([hudiUrn('test/fixtures/hudi/v6/artworks_cow')]);
    expect(run.result.sourceReport!.infos.toJSON()).toContainEqual(expect.objectContaining({ title: 'No database name' }));
  });
});

describe('hudi schema history', () => {
  const basePath = path.join(FIXTURES, 'v6/artists_cow');
  const urn = hudiUrn(basePath);

  /** The schemaMetadata aspects the source emits when the catalog holds `latest` (or nothing). */
  async function schemasEmitted(latest: AspectValue | null): Promise<AspectValue[]> {
    const ctx: RunContext = {
      runId: 'r', pipelineName: null, baseDir: process.cwd(), logger: silentLogger, registerSecret: () => {}, connectCatalog: null,
      catalog: { getAspect: async (u, a) => (u === urn && a === 'schemaMetadata' ? latest : null), getTimeseries: async () => [] },
    };
    const source = new HudiSource(hudiSourceConfigSchema.parse({ base_paths: [basePath] }), ctx);
    const out: AspectValue[] = [];
    for await (const wu of source.workunits()) if (wu.mcp.aspectName === 'schemaMetadata') out.push(wu.mcp.aspect as AspectValue);
    return out;
  }
  const names = (s: AspectValue) => (s.fields as Array<{ fieldPath: string }>).map((f) => f.fieldPath);

  it('emits every distinct schema, oldest first, into an empty catalog', async () => {
    const emitted = await schemasEmitted(null);
    expect(emitted).toHaveLength(2);
    expect(names(emitted[0]!)).not.toContain('wiki_qid');
    expect(names(emitted[1]!)).toContain('wiki_qid');
  });

  it('emits only the newer schemas when the catalog holds an older one, and only the latest when it holds that', async () => {
    const [older, latest] = await schemasEmitted(null);
    const afterOlder = await schemasEmitted(older!);
    expect(afterOlder.map((s) => s.hash)).toEqual([latest!.hash]);
    const afterLatest = await schemasEmitted(latest!);
    expect(afterLatest.map((s) => s.hash)).toEqual([latest!.hash]);
  });
});
