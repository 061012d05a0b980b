// Profiler speed, side by side with DataHub's own: one generated table of ROWS rows and 12
// columns (integers, numerics, floats, low- and high-cardinality text, nulls, dates, timestamps,
// booleans) in a fresh database on a real PostgreSQL server, profiled by `catalog ingest` (this
// project's postgres source) and by `datahub ingest` (acryl-datahub's postgres source, its
// SQLAlchemy profiler) with the same statistics switched on, both writing to a file sink.
//   node dist/bench/profile/run.js [--rows N] [--postgres URL] [--datahub PATH] [--repeat R]
// URL defaults to CATALOG_TEST_POSTGRES_URL's server (scripts/services up postgres); PATH to the
// DataHub CLI that `scripts/services up datahub-cli` installs.
//
// What is timed: the whole ingest process, once with profiling and once without; the difference
// is the cost of profiling (so the Python interpreter's start-up and the metadata crawl are not
// counted against DataHub). Every figure is the median of R runs. Both outputs are then compared
// statistic by statistic, so the two runs are shown to compute the same thing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    postgres: { type: 'string' },
    datahub: { type: 'string' },
    repeat: { type: 'string', default: '3' },
  },
});
const ROWS = Number(values.rows);
const REPEAT = Number(values.repeat);
const DATABASE = 'bench_profile';
const TABLE = 'events';

function serverUrl(): URL {
  const raw = values.postgres ?? process.env.CATALOG_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:55432/postgres';
  return new URL(raw);
}

function datahubCli(): string {
  if (values.datahub) return values.datahub;
  const where = spawnSync(join(ROOT, 'scripts/services'), ['where'], { encoding: 'utf8' }).stdout.trim();
  const cli = join(where, 'datahub-cli/venv/bin/datahub');
  if (!existsSync(cli)) throw new Error(`DataHub's CLI is not installed at ${cli}: run scripts/services up datahub-cli (or pass --datahub PATH)`);
  return cli;
}

/** Creates the database and the 12-column table, deterministic (setseed), then ANALYZEs it. */
async function createTable(url: URL): Promise<void> {
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}"`);
  await admin.query(`CREATE DATABASE "${DATABASE}"`);
  await admin.end();
  const db = new URL(url);
  db.pathname = `/${DATABASE}`;
  const c = new pg.Client({ connectionString: db.toString() });
  await c.connect();
  await c.query(`CREATE TABLE public.${TABLE} (
    id bigint PRIMARY KEY, user_id integer NOT NULL, amount numeric(10,2), score double precision,
    quantity smallint, category text, city varchar(40), email text, status text,
    created_at timestamp, event_date date, is_active boolean)`);
  await c.query('SELECT setseed(0.42)');
  await c.query(
    `INSERT INTO public.${TABLE}
     SELECT g, 1 + (g::bigint * 7919) % 50000, round((random() * 1000)::numeric, 2),
            CASE WHEN g % 20 = 0 THEN NULL ELSE random() * 100 - 50 END,
            (1 + floor(random() * 20))::smallint,
            (ARRAY['music','sports','theatre','comedy','opera','film','dance','jazz','rock','pop'])[1 + g % 10],
            'city-' || (g % 1000),
            CASE WHEN g % 10 = 0 THEN NULL ELSE 'user' || g || '@example.com' END,
            CASE WHEN g % 19 = 0 THEN NULL ELSE (ARRAY['new','paid','shipped','returned','cancelled'])[1 + g % 5] END,
            timestamp '2024-01-01' + (g % 525600) * interval '1 minute',
            date '2020-01-01' + (g % 1826),
            g % 3 <> 0
       FROM generate_series(1, $1::int) AS g`,
    [ROWS],
  );
  await c.query(`ANALYZE public.${TABLE}`);
  await c.end();
}

/** The statistics both profilers are asked for (DataHub's keys; the same block for both). */
const PROFILING = {
  enabled: true,
  profile_table_level_only: false,
  include_field_null_count: true,
  include_field_distinct_count: true,
  include_field_min_value: true,
  include_field_max_value: true,
  include_field_mean_value: true,
  include_field_median_value: true,
  include_field_stddev_value: true,
  include_field_quantiles: true,
  include_field_distinct_value_frequencies: true,
  include_field_histogram: true,
  include_field_sample_values: true,
  turn_off_expensive_profiling_metrics: false,
};

function recipe(url: URL, profiling: boolean, out: string, ours: boolean): string {
  const config: Record<string, unknown> = {
    host_port: `${url.hostname}:${url.port || 5432}`,
    database: DATABASE,
    username: decodeURIComponent(url.username) || 'postgres',
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    schema_pattern: { allow: ['^public$'] },
    table_pattern: { allow: [`^${DATABASE}\\.public\\.${TABLE}$`] },
    include_views: false,
    profiling: profiling ? { ...PROFILING, ...(ours ? { use_sampling: false } : {}) } : { enabled: false },
  };
  return JSON.stringify({ source: { type: 'postgres', config }, sink: { type: 'file', config: { filename: out } } }, null, 2);
}

