// The SQL of the profiler. A table's profile is a handful of statements that can run on different
// connections at once (profiler.ts schedules them):
//   - the scan: one SELECT of the cheap aggregates over every profiled column (counts, min, max,
//     mean, stddev, trues), plus the table's size;
//   - one distribution query per column: its distinct count, 10 most frequent values, quantiles and
//     median, and histogram. A column with few distinct values is grouped once (a hash aggregate)
//     and every statistic comes from the groups (quantiles from running counts over the sorted
//     groups); a column with many (ANALYZE's estimate) is sorted instead, and a column under a
//     one-column unique constraint needs no grouping at all;
//   - one bounded query of sample values.
// Every identifier goes through quoteIdent; the relation's oid is a bound parameter, and the only
// numbers written into SQL are validated integers and the constant quantile list.
import { QUANTILES } from '../../common/profiling/statistics.js';
import type { PostgresProfilingConfig } from './config.js';
import { quoteIdent, type PgColumn } from './introspect.js';

/** How a column is profiled. */
export type ColumnKind = 'numeric' | 'datetime' | 'boolean' | 'text' | 'skip';

export interface ProfiledColumn {
  column: PgColumn;
  kind: ColumnKind;
  /** Why a `skip` column is not profiled. */
  reason?: string;
  /**
   * How its distribution is computed: `unique` (under a one-column unique constraint or primary
   * key: every non-null value is distinct, nothing to group), `sorted` (ANALYZE saw many distinct
   * values: sorting beats a hash table of every value) or `grouped` (few distinct values: one
   * hash aggregate, and every statistic from its groups).
   */
  strategy?: 'unique' | 'sorted' | 'grouped';
}

/** Above this share of distinct values among the rows a column's distribution is sorted, not hashed. */
export const SORTED_DISTINCT_SHARE = 0.2;

function strategyOf(column: PgColumn, unique: boolean, estimatedRows: number | null): ProfiledColumn['strategy'] {
  if (unique) return 'unique';
  const d = column.distinctEstimate;
  if (d === null || d === undefined) return 'grouped';
  const share = d < 0 ? -d : estimatedRows ? d / estimatedRows : 0;
  return share > SORTED_DISTINCT_SHARE ? 'sorted' : 'grouped';
}

/** DataHub's histogram: 10 equal-width buckets from min to max (the last one includes max). */
export const HISTOGRAM_BUCKETS = 10;

const NUMERIC = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const DATETIME = new Set(['date', 'timestamp', 'timestamptz']);
const TEXTUAL = new Set(['text', 'varchar', 'bpchar', 'char', 'name', 'citext', 'uuid']);

export function columnKind(column: PgColumn, unique = false, estimatedRows: number | null = null): ProfiledColumn {
  const t = column.type;
  if (t.typcategory === 'A' || t.typname.startsWith('_')) return { column, kind: 'skip', reason: 'array column' };
  if (t.typname === 'json' || t.typname === 'jsonb') return { column, kind: 'skip', reason: 'JSON column' };
  if (t.typcategory === 'G' || ['geometry', 'geography', 'raster', 'box2d', 'box3d'].includes(t.typname)) {
    return { column, kind: 'skip', reason: 'geometric column' };
  }
  const strategy = strategyOf(column, unique, estimatedRows);
  if (NUMERIC.has(t.typname)) return { column, kind: 'numeric', strategy };
  if (DATETIME.has(t.typname)) return { column, kind: 'datetime', strategy };
  if (t.typname === 'bool') return { column, kind: 'boolean' };
  if (TEXTUAL.has(t.typname) || t.typtype === 'e') return { column, kind: 'text', strategy };
  return { column, kind: 'skip', reason: `type ${column.nativeType} is not profiled` };
}

