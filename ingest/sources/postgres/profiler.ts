// The postgres profiler: SQL pushdown. Per table, one scan (a single SELECT of aggregates over
// every profiled column, with size from pg_total_relation_size) and at most one bounded query for
// value frequencies and sample values; tables run concurrently on up to max_workers connections
// of their own, each closed at the end. One `datasetProfile` (timeseries) per table per run.
import os from 'node:os';
import type pg from 'pg';
import type { AllowDenyPattern } from '../../common/pattern.js';
import { makeMcp, type AspectValue, type MetadataChangeProposal } from '../../../model/mcp.js';
import type { PostgresProfilingConfig } from './config.js';
import type { PgColumn, PgRelation } from './introspect.js';
import { columnKind, QUANTILES, scanSql, sourceSql, valuesSql, wantsValues, type ProfiledColumn } from './profile-sql.js';
import type { PostgresSourceReport } from './report.js';

export interface ProfileRequest {
  urn: string;
  /** database.schema.table, for patterns and the report. */
  name: string;
  relation: PgRelation;
  columns: PgColumn[];
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

/** Profiles the tables on up to max_workers connections, yielding each table's aspect as it is done. */
export async function* profileTables(requests: ProfileRequest[], deps: ProfilerDeps): AsyncIterable<MetadataChangeProposal> {
  const todo = requests.filter((r) => eligible(r, deps));
  if (!todo.length) return;
  const workers = Math.max(1, Math.min(todo.length, deps.config.max_workers ?? 5 * os.cpus().length));
  const done: MetadataChangeProposal[] = [];
  let wake: (() => void) | null = null;
  let next = 0;
  let live = 0;
  let finished = 0;

  const worker = async (id: number) => {
    let client: pg.Client | null = null;
    for (let attempt = 0; ; attempt++) {
      try {
        client = await deps.connect();
        break;
      } catch (e) {
        // A server may take fewer connections than max_workers: the others carry on. The first
        // connection is retried a little (the metadata connection may still be closing).
        if (live > 0 || id > 0 || attempt >= 10) {
          if (id === 0 && live === 0) deps.report.warning('Profiling connection failed', (e as Error).message);
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    live++;
    try {
      while (next < todo.length) {
        const req = todo[next++]!;
        try {
          const aspect = await deps.report.timeStage('Profiling', () => profileTable(client!, req, deps));
          done.push(makeMcp(req.urn, 'datasetProfile', aspect));
          deps.report.tablesProfiled++;
        } catch (e) {
          deps.report.warning('Profiling failed', (e as Error).message, req.name);
        } finally {
          finished++;
          wake?.();
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
  if (finished < todo.length) {
    for (const req of todo.slice(next)) deps.report.warning('Profiling failed', 'no profiling connection', req.name);
  }
}

/** One table: the scan, then the bounded values query; returns the datasetProfile aspect. */
export async function profileTable(client: pg.Client, req: ProfileRequest, deps: ProfilerDeps): Promise<AspectValue> {
  const { config, report } = deps;
  const { relation } = req;
  const tableLevelOnly = config.profile_table_level_only;
  let profiled: ProfiledColumn[] = [];
  if (!tableLevelOnly) {
    const allowed = req.columns.filter((c) => deps.profilePattern.allowed(`${req.name}.${c.name}`));
    const max = config.max_number_of_fields_to_profile;
    const kept = max !== null ? allowed.slice(0, max) : allowed;
    if (kept.length < allowed.length && config.report_dropped_profiles) {
      report.info('Columns not profiled', `max_number_of_fields_to_profile (${max}) leaves out ${allowed.length - kept.length} column(s)`, req.name);
    }
    profiled = kept.map(columnKind);
    for (const p of profiled) if (p.kind === 'skip') report.info('Column not profiled', `${p.reason}: ${p.column.name}`, req.name);
  }

  const estimated = relation.estimatedRows;
  const sampled = config.use_sampling && config.limit === null && estimated !== null && estimated > config.sample_size;
  const from = sourceSql(relation.schema, relation.name, {
    samplePercent: sampled ? (config.sample_size / estimated!) * 100 : null,
    limit: config.limit,
    offset: config.offset,
  });
  const { rows } = await client.query<Row>(scanSql(from, profiled, config), [relation.oid]);
  const scan = rows[0]!;
  let rowCount = num(scan.rc)!;
  if (sampled) {
    // The statistics are the sample's; the row count is the table's.
    if (config.profile_table_row_count_estimate_only) rowCount = estimated!;
    else {
      const full = await client.query<Row>(`SELECT pg_catalog.count(*)::text AS rc FROM ${sourceSql(relation.schema, relation.name, { samplePercent: null, limit: null, offset: null })}`);
      rowCount = num(full.rows[0]!.rc)!;
    }
  }
  const sampleRows = num(scan.rc)!;

  const valuesQuery = profiled.length ? valuesSql(from, profiled, config) : null;
  const values: Row = valuesQuery ? (await client.query<Row>(valuesQuery)).rows[0]! : {};

  const fieldProfiles = profiled.map((p, i) => fieldProfile(p, i, scan, values, sampleRows, config));
  const aspect: AspectValue = {
    timestampMillis: deps.timestampMillis,
    partitionSpec: { partition: 'FULL_TABLE_SNAPSHOT', type: 'FULL_TABLE' },
    rowCount,
    columnCount: req.columns.length,
    fieldProfiles,
  };
  const size = num(scan.sz);
  if (size !== null) aspect.sizeInBytes = size;
  return aspect;
}

function fieldProfile(p: ProfiledColumn, i: number, scan: Row, values: Row, rows: number, config: PostgresProfilingConfig): AspectValue {
  const out: AspectValue = { fieldPath: p.column.name };
  const nonNull = num(scan[`nn_${i}`])!;
  if (config.include_field_null_count) {
    out.nullCount = rows - nonNull;
    if (rows > 0) out.nullProportion = (rows - nonNull) / rows;
  }
  if (p.kind === 'skip') return out;
  const distinct = num(scan[`d_${i}`]);
  if (distinct !== null) {
    out.uniqueCount = distinct;
    if (nonNull > 0) out.uniqueProportion = distinct / nonNull;
  }
  for (const [key, col] of [['min', 'min'], ['max', 'max'], ['mean', 'mean'], ['median', 'med'], ['stdev', 'sd']] as const) {
    const v = str(scan[`${col}_${i}`]);
    if (v !== null) out[key] = v;
  }
  const q = scan[`q_${i}`] as Array<string | null> | null | undefined;
  if (Array.isArray(q) && q.every((v) => v !== null)) out.quantiles = QUANTILES.map((quantile, k) => ({ quantile, value: String(q[k]) }));
  const want = wantsValues(p.kind, config);
  if (p.kind === 'boolean' && want.freq) {
    const trues = num(scan[`t_${i}`])!;
    out.distinctValueFrequencies = [
      { value: 'true', frequency: trues },
      { value: 'false', frequency: nonNull - trues },
    ].filter((f) => f.frequency > 0).sort((a, b) => b.frequency - a.frequency);
  } else if (want.freq) {
    const f = (values[`f_${i}`] as Array<[string, number]> | null) ?? [];
    out.distinctValueFrequencies = f.map(([value, frequency]) => ({ value: String(value), frequency: Number(frequency) }));
  }
  if (want.samples) out.sampleValues = ((values[`s_${i}`] as Array<string> | null) ?? []).map(String);
  return out;
}
