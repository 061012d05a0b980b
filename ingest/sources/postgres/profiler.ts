// The postgres profiler: SQL pushdown, parallel within a table. Each table is cut into tasks (the
// scan of cheap aggregates, one distribution query per column, the sample values, and the full
// row count when the statistics come from a sample; see profile-sql.ts) and the tasks of every
// table run on up to max_workers connections of the profiler's own, so one large table uses
// every connection. A table whose task fails or runs out of time is reported by name and yields
// no profile; the others go on. One `datasetProfile` (timeseries) per table per run, yielded as
// each table completes.
import os from 'node:os';
import type pg from 'pg';
import type { AllowDenyPattern } from '../../common/pattern.js';
import { makeMcp, type AspectValue, type MetadataChangeProposal } from '../../../model/mcp.js';
import type { PostgresProfilingConfig } from './config.js';
import { interpolate, QUANTILES } from '../../common/profiling/statistics.js';
import type { PgColumn, PgRelation } from './introspect.js';
import {
  columnKind,
  distributionPlan,
  distributionSql,
  HISTOGRAM_BUCKETS,
  samplesSql,
  scanSql,
  sourceSql,
  type DistributionPlan,
  type ProfiledColumn,
} from './profile-sql.js';
import type { PostgresSourceReport } from './report.js';

export interface ProfileRequest {
  urn: string;
  /** database.schema.table, for patterns and the report. */
  name: string;
  relation: PgRelation;
  columns: PgColumn[];
  /** Columns under a one-column unique constraint or primary key. */
  uniqueColumns?: ReadonlySet<string>;
}

export interface ProfilerDeps {
  config: PostgresProfilingConfig;
  profilePattern: AllowDenyPattern;
  report: PostgresSourceReport;
  /** A new, connected client (the profiler ends it). */
  connect: () => Promise<pg.Client>;
  /** The run's time: every profile of this run carries it. */
  timestampMillis: number;
}

/**
 * Memory for one profiling statement's hash tables and sorts. PostgreSQL's default (4 MB) sends
 * the grouping of a million distinct values to disk; sessions below this are raised to it.
 */
export const PROFILING_WORK_MEM_KB = 128 * 1024;

type Row = Record<string, unknown>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Whether this table is profiled at all; reports why not when it is left out. */
export function eligible(req: ProfileRequest, deps: ProfilerDeps): boolean {
  const { config, report } = deps;
  const drop = (why: string) => {
    report.profilesDropped++;
    if (config.report_dropped_profiles) report.info('Table not profiled', why, req.name);
    return false;
  };
  if (req.relation.kind !== 'table') return false;
  if (!deps.profilePattern.allowed(req.name)) return drop('profile_pattern does not allow it');
  const gb = config.profile_table_size_limit;
  if (gb !== null && req.relation.sizeBytes !== null && req.relation.sizeBytes > gb * 1024 ** 3) return drop(`larger than profile_table_size_limit (${gb} GB)`);
  const rows = config.profile_table_row_limit;
  if (rows !== null && req.relation.estimatedRows !== null && req.relation.estimatedRows > rows) return drop(`more rows than profile_table_row_limit (${rows})`);
  return true;
}

/** One table's profiling: its tasks and what they found. */
interface Job {
  req: ProfileRequest;
  profiled: ProfiledColumn[];
  plans: Array<DistributionPlan | null>;
  from: string;
  sampled: boolean;
  scan: Row | null;
  fullRowCount: number | null;
  distributions: Map<number, Row>;
  samples: Row;
  pending: number;
  failed: boolean;
  /** When the table's first task started (for table_timeout_seconds). */
  startedAt: number | null;
}

interface Task {
  job: Job;
  run: (client: pg.Client) => Promise<void>;
}

