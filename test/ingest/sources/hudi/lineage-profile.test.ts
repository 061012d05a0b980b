// Lineage read from the tables themselves (DeltaStreamer checkpoints, hive-sync targets) on the
// Spark-written lineage fixtures, profiles of the committed tables (CoW = snapshot, MoR = read
// optimized), and the schema-history contract (one schemaMetadata per distinct commit schema,
// oldest first, lastModified = the commit that wrote it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateAspect } from '../../../../model/aspects/registry.js';
import { kafkaTopicOfCheckpoint } from '../../../../ingest/sources/hudi/lineage.js';
import { instantMillis } from '../../../../ingest/sources/hudi/timeline.js';
import { expected, FIXTURES, hudiUrn, ingest, type Captured } from './harness.js';

const LINEAGE = path.resolve('test/fixtures/hudi-lineage');
const lineageExpected = JSON.parse(readFileSync(path.join(LINEAGE, 'expected.json'), 'utf8')).tables as Array<Record<string, any>>;

describe('hudi lineage from the table', () => {
  let run: Captured;
  beforeAll(async () => {
    run = await ingest({ root: LINEAGE });
  });

  it('reads a Kafka DeltaStreamer checkpoint as the topic', () => {
    expect(kafkaTopicOfCheckpoint('moma.public.artists,0:12,1:12')).toBe('moma.public.artists');
    expect(kafkaTopicOfCheckpoint('1640890469000')).toBeNull();
    expect(kafkaTopicOfCheckpoint('s3://bucket/topics/x/')).toBeNull();
  });

  it('links the Kafka topic of the latest checkpoint to the MoR table, and the table to its _ro and _rt Glue tables', () => {
    const t = lineageExpected.find((x) => x.tableType === 'MERGE_ON_READ')!;
    const urn = hudiUrn(path.join(LINEAGE, t.path));
    const up = run.aspect(urn, 'upstreamLineage')!;
    expect(up.upstreams).toHaveLength(1);
    expect(up.upstreams[0]).toMatchObject({
      dataset: `urn:li:dataset:(urn:li:dataPlatform:kafka,${t.topic},PROD)`,
      type: 'TRANSFORMED',
      properties: { source: 'deltastreamer.checkpoint.key' },
    });
    for (const view of ['artists_ro', 'artists_rt']) {
      expect(run.aspect(`urn:li:dataset:(urn:li:dataPlatform:glue,moma_mor.${view},PROD)`, 'upstreamLineage')).toEqual({
        upstreams: [{ dataset: urn, type: 'VIEW', auditStamp: { time: 0, actor: 'urn:li:corpuser:unknown' } }],
      });
    }
  });

  it('links the DFS source folder to the CoW table, and the table to the hive_sync target', () => {
    const t = lineageExpected.find((x) => x.tableType === 'COPY_ON_WRITE')!;
    const urn = hudiUrn(path.join(LINEAGE, t.path));
    expect(run.aspect(urn, 'upstreamLineage')!.upstreams.map((u: any) => u.dataset)).toEqual([
      // The S3 sink's topic folder: the `partition=0` the DeltaStreamer read is dropped (docs/NAMING.md).
      'urn:li:dataset:(urn:li:dataPlatform:s3,your-data-lake-bucket/topics/moma.public.artworks,PROD)',
    ]);
    expect(run.aspect(`urn:li:dataset:(urn:li:dataPlatform:glue,${t.syncedTable},PROD)`, 'upstreamLineage')!.upstreams[0].dataset).toBe(urn);
    for (const m of run.mcps) expect(validateAspect(m.aspectName!, m.aspect), `${m.entityUrn} ${m.aspectName}`).toMatchObject({ ok: true });
  });

  it('emits no lineage when include_lineage is off', async () => {
    const off = await ingest({ root: LINEAGE, include_lineage: false });
    expect(off.mcps.filter((m) => m.aspectName === 'upstreamLineage')).toEqual([]);
  });
});