/** `FROM` source: the table itself, a TABLESAMPLE of it, or a LIMIT/OFFSET subquery. */
export function sourceSql(schema: string, table: string, opts: { samplePercent: number | null; limit: number | null; offset: number | null }): string {
  const rel = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  let sample = '';
  if (opts.samplePercent !== null) {
    const p = Math.min(100, Math.max(0.0001, opts.samplePercent));
    sample = ` TABLESAMPLE SYSTEM (${Number(p.toFixed(6))}) REPEATABLE (0)`;
  }
  if (opts.limit === null && opts.offset === null) return `${rel} AS t${sample}`;
  const limit = opts.limit !== null ? ` LIMIT ${Math.trunc(opts.limit)}` : '';
  const offset = opts.offset !== null ? ` OFFSET ${Math.trunc(opts.offset)}` : '';
  return `(SELECT * FROM ${rel}${sample}${limit}${offset}) AS t`;
}

export type ProfileFlags = Pick<
  PostgresProfilingConfig,
  | 'include_field_null_count' | 'include_field_distinct_count' | 'include_field_min_value' | 'include_field_max_value'
  | 'include_field_mean_value' | 'include_field_median_value' | 'include_field_stddev_value' | 'include_field_quantiles'
  | 'include_field_distinct_value_frequencies' | 'include_field_histogram' | 'include_field_sample_values' | 'field_sample_values_limit'
>;

/** A value as text; dates and timestamps as ISO 8601 (to_jsonb prints them so). */
const asText = (expr: string, kind: ColumnKind) => (kind === 'datetime' ? `(pg_catalog.to_jsonb(${expr}) #>> '{}')` : `(${expr})::text`);

/**
 * The scan: `rc` (rows), `sz` (pg_total_relation_size of $1), and per column i `nn_i` (non-null),
 * `min_i`, `max_i`, `mean_i`, `sd_i`, `t_i` (booleans: trues).
 */
export function scanSql(from: string, columns: ProfiledColumn[], flags: ProfileFlags): string {
  const parts = ['pg_catalog.count(*)::text AS rc', 'pg_catalog.pg_total_relation_size($1::oid)::text AS sz'];
  columns.forEach(({ column, kind }, i) => {
    const c = `t.${quoteIdent(column.name)}`;
    parts.push(`pg_catalog.count(${c})::text AS nn_${i}`);
    if (kind === 'boolean') parts.push(`pg_catalog.count(*) FILTER (WHERE ${c})::text AS t_${i}`);
    if (kind === 'numeric' || kind === 'datetime') {
      if (flags.include_field_min_value) parts.push(`${asText(`pg_catalog.min(${c})`, kind)} AS min_${i}`);
      if (flags.include_field_max_value) parts.push(`${asText(`pg_catalog.max(${c})`, kind)} AS max_${i}`);
    }
    if (kind === 'numeric') {
      const f = `${c}::float8`;
      if (flags.include_field_mean_value) parts.push(`pg_catalog.avg(${f})::text AS mean_${i}`);
      if (flags.include_field_stddev_value) parts.push(`pg_catalog.stddev_samp(${f})::text AS sd_${i}`);
    }
  });
  return `SELECT ${parts.join(',\n       ')}\n  FROM ${from}`;
}

/** What the distribution query of a column computes. */
export interface DistributionPlan {
  distinct: boolean;
  frequencies: boolean;
  /** Probabilities whose value is wanted (quantiles, and 0.5 for the median). */
  probabilities: number[];
  histogram: boolean;
}

export function distributionPlan(p: ProfiledColumn, flags: ProfileFlags): DistributionPlan | null {
  if (p.kind === 'skip' || p.kind === 'boolean') return null; // booleans come whole from the scan
  const ordered = p.kind === 'numeric' || p.kind === 'datetime';
  const probabilities = new Set<number>();
  if (ordered && flags.include_field_quantiles) for (const q of QUANTILES) probabilities.add(Number(q));
  if (ordered && flags.include_field_median_value) probabilities.add(0.5);
  const plan: DistributionPlan = {
    distinct: flags.include_field_distinct_count && p.strategy !== 'unique',
    frequencies: flags.include_field_distinct_value_frequencies,
    probabilities: [...probabilities].sort((a, b) => a - b),
    histogram: p.kind === 'numeric' && flags.include_field_histogram,
  };
  return plan.distinct || plan.frequencies || plan.probabilities.length || plan.histogram ? plan : null;
}

/** float8 literal of a probability (from the constant list above, never user input). */
const prob = (q: number) => `${q}::float8`;