function timeRun(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}:\n${(r.stderr || r.stdout).slice(-3000)}`);
  return seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type FieldProfile = Record<string, unknown> & { fieldPath: string };

/** The datasetProfile in a file sink's output (a JSON array of MCPs). */
function profileOf(file: string): { rowCount: number; fieldProfiles: FieldProfile[] } {
  const mcps = JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, any>>;
  const mcp = mcps.find((m) => m.aspectName === 'datasetProfile');
  if (!mcp) throw new Error(`no datasetProfile in ${file}`);
  const aspect = mcp.aspect.json ?? JSON.parse(mcp.aspect.value);
  return aspect;
}

/** Statistic-by-statistic comparison of two profiles; numbers within 1e-6 relative. */
function compare(ours: ReturnType<typeof profileOf>, theirs: ReturnType<typeof profileOf>): { same: number; differ: string[] } {
  const differ: string[] = [];
  let same = 0;
  const close = (a: unknown, b: unknown) => {
    const x = Number(a);
    const y = Number(b);
    if (Number.isFinite(x) && Number.isFinite(y)) return Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y));
    return String(a) === String(b);
  };
  if (ours.rowCount === theirs.rowCount) same++;
  else differ.push(`rowCount: ${ours.rowCount} vs ${theirs.rowCount}`);
  for (const t of theirs.fieldProfiles) {
    const o = ours.fieldProfiles.find((f) => f.fieldPath === t.fieldPath);
    if (!o) {
      differ.push(`${t.fieldPath}: not profiled by catalog`);
      continue;
    }
    for (const key of ['nullCount', 'uniqueCount', 'min', 'max', 'mean', 'median', 'stdev']) {
      if (t[key] === undefined || t[key] === null) continue;
      if (o[key] === undefined) differ.push(`${t.fieldPath}.${key}: missing (DataHub: ${t[key]})`);
      else if (close(o[key], t[key])) same++;
      else differ.push(`${t.fieldPath}.${key}: ${o[key]} vs ${t[key]}`);
    }
  }
  return { same, differ };
}

async function main(): Promise<void> {
  const url = serverUrl();
  const datahub = datahubCli();
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  try {
    process.stdout.write(`creating ${DATABASE}.public.${TABLE}: ${ROWS.toLocaleString('en')} rows x 12 columns ... `);
    const t0 = Date.now();
    await createTable(url);
    console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const env = { ...process.env, DATAHUB_TELEMETRY_ENABLED: 'false', DATAHUB_SUPPRESS_LOGGING_MANAGER: '1' };
    const runs: Record<string, { on: number[]; off: number[] }> = { catalog: { on: [], off: [] }, datahub: { on: [], off: [] } };
    for (let i = 0; i < REPEAT; i++) {
      for (const tool of ['catalog', 'datahub'] as const) {
        for (const profiling of [true, false]) {
          const out = join(dir, `${tool}-${profiling ? 'on' : 'off'}.json`);
          const file = join(dir, `${tool}-${profiling ? 'on' : 'off'}.yml`);
          writeFileSync(file, recipe(url, profiling, out, tool === 'catalog'));
          const seconds =
            tool === 'catalog'
              ? timeRun(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'ingest', '-c', file], env)
              : timeRun(datahub, ['ingest', '-c', file], env);
          runs[tool]![profiling ? 'on' : 'off'].push(seconds);
        }
      }
    }
    const cost = (tool: string) => Math.max(0, median(runs[tool]!.on) - median(runs[tool]!.off));
    const ours = cost('catalog');
    const theirs = cost('datahub');
    const check = compare(profileOf(join(dir, 'catalog-on.json')), profileOf(join(dir, 'datahub-on.json')));

    console.log(`\nprofiling ${ROWS.toLocaleString('en')} rows x 12 columns, median of ${REPEAT} (load average ${loadavg()[0]!.toFixed(2)})`);
    console.log('| tool | ingest with profiling (s) | without (s) | profiling (s) |');
    console.log('|---|---|---|---|');
    for (const tool of ['catalog', 'datahub']) {
      console.log(`| ${tool} | ${median(runs[tool]!.on).toFixed(2)} | ${median(runs[tool]!.off).toFixed(2)} | ${cost(tool).toFixed(2)} |`);
    }
    console.log(`\ncatalog is ${(theirs / Math.max(ours, 1e-3)).toFixed(1)}x faster at profiling`);
    console.log(`statistics that agree with DataHub's: ${check.same}; that differ: ${check.differ.length}`);
    for (const d of check.differ) console.log(`  ${d}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