/** The columns to profile, the source to read and the tasks of one table. */
function plan(req: ProfileRequest, deps: ProfilerDeps): { job: Job; tasks: Task[] } {
  const { config, report } = deps;
  const { relation } = req;
  let profiled: ProfiledColumn[] = [];
  if (!config.profile_table_level_only) {
    const allowed = req.columns.filter((c) => deps.profilePattern.allowed(`${req.name}.${c.name}`));
    const max = config.max_number_of_fields_to_profile;
    const kept = max !== null ? allowed.slice(0, max) : allowed;
    if (kept.length < allowed.length && config.report_dropped_profiles) {
      report.info('Columns not profiled', `max_number_of_fields_to_profile (${max}) leaves out ${allowed.length - kept.length} column(s)`, req.name);
    }
    profiled = kept.map((c) => columnKind(c, req.uniqueColumns?.has(c.name) ?? false, relation.estimatedRows));
    for (const p of profiled) if (p.kind === 'skip') report.info('Column not profiled', `${p.reason}: ${p.column.name}`, req.name);
  }
  const estimated = relation.estimatedRows;
  const sampled = config.use_sampling && config.limit === null && estimated !== null && estimated > config.sample_size;
  const from = sourceSql(relation.schema, relation.name, {
    samplePercent: sampled ? (config.sample_size / estimated!) * 100 : null,
    limit: config.limit,
    offset: config.offset,
  });
  const job: Job = {
    req, profiled, from, sampled,
    plans: profiled.map((p) => distributionPlan(p, config)),
    scan: null, fullRowCount: null, distributions: new Map(), samples: {}, pending: 0, failed: false, startedAt: null,
  };
  const tasks: Task[] = [];
  const add = (run: Task['run']) => tasks.push({ job, run });
  add(async (client) => {
    job.scan = (await client.query<Row>(scanSql(from, profiled, config), [relation.oid])).rows[0]!;
  });
  if (sampled && !config.profile_table_row_count_estimate_only) {
    // the statistics are the sample's; the row count is the table's
    const whole = sourceSql(relation.schema, relation.name, { samplePercent: null, limit: null, offset: null });
    add(async (client) => {
      job.fullRowCount = num((await client.query<Row>(`SELECT pg_catalog.count(*)::text AS rc FROM ${whole}`)).rows[0]!.rc);
    });
  }
  job.plans.forEach((p, i) => {
    if (p) add(async (client) => void job.distributions.set(i, (await client.query<Row>(distributionSql(from, profiled[i]!, p))).rows[0]!));
  });
  const samples = profiled.length ? samplesSql(from, profiled, config) : null;
  if (samples) add(async (client) => void (job.samples = (await client.query<Row>(samples)).rows[0]!));
  job.pending = tasks.length;
  return { job, tasks };
}

