// The SQL-pushdown profiler over the in-process PGlite wire server: a few hundred generated rows,
// every figure checked against values read back from the table and computed here.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSourceConfigSchema } from '../../../../ingest/sources/postgres/config.js';
import { PostgresSource } from '../../../../ingest/sources/postgres/source.js';
import { validateAspect } from '../../../../model/aspects/registry.js';
import { datasetUrn } from '../../../../model/urn.js';
import { collectMcps, testContext } from '../context.js';
import { startPgliteServer, TICKIT_SQL, type TestServer } from './pglite-server.js';

type Any = Record<string, any>;
const N = 300;
const SETUP = `${TICKIT_SQL}
CREATE SCHEMA prof;
CREATE TABLE prof."Metrics ""Tbl""" (
  id integer PRIMARY KEY, "Score" numeric(8,2), ratio float8, label text, day date, ts timestamp, flag boolean, attrs jsonb, tags text[]
);
INSERT INTO prof."Metrics ""Tbl"""
SELECT g,
       CASE WHEN g % 7 = 0 THEN NULL ELSE ((g * 37) % 101)::numeric / 4 END,
       (g % 13) * 0.5,
       CASE WHEN g % 5 = 0 THEN NULL ELSE 'L' || (g % 9) END,
       date '2024-01-01' + (g % 50),
       timestamp '2024-01-01 00:00:00' + g * interval '97 minutes',
       CASE WHEN g % 11 = 0 THEN NULL ELSE g % 3 = 0 END,
       jsonb_build_object('g', g),
       ARRAY['a', 'b']
  FROM generate_series(1, ${N}) AS g;
CREATE TABLE prof.other (x integer);
INSERT INTO prof.other SELECT g FROM generate_series(1, 10) AS g;
-- statistics, so that the profiler picks its strategies as on a real database: id unique (primary
-- key), ts and Score sorted (many distinct values), ratio, label and day grouped (few)
ANALYZE prof."Metrics ""Tbl""";
`;