describe('hudi profiling from the Parquet files', () => {
  let run: Captured;
  beforeAll(async () => {
    run = await ingest({ root: FIXTURES, profiling: { enabled: true, include_field_distinct_value_frequencies: true, include_field_quantiles: true } });
  });

  it.each(expected.filter((t) => t.tableType === 'COPY_ON_WRITE').map((t) => [t.path, t] as const))(
    '%s (CoW): the latest file slices give the snapshot row count after updates and deletes',
    (_, t) => {
      const p = run.aspect(hudiUrn(path.join(FIXTURES, t.path)), 'datasetProfile')!;
      const full = (t as any).latest;
      expect(p.rowCount).toBe(full.rowCount);
      const key = p.fieldProfiles.find((f: any) => f.fieldPath === t.recordKey[0]);
      // Every key once: updates replaced their rows, deletes removed them.
      expect(key).toMatchObject({ nullCount: 0, uniqueCount: full.rowCount, uniqueProportion: 1, min: String(Math.min(...full.recordKeys)), max: String(Math.max(...full.recordKeys)) });
      const added = p.fieldProfiles.find((f: any) => f.fieldPath === full.schemaFields.at(-1));
      expect(added.nullCount).toBeGreaterThan(0); // rows written before the column was added
      expect(p.columnCount).toBe(5 + full.schemaFields.length);
      expect(validateAspect('datasetProfile', p)).toMatchObject({ ok: true });
    },
  );

  it('gives the same statistics as the postgres profiler for a numeric column (mean, sample stddev, median, quantiles)', () => {
    const t = expected.find((x) => x.path === 'v6/artworks_cow')!;
    const p = run.aspect(hudiUrn(path.join(FIXTURES, t.path)), 'datasetProfile')!;
    const ids = ((t as any).latest.recordKeys as number[]).slice().sort((a, b) => a - b);
    const mean = ids.reduce((a, b) => a + b, 0) / ids.length;
    const sd = Math.sqrt(ids.reduce((a, b) => a + (b - mean) ** 2, 0) / (ids.length - 1));
    const f = p.fieldProfiles.find((x: any) => x.fieldPath === 'artwork_id');
    expect(Number(f.mean)).toBeCloseTo(mean, 9);
    expect(Number(f.stdev)).toBeCloseTo(sd, 9);
    const mid = (ids.length - 1) / 2;
    expect(Number(f.median)).toBe((ids[Math.floor(mid)]! + ids[Math.ceil(mid)]!) / 2);
    expect(f.quantiles.map((q: any) => q.quantile)).toEqual(['0.05', '0.25', '0.5', '0.75', '0.95']);
    const cls = p.fieldProfiles.find((x: any) => x.fieldPath === 'classification');
    expect(cls.distinctValueFrequencies.reduce((a: number, v: any) => a + v.frequency, 0)).toBe(ids.length);
  });

  it('profiles MoR tables as the read-optimized view and says what the snapshot would need', () => {
    for (const t of expected.filter((x) => x.tableType === 'MERGE_ON_READ')) {
      expect(run.aspect(hudiUrn(path.join(FIXTURES, t.path)), 'datasetProfile')!.partitionSpec).toEqual({ partition: 'READ_OPTIMIZED_VIEW', type: 'FULL_TABLE' });
    }
    const info = run.result.sourceReport!.infos.toJSON().find((i) => i.title === 'Merge-on-Read profile is the read-optimized view');
    expect(info?.message).toMatch(/log file\(s\) of the latest file slices are not merged.*record key and precombine field/);
  });
});