/** Profiles the tables on up to max_workers connections, yielding each table's aspect as it is done. */
export async function* profileTables(requests: ProfileRequest[], deps: ProfilerDeps): AsyncIterable<MetadataChangeProposal> {
  const { config, report } = deps;
  const queue: Task[] = [];
  for (const req of requests) if (eligible(req, deps)) queue.push(...plan(req, deps).tasks);
  if (!queue.length) return;
  const workers = Math.max(1, Math.min(queue.length, config.max_workers ?? 5 * os.cpus().length));
  const done: MetadataChangeProposal[] = [];
  let wake: (() => void) | null = null;
  let live = 0;

  const fail = (job: Job, e: unknown) => {
    if (job.failed) return;
    job.failed = true;
    const err = e as Error & { code?: string };
    if (err.code === '57014' && (config.query_timeout_seconds !== null || config.table_timeout_seconds !== null)) {
      report.warning('Profiling timed out', `${err.message} (query_timeout_seconds: ${config.query_timeout_seconds}, table_timeout_seconds: ${config.table_timeout_seconds})`, job.req.name);
    } else {
      report.warning('Profiling failed', err.message, job.req.name);
    }
  };
  const finish = (job: Job) => {
    if (--job.pending > 0 || job.failed) return;
    done.push(makeMcp(job.req.urn, 'datasetProfile', aspectOf(job, deps)));
    report.tablesProfiled++;
    wake?.();
  };
  /** statement_timeout for a task of this job: the tighter of the query and the table limits (ms), or null. */
  const timeoutFor = (job: Job): number | null => {
    const limits: number[] = [];
    if (config.query_timeout_seconds !== null) limits.push(config.query_timeout_seconds * 1000);
    if (config.table_timeout_seconds !== null) limits.push(job.startedAt! + config.table_timeout_seconds * 1000 - Date.now());
    return limits.length ? Math.floor(Math.min(...limits)) : null;
  };

  const worker = async (id: number) => {
    let client: pg.Client | null = null;
    for (let attempt = 0; ; attempt++) {
      try {
        client = await deps.connect();
        await prepareSession(client);
        break;
      } catch (e) {
        await client?.end().catch(() => {});
        client = null;
        // A server may take fewer connections than max_workers: the others carry on. The first
        // connection is retried a little (the metadata connection may still be closing).
        if (live > 0 || id > 0 || attempt >= 10) {
          if (id === 0 && live === 0) report.warning('Profiling connection failed', (e as Error).message);
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    live++;
    let lost = false;
    client.once('end', () => (lost = true));
    try {
      while (queue.length && !lost) {
        const task = queue.shift()!;
        const { job } = task;
        try {
          if (job.failed) continue;
          job.startedAt ??= Date.now();
          const timeout = timeoutFor(job);
          if (timeout !== null) {
            if (timeout <= 0) throw Object.assign(new Error(`table_timeout_seconds (${config.table_timeout_seconds}) reached`), { code: '57014' });
            await client.query(`SET statement_timeout = ${timeout}`);
          }
          await report.timeStage('Profiling', () => task.run(client!));
        } catch (e) {
          fail(job, e);
        } finally {
          finish(job);
        }
      }
    } finally {
      live--;
      await client.end().catch(() => {});
    }
  };

  const all = Promise.all(Array.from({ length: workers }, (_, i) => worker(i))).then(() => {
    wake?.();
  });
  let settled = false;
  void all.then(() => (settled = true));
  while (true) {
    while (done.length) yield done.shift()!;
    if (settled) break;
    await Promise.race([all, new Promise<void>((r) => (wake = r))]);
    wake = null;
  }
  while (done.length) yield done.shift()!;
  // every connection gone with tasks left: those tables are reported, once each
  for (const task of queue.splice(0)) fail(task.job, new Error('no profiling connection'));
}

/** Raises work_mem to PROFILING_WORK_MEM_KB when lower, keeps LIMIT reads from drifting between statements, turns JIT off. */
async function prepareSession(client: pg.Client): Promise<void> {
  await client.query(
    `SELECT pg_catalog.set_config('work_mem', '${PROFILING_WORK_MEM_KB}kB', false)
       FROM pg_catalog.pg_settings WHERE name = 'work_mem' AND setting::bigint < ${PROFILING_WORK_MEM_KB}`,
  );
  // a profiling statement is one pass of simple aggregates: compiling it costs more than it saves
  await client.query(`SELECT pg_catalog.set_config('synchronize_seqscans', 'off', false), pg_catalog.set_config('jit', 'off', false)`);
}

function aspectOf(job: Job, deps: ProfilerDeps): AspectValue {
  const scan = job.scan!;
  const sampleRows = num(scan.rc)!;
  let rowCount = sampleRows;
  if (job.sampled) rowCount = job.fullRowCount ?? job.req.relation.estimatedRows!;
  const aspect: AspectValue = {
    timestampMillis: deps.timestampMillis,
    partitionSpec: { partition: 'FULL_TABLE_SNAPSHOT', type: 'FULL_TABLE' },
    rowCount,
    columnCount: job.req.columns.length,
    fieldProfiles: job.profiled.map((p, i) => fieldProfile(p, i, job, sampleRows, deps.config)),
  };
  const size = num(scan.sz);
  if (size !== null) aspect.sizeInBytes = size;
  return aspect;
}

function fieldProfile(p: ProfiledColumn, i: number, job: Job, rows: number, config: PostgresProfilingConfig): AspectValue {
  const scan = job.scan!;
  const out: AspectValue = { fieldPath: p.column.name };
  const nonNull = num(scan[`nn_${i}`])!;
  if (config.include_field_null_count) {
    out.nullCount = rows - nonNull;
    if (rows > 0) out.nullProportion = (rows - nonNull) / rows;
  }
  if (p.kind === 'skip') return out;
  const plan = job.plans[i];
  const dist = job.distributions.get(i) ?? {};
  const trues = p.kind === 'boolean' ? num(scan[`t_${i}`])! : 0;

  if (config.include_field_distinct_count) {
    const distinct = p.kind === 'boolean' ? Number(trues > 0) + Number(nonNull - trues > 0) : p.strategy === 'unique' ? nonNull : num(dist.d);
    if (distinct !== null) {
      out.uniqueCount = distinct;
      if (nonNull > 0) out.uniqueProportion = distinct / nonNull;
    }
  }
  for (const [key, col] of [['min', 'min'], ['max', 'max'], ['mean', 'mean'], ['stdev', 'sd']] as const) {
    const v = str(scan[`${col}_${i}`]);
    if (v !== null) out[key] = v;
  }
  const values = quantileValues(p, plan, dist);
  if (values) {
    if (config.include_field_median_value && values.has(0.5)) out.median = values.get(0.5)!;
    if (config.include_field_quantiles && QUANTILES.every((q) => values.has(Number(q)))) {
      out.quantiles = QUANTILES.map((quantile) => ({ quantile, value: values.get(Number(quantile))! }));
    }
  }
  const histogram = histogramOf(dist);
  if (histogram) out.histogram = histogram;
  if (config.include_field_distinct_value_frequencies) {
    if (p.kind === 'boolean') {
      out.distinctValueFrequencies = [
        { value: 'true', frequency: trues },
        { value: 'false', frequency: nonNull - trues },
      ].filter((f) => f.frequency > 0).sort((a, b) => b.frequency - a.frequency);
    } else {
      const f = (dist.f as Array<[string, number]> | null | undefined) ?? [];
      out.distinctValueFrequencies = f.map(([value, frequency]) => ({ value: String(value), frequency: Number(frequency) }));
    }
  }
  const samples = job.samples[`s_${i}`] as string[] | null | undefined;
  if (samples) out.sampleValues = samples.map(String);
  return out;
}

/** probability -> value (as text), from the distribution query's `q`; null when none was asked for or a value is missing. */
function quantileValues(p: ProfiledColumn, plan: DistributionPlan | null | undefined, dist: Row): Map<number, string> | null {
  const q = dist.q as Array<string | null> | null | undefined;
  if (!plan?.probabilities.length || !Array.isArray(q) || q.some((v) => v === null)) return null;
  const out = new Map<number, string>();
  const pairs = p.kind === 'numeric' && p.strategy === 'grouped';
  const n = num(dist.n)!;
  plan.probabilities.forEach((prob, k) => {
    out.set(prob, pairs ? String(interpolate(prob, n, Number(q[2 * k]), Number(q[2 * k + 1]))) : q[k]!);
  });
  return out;
}

/**
 * DataHub's histogram shape: HISTOGRAM_BUCKETS + 1 boundaries from min to max, a height per
 * bucket; from `h` ([bucket, count] pairs of the non-empty buckets) or `hc` (every bucket's count).
 */
function histogramOf(dist: Row): AspectValue | null {
  const lo = num(dist.hlo);
  const hi = num(dist.hhi);
  if (lo === null || hi === null || !(hi > lo)) return null;
  let heights: number[] = Array(HISTOGRAM_BUCKETS).fill(0);
  if (Array.isArray(dist.hc)) heights = (dist.hc as unknown[]).map(Number);
  else if (Array.isArray(dist.h)) for (const [b, k] of dist.h as Array<[number, number]>) heights[Number(b) - 1] = Number(k);
  else return null;
  const size = (hi - lo) / HISTOGRAM_BUCKETS;
  return { boundaries: Array.from({ length: HISTOGRAM_BUCKETS + 1 }, (_, i) => String(lo + i * size)), heights };
}