/**
 * One column's distribution. Result columns: `n` (non-null values), `d` (distinct, unless unique), `f` (jsonb
 * [[value, count], ...] of the 10 most frequent, by count then value), `q` (text[]: per
 * probability the value at floor and at ceil of q*(n-1) for numbers, percentile_cont's two
 * neighbours; for dates the value at ceil(q*n), percentile_disc's), `hlo`/`hhi` (float8 range) and
 * `h` (jsonb [[bucket, count], ...], buckets 1..10).
 */
export function distributionSql(from: string, p: ProfiledColumn, plan: DistributionPlan): string {
  const c = `t.${quoteIdent(p.column.name)}`;
  return p.strategy === 'grouped' ? groupedDistributionSql(from, c, p.kind, plan) : sortedDistributionSql(from, c, p, plan);
}

/** Text columns compare bytewise (COLLATE "C") where only equality matters: the same groups, sorted far faster. */
const bytewise = (c: string, p: ProfiledColumn) => (['text', 'varchar', 'bpchar'].includes(p.column.type.typname) ? `${c} COLLATE "C"` : c);

function groupedDistributionSql(from: string, c: string, kind: ColumnKind, plan: DistributionPlan): string {
  // counts as int4 so that sums stay in int8 arithmetic (a sum of int8 is numeric, many times slower)
  const ctes = [
    `g AS MATERIALIZED (SELECT ${c} AS v, pg_catalog.count(*)::int4 AS n FROM ${from} WHERE ${c} IS NOT NULL GROUP BY 1)`,
    'tot AS MATERIALIZED (SELECT pg_catalog.sum(n) AS total, pg_catalog.count(*) AS groups FROM g)',
  ];
  const out = ['(SELECT total FROM tot)::text AS n', '(SELECT groups FROM tot)::text AS d'];
  if (plan.frequencies) {
    out.push(
      `(SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_array(${asText('v', kind)}, n) ORDER BY n DESC, v) ` +
        `FROM (SELECT v, n FROM g ORDER BY n DESC, v LIMIT 10) AS f) AS f`,
    );
  }
  if (plan.probabilities.length) {
    // 0-based positions wanted (float8 arithmetic, as percentile_cont/disc do it); the value at
    // position k is the first whose running count over the sorted groups exceeds k
    const positions: string[] = [];
    for (const q of plan.probabilities) {
      if (kind === 'numeric') {
        positions.push(`pg_catalog.floor(${prob(q)} * (total - 1))::int8`, `pg_catalog.ceil(${prob(q)} * (total - 1))::int8`);
      } else {
        positions.push(`GREATEST(1, pg_catalog.ceil(${prob(q)} * total))::int8 - 1`);
      }
    }
    ctes.push(`k AS (SELECT ${positions.map((e, i) => `${e} AS k${i}`).join(', ')} FROM tot)`);
    ctes.push('s AS (SELECT v, pg_catalog.sum(n) OVER (ORDER BY v ROWS UNBOUNDED PRECEDING) AS cum FROM g)');
    const picks = positions.map((_, i) => `pg_catalog.min(v) FILTER (WHERE cum > k${i}) AS p${i}`);
    const cells = positions.map((_, i) => asText(`x.p${i}`, kind)).join(', ');
    out.push(`(SELECT ARRAY[${cells}] FROM (SELECT ${picks.join(', ')} FROM s, k) AS x) AS q`);
  }
  if (plan.histogram) {
    ctes.push('m AS (SELECT pg_catalog.min(v)::float8 AS lo, pg_catalog.max(v)::float8 AS hi FROM g)');
    out.push('(SELECT lo FROM m) AS hlo', '(SELECT hi FROM m) AS hhi');
    out.push(
      `(SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_array(b, k) ORDER BY b) FROM (` +
        `SELECT LEAST(pg_catalog.width_bucket(v::float8, lo, hi, ${HISTOGRAM_BUCKETS}), ${HISTOGRAM_BUCKETS}) AS b, pg_catalog.sum(n) AS k ` +
        `FROM g, m WHERE hi > lo GROUP BY 1) AS hb) AS h`,
    );
  }
  return `WITH ${ctes.join(',\n     ')}\nSELECT ${out.join(',\n       ')}`;
}