let server: TestServer;
let admin: pg.Client;
beforeAll(async () => {
  server = await startPgliteServer(SETUP, 4);
  admin = new pg.Client({ host: '127.0.0.1', port: Number(server.hostPort.split(':')[1]), user: 'postgres', database: 'postgres' });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

const TABLE = 'prof."Metrics ""Tbl"""';
const urn = datasetUrn('postgres', 'postgres.prof.Metrics "Tbl"');
const config = (profiling: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  postgresSourceConfigSchema.parse({
    host_port: server.hostPort,
    database: 'postgres',
    username: 'postgres',
    schema_pattern: { allow: ['^prof$'] },
    profiling: { enabled: true, use_sampling: false, include_field_quantiles: true, include_field_distinct_value_frequencies: true, include_field_histogram: true, max_workers: 2, ...profiling },
    ...extra,
  });

async function run(profiling: Record<string, unknown> = {}, factory?: (s: pg.ClientConfig) => pg.Client) {
  const source = new PostgresSource(config(profiling), testContext('.'), factory);
  const mcps = await collectMcps(source);
  return { source, profiles: mcps.filter((m) => m.aspectName === 'datasetProfile') };
}

/** A column's values as text (dates and timestamps ISO, as to_jsonb prints them), nulls included. */
async function column(name: string, cast = '::text'): Promise<Array<string | null>> {
  const { rows } = await admin.query(`SELECT ("${name}")${cast} AS v FROM ${TABLE}`);
  return rows.map((r) => r.v);
}

const nonNull = <T,>(xs: Array<T | null>) => xs.filter((x): x is T => x !== null);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const stdev = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
/** percentile_cont: linear interpolation at q * (n - 1). */
const cont = (sorted: number[], q: number) => {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
};
/** percentile_disc: the first value whose cumulative share reaches q. */
const disc = <T,>(sorted: T[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
const counts = (xs: string[]) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
};

describe('postgres profiler (SQL pushdown)', () => {
  let profile: Any;
  let field: (name: string) => Any;
  let source: PostgresSource;
  beforeAll(async () => {
    const r = await run();
    source = r.source;
    profile = r.profiles.find((m) => m.entityUrn === urn)!.aspect as Any;
    field = (name) => profile.fieldProfiles.find((f: Any) => f.fieldPath === name);
  });

  it('emits a valid datasetProfile per table with row count, column count and size', async () => {
    expect(validateAspect('datasetProfile', profile)).toMatchObject({ ok: true });
    expect(source.report.failures.toJSON()).toEqual([]);
    expect(source.report.warnings.toJSON()).toEqual([]);
    const size = (await admin.query(`SELECT pg_total_relation_size('${TABLE.replace(/'/g, "''")}')::int AS s`)).rows[0].s;
    expect(profile).toMatchObject({ rowCount: N, columnCount: 9, sizeInBytes: size, partitionSpec: { partition: 'FULL_TABLE_SNAPSHOT', type: 'FULL_TABLE' } });
    expect(typeof profile.timestampMillis).toBe('number');
    expect(profile.fieldProfiles.map((f: Any) => f.fieldPath)).toEqual(['id', 'Score', 'ratio', 'label', 'day', 'ts', 'flag', 'attrs', 'tags']);
  });

  it('numbers: null and distinct counts, min, max, mean, stdev, median and quantiles match', async () => {
    for (const name of ['Score', 'ratio', 'id']) {
      const all = (await column(name)).map((v) => (v === null ? null : Number(v)));
      const xs = nonNull(all).sort((a, b) => a - b);
      const f = field(name);
      expect(f.nullCount).toBe(all.length - xs.length);
      expect(f.nullProportion).toBeCloseTo((all.length - xs.length) / all.length, 10);
      expect(f.uniqueCount).toBe(new Set(xs).size);
      expect(f.uniqueProportion).toBeCloseTo(new Set(xs).size / xs.length, 10);
      expect(Number(f.min)).toBe(xs[0]);
      expect(Number(f.max)).toBe(xs.at(-1));
      expect(typeof f.mean).toBe('string');
      expect(Number(f.mean)).toBeCloseTo(mean(xs), 9);
      expect(Number(f.stdev)).toBeCloseTo(stdev(xs), 9);
      expect(Number(f.median)).toBeCloseTo(cont(xs, 0.5), 9);
      expect(f.quantiles.map((q: Any) => q.quantile)).toEqual(['0.05', '0.25', '0.5', '0.75', '0.95']);
      f.quantiles.forEach((q: Any) => expect(Number(q.value)).toBeCloseTo(cont(xs, Number(q.quantile)), 9));
      // the 10 most frequent values, with their counts
      const c = counts(xs.map(String));
      const top = [...c.values()].sort((a, b) => b - a).slice(0, 10);
      expect(f.distinctValueFrequencies.map((d: Any) => d.frequency)).toEqual(top);
      for (const d of f.distinctValueFrequencies) expect(c.get(String(Number(d.value)))).toBe(d.frequency);
      expect(f.sampleValues).toHaveLength(20);
      for (const s of f.sampleValues) expect(xs).toContain(Number(s));
      // DataHub's histogram: 10 equal-width buckets from min to max, the last one closed
      const lo = xs[0]!;
      const hi = xs.at(-1)!;
      const heights = Array(10).fill(0);
      for (const x of xs) heights[Math.min(10, Math.floor(((x - lo) * 10) / (hi - lo)) + 1) - 1]++;
      expect(f.histogram.heights).toEqual(heights);
      const size = (hi - lo) / 10;
      expect(f.histogram.boundaries.map(Number)).toEqual(Array.from({ length: 11 }, (_, i) => lo + i * size));
    }
  });

  it('computes distributions by every strategy: unique (primary key), sorted (many distinct), grouped (few)', async () => {
    // the figures are checked above whichever way they were computed; this shows all three ran
    const { rows } = await admin.query(
      `SELECT attname, n_distinct FROM pg_stats WHERE schemaname = 'prof' AND tablename = 'Metrics "Tbl"' AND attname IN ('ts', 'Score', 'ratio')`,
    );
    const share = Object.fromEntries(rows.map((r) => [r.attname, r.n_distinct < 0 ? -r.n_distinct : r.n_distinct / N]));
    expect(share.ts).toBeGreaterThan(0.2);
    expect(share.Score).toBeGreaterThan(0.2);
    expect(share.ratio).toBeLessThan(0.2);
    expect(field('id').uniqueCount).toBe(N);
  });

  it('dates and timestamps: ISO min, max, median and quantiles (percentile_disc)', async () => {
    for (const name of ['day', 'ts']) {
      const xs = nonNull(await column(name, `::timestamp`)).map((d: any) => d as Date);
      const iso = nonNull(await column(name, name === 'day' ? '::text' : `::text`)).map((s) => s.replace(' ', 'T')).sort();
      const f = field(name);
      expect(xs).toHaveLength(N);
      expect(f.nullCount).toBe(0);
      expect(f.uniqueCount).toBe(new Set(iso).size);
      expect(f.min).toBe(iso[0]);
      expect(f.max).toBe(iso.at(-1));
      expect(f.median).toBe(disc(iso, 0.5));
      f.quantiles.forEach((q: Any) => expect(q.value).toBe(disc(iso, Number(q.quantile))));
      expect(f.mean).toBeUndefined();
      expect(f.stdev).toBeUndefined();
      for (const s of f.sampleValues) expect(iso).toContain(s);
    }
    expect(field('ts').min).toMatch(/^2024-01-01T01:37:00$/);
  });

  it('no histogram for dates, text and booleans (DataHub profiles histograms of numbers only)', () => {
    for (const name of ['day', 'ts', 'label', 'flag']) expect(field(name)).not.toHaveProperty('histogram');
  });

  it('text: null and distinct counts, most frequent values and samples; no numeric statistics', async () => {
    const all = await column('label');
    const xs = nonNull(all);
    const f = field('label');
    expect(f.nullCount).toBe(all.length - xs.length);
    expect(f.uniqueCount).toBe(new Set(xs).size);
    const c = counts(xs);
    expect(f.distinctValueFrequencies).toHaveLength(Math.min(10, c.size));
    for (const d of f.distinctValueFrequencies) expect(c.get(d.value)).toBe(d.frequency);
    expect(f.distinctValueFrequencies.map((d: Any) => d.frequency)).toEqual([...c.values()].sort((a, b) => b - a).slice(0, 10));
    expect(f).not.toHaveProperty('mean');
    expect(f).not.toHaveProperty('median');
    for (const s of f.sampleValues) expect(xs).toContain(s);
  });

  it('booleans: counts of true and false', async () => {
    const all = await column('flag');
    const xs = nonNull(all);
    const f = field('flag');
    expect(f.nullCount).toBe(all.length - xs.length);
    expect(f.uniqueCount).toBe(2);
    const c = counts(xs);
    expect(Object.fromEntries(f.distinctValueFrequencies.map((d: Any) => [d.value, d.frequency]))).toEqual({ true: c.get('true'), false: c.get('false') });
  });

  it('skips JSON and array columns with a reason in the report, keeping their null counts', () => {
    expect(field('attrs')).toEqual({ fieldPath: 'attrs', nullCount: 0, nullProportion: 0 });
    expect(field('tags')).toEqual({ fieldPath: 'tags', nullCount: 0, nullProportion: 0 });
    const infos = JSON.stringify(source.report.infos.toJSON());
    expect(infos).toContain('JSON column: attrs');
    expect(infos).toContain('array column: tags');
  });

  it('profile_table_level_only gives row count, column count and size, and fieldProfiles []', async () => {
    const { profiles } = await run({ profile_table_level_only: true, include_field_quantiles: false, include_field_distinct_value_frequencies: false, include_field_histogram: false });
    const p = profiles.find((m) => m.entityUrn === urn)!.aspect as Any;
    expect(p).toMatchObject({ rowCount: N, columnCount: 9, fieldProfiles: [] });
    expect(p.sizeInBytes).toBeGreaterThan(0);
  });

  it('two runs give two profiles, each with its own run time', async () => {
    const first = (await run()).profiles.find((m) => m.entityUrn === urn)!.aspect as Any;
    await new Promise((r) => setTimeout(r, 5));
    const second = (await run()).profiles.find((m) => m.entityUrn === urn)!.aspect as Any;
    expect(second.timestampMillis).toBeGreaterThan(first.timestampMillis);
    expect(second.rowCount).toBe(first.rowCount);
  });

  it('honours limit, offset, max_number_of_fields_to_profile and the include_field flags', async () => {
    const { profiles } = await run({
      limit: 50, offset: 10, max_number_of_fields_to_profile: 2, include_field_mean_value: false, include_field_sample_values: false,
      include_field_quantiles: false, include_field_distinct_value_frequencies: false, include_field_histogram: false,
    });
    const p = profiles.find((m) => m.entityUrn === urn)!.aspect as Any;
    expect(p.rowCount).toBe(50);
    expect(p.columnCount).toBe(9);
    expect(p.fieldProfiles.map((f: Any) => f.fieldPath)).toEqual(['id', 'Score']);
    expect(Object.keys(p.fieldProfiles[0]).sort()).toEqual(['fieldPath', 'max', 'median', 'min', 'nullCount', 'nullProportion', 'stdev', 'uniqueCount', 'uniqueProportion']);
  });

  it('samples large tables and still reports the full row count', async () => {
    await admin.query(`ANALYZE ${TABLE}`);
    const { profiles, source } = await run({ use_sampling: true, sample_size: 100 });
    expect(source.report.warnings.toJSON()).toEqual([]);
    const p = profiles.find((m) => m.entityUrn === urn)!.aspect as Any;
    expect(p.rowCount).toBe(N);
    expect(source.report.warnings.toJSON()).toEqual([]);
  });

  it('reports a table whose profiling fails by name and profiles the others', async () => {
    class Failing extends pg.Client {
      override query(...args: any[]): any {
        const text = args[0];
        if (typeof text === 'string' && text.includes('"prof"."other"')) return Promise.reject(new Error('canceling statement due to statement timeout'));
        return (super.query as any)(...args);
      }
    }
    const { profiles, source } = await run({}, (s) => new Failing(s));
    expect(profiles.map((m) => m.entityUrn)).toEqual([urn]);
    expect(source.report.warnings.toJSON()).toEqual([
      expect.objectContaining({ title: 'Profiling failed', context: ['postgres.prof.other'] }),
    ]);
  });
});