describe('schema history backfilled from the timeline', () => {
  it('emits one schemaMetadata per distinct commit schema, oldest first, each stamped with its commit time', async () => {
    const run = await ingest({ root: FIXTURES });
    for (const t of expected) {
      const versions = run.all(hudiUrn(path.join(FIXTURES, t.path)), 'schemaMetadata');
      const firsts: Array<{ instant: string; fields: string[] }> = [];
      for (const c of t.commits) if (c.schemaFields && JSON.stringify(c.schemaFields) !== JSON.stringify(firsts.at(-1)?.fields)) firsts.push({ instant: c.instant, fields: c.schemaFields });
      expect(versions.map((v) => v.lastModified.time), t.path).toEqual(firsts.map((f) => instantMillis(f.instant)));
      expect(versions.map((v) => v.fields.filter((f: any) => !f.fieldPath.startsWith('_hoodie_')).map((f: any) => f.fieldPath))).toEqual(firsts.map((f) => f.fields));
      expect(new Set(versions.map((v) => v.hash)).size).toBe(versions.length);
    }
  });
});

describe('latest file slices', () => {
  it('leave out file groups a completed replacecommit replaced', async () => {
    const { latestFileSlices } = await import('../../../../ingest/sources/hudi/file-slices.js');
    const { LocalHudiStorage } = await import('../../../../ingest/sources/hudi/storage.js');
    const t = expected.find((x) => x.path === 'v6/artworks_cow')!;
    const base = path.join(FIXTURES, t.path);
    const done = new Set(t.commits.map((c) => c.instant));
    const slices = await latestFileSlices(new LocalHudiStorage(), base, done);
    expect(slices).toHaveLength(1);
    expect(slices[0]!.baseFile).toMatch(new RegExp(`_${t.commits.at(-1)!.instant}\\.parquet$`));
    expect(await latestFileSlices(new LocalHudiStorage(), base, done, new Set([slices[0]!.fileId]))).toEqual([]);
    // Files of an instant that is not completed are not data.
    const older = new Set(t.commits.slice(0, 2).map((c) => c.instant));
    expect((await latestFileSlices(new LocalHudiStorage(), base, older))[0]!.baseFile).toMatch(new RegExp(`_${t.commits[1]!.instant}\\.parquet$`));
  });
});

describe('partitions', () => {
  it('lists the partitions holding the latest file slices, as hudi-rs sees them (expected.json)', async () => {
    const run = await ingest({ root: FIXTURES });
    for (const t of expected as Array<typeof expected[number] & { latest: { partitions: string[] } }>) {
      const custom = run.aspect(hudiUrn(path.join(FIXTURES, t.path)), 'datasetProperties')!.customProperties;
      const want = t.latest.partitions.filter((p) => p !== '');
      expect(custom['hudi.partitions.count'], t.path).toBe(String(want.length));
      expect(custom['hudi.partitions'], t.path).toBe(want.length ? want.join(',') : undefined);
    }
  });
});

describe('profiling a table with a broken data file', () => {
  it('warns naming the file and still ingests the table', async () => {
    const { cp, mkdtemp, readdir, truncate, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(path.join(tmpdir(), 'hudi-broken-parquet-'));
    try {
      await cp(path.join(FIXTURES, 'v6/artworks_cow'), path.join(dir, 'artworks_cow'), { recursive: true });
      const files = (await readdir(path.join(dir, 'artworks_cow'))).filter((f) => f.endsWith('.parquet')).sort((a, b) => a.split('_').at(-1)!.localeCompare(b.split('_').at(-1)!));
      const latest = path.join(dir, 'artworks_cow', files.at(-1)!);
      await truncate(latest, 100);
      const run = await ingest({ root: dir, profiling: { enabled: true } });
      const urn = hudiUrn(path.join(dir, 'artworks_cow'));
      expect(run.result.sourceReport!.failures.toJSON()).toEqual([]);
      const warning = run.result.sourceReport!.warnings.toJSON().find((w) => w.title === 'Profiling failed');
      expect(warning?.message).toContain(latest);
      expect(run.aspect(urn, 'datasetProfile')).toBeUndefined();
      expect(run.all(urn, 'schemaMetadata').length).toBeGreaterThan(0);
      expect(run.all(urn, 'operation')).toHaveLength(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