/**
 * Many distinct values (or all, under a unique constraint): sorts instead of a hash table of every
 * value. The distinct count and the ordered-set aggregates in one scan; the most frequent values
 * by grouping sorted input (or, for a unique column, the first 10 values, each once); the
 * histogram by filtered counts in one more scan.
 */
function sortedDistributionSql(from: string, c: string, p: ProfiledColumn, plan: DistributionPlan): string {
  const { kind } = p;
  const unique = p.strategy === 'unique';
  const aggs = [`pg_catalog.count(${c})::text AS n`];
  if (plan.distinct) aggs.push(`pg_catalog.count(DISTINCT ${bytewise(c, p)})::text AS d`);
  if (plan.probabilities.length) {
    const qs = `ARRAY[${plan.probabilities.map(prob).join(', ')}]`;
    // numbers: the interpolated values themselves (one per probability); dates: ISO 8601 text
    aggs.push(
      kind === 'numeric'
        ? `(percentile_cont(${qs}) WITHIN GROUP (ORDER BY ${c}::float8))::text[] AS q`
        : `percentile_disc(${qs}) WITHIN GROUP (ORDER BY ${c}) AS qd`,
    );
  }
  if (plan.histogram) aggs.push(`pg_catalog.min(${c})::float8 AS hlo`, `pg_catalog.max(${c})::float8 AS hhi`);
  const out = ['a.n', ...(plan.distinct ? ['a.d'] : [])];
  if (plan.probabilities.length) {
    out.push(kind === 'numeric' ? 'a.q' : `ARRAY(SELECT pg_catalog.to_jsonb(u.x) #>> '{}' FROM pg_catalog.unnest(a.qd) WITH ORDINALITY AS u(x, o) ORDER BY u.o) AS q`);
  }
  if (plan.frequencies) {
    out.push(
      unique
        ? `(SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_array(${asText('v', kind)}, 1) ORDER BY v) ` +
            `FROM (SELECT ${c} AS v FROM ${from} WHERE ${c} IS NOT NULL ORDER BY 1 LIMIT 10) AS f) AS f`
        : `(SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_array(${asText('v', kind)}, n) ORDER BY n DESC, v) FROM (` +
            `SELECT v, pg_catalog.count(*)::int4 AS n FROM (SELECT ${bytewise(c, p)} AS v FROM ${from} WHERE ${c} IS NOT NULL ORDER BY 1) AS o ` +
            `GROUP BY v ORDER BY n DESC, v LIMIT 10) AS f) AS f`,
    );
  }
  if (plan.histogram) {
    const w = `LEAST(pg_catalog.width_bucket(${c}::float8, a.hlo, a.hhi, ${HISTOGRAM_BUCKETS}), ${HISTOGRAM_BUCKETS})`;
    const counts = Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => `pg_catalog.count(*) FILTER (WHERE ${w} = ${i + 1})`);
    out.push('a.hlo', 'a.hhi');
    out.push(
      `CASE WHEN a.hhi > a.hlo THEN (SELECT pg_catalog.jsonb_build_array(${counts.join(', ')}) FROM ${from} WHERE ${c} IS NOT NULL) END AS hc`,
    );
  }
  return `SELECT ${out.join(',\n       ')}\n  FROM (SELECT ${aggs.join(', ')} FROM ${from}) AS a`;
}

/** Up to field_sample_values_limit non-null values per column (`s_i`, text[]); null when none is asked for. */
export function samplesSql(from: string, columns: ProfiledColumn[], flags: ProfileFlags): string | null {
  if (!flags.include_field_sample_values || flags.field_sample_values_limit <= 0) return null;
  const parts: string[] = [];
  columns.forEach(({ column, kind }, i) => {
    if (kind === 'skip') return;
    const c = `t.${quoteIdent(column.name)}`;
    parts.push(`ARRAY(SELECT ${asText(c, kind)} FROM ${from} WHERE ${c} IS NOT NULL LIMIT ${Math.trunc(flags.field_sample_values_limit)}) AS s_${i}`);
  });
  return parts.length ? `SELECT ${parts.join(',\n       ')}` : null;
}
