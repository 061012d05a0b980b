// The SQL of the profiler: one SELECT of aggregates over every profiled column of a table (the scan),
// and one bounded SELECT of value frequencies and sample values. Every identifier goes through
// quoteIdent; the relation's oid and the numeric limits are bound parameters or validated integers.
import type { PostgresProfilingConfig } from './config.js';
import { quoteIdent, type PgColumn } from './introspect.js';

/** How a column is profiled. */
export type ColumnKind = 'numeric' | 'datetime' | 'boolean' | 'text' | 'skip';

export interface ProfiledColumn {
  column: PgColumn;
  kind: ColumnKind;
  /** Why a `skip` column is not profiled. */
  reason?: string;
}

/** DataHub's quantiles (GE profiler): 5%, 25%, 50%, 75%, 95%. */
export const QUANTILES = ['0.05', '0.25', '0.5', '0.75', '0.95'] as const;

const NUMERIC = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const DATETIME = new Set(['date', 'timestamp', 'timestamptz']);
const TEXTUAL = new Set(['text', 'varchar', 'bpchar', 'char', 'name', 'citext', 'uuid']);

export function columnKind(column: PgColumn): ProfiledColumn {
  const t = column.type;
  if (t.typcategory === 'A' || t.typname.startsWith('_')) return { column, kind: 'skip', reason: 'array column' };
  if (t.typname === 'json' || t.typname === 'jsonb') return { column, kind: 'skip', reason: 'JSON column' };
  if (t.typcategory === 'G' || ['geometry', 'geography', 'raster', 'box2d', 'box3d'].includes(t.typname)) {
    return { column, kind: 'skip', reason: 'geometric column' };
  }
  if (NUMERIC.has(t.typname)) return { column, kind: 'numeric' };
  if (DATETIME.has(t.typname)) return { column, kind: 'datetime' };
  if (t.typname === 'bool') return { column, kind: 'boolean' };
  if (TEXTUAL.has(t.typname) || t.typtype === 'e') return { column, kind: 'text' };
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

type Flags = Pick<
  PostgresProfilingConfig,
  | 'include_field_null_count' | 'include_field_distinct_count' | 'include_field_min_value' | 'include_field_max_value'
  | 'include_field_mean_value' | 'include_field_median_value' | 'include_field_stddev_value' | 'include_field_quantiles'
  | 'include_field_distinct_value_frequencies' | 'include_field_sample_values' | 'field_sample_values_limit'
>;

/** A value as text; dates and timestamps as ISO 8601 (to_jsonb prints them so). */
const asText = (expr: string, kind: ColumnKind) => (kind === 'datetime' ? `(pg_catalog.to_jsonb(${expr}) #>> '{}')` : `(${expr})::text`);

/**
 * The scan: `rc` (rows), `sz` (pg_total_relation_size of $1), and per column i `nn_i` (non-null),
 * `d_i`, `min_i`, `max_i`, `mean_i`, `sd_i`, `med_i`, `q_i` (text[]), `t_i` (booleans: trues).
 */
export function scanSql(from: string, columns: ProfiledColumn[], flags: Flags): string {
  const parts = ['pg_catalog.count(*)::text AS rc', 'pg_catalog.pg_total_relation_size($1::oid)::text AS sz'];
  const qs = `ARRAY[${QUANTILES.join(', ')}]::float8[]`;
  columns.forEach(({ column, kind }, i) => {
    const c = `t.${quoteIdent(column.name)}`;
    parts.push(`pg_catalog.count(${c})::text AS nn_${i}`);
    if (kind === 'skip') return;
    if (flags.include_field_distinct_count) parts.push(`pg_catalog.count(DISTINCT ${c})::text AS d_${i}`);
    if (kind === 'boolean') {
      parts.push(`pg_catalog.count(*) FILTER (WHERE ${c})::text AS t_${i}`);
      return;
    }
    if (kind === 'numeric' || kind === 'datetime') {
      if (flags.include_field_min_value) parts.push(`${asText(`pg_catalog.min(${c})`, kind)} AS min_${i}`);
      if (flags.include_field_max_value) parts.push(`${asText(`pg_catalog.max(${c})`, kind)} AS max_${i}`);
    }
    if (kind === 'numeric') {
      const f = `${c}::float8`;
      if (flags.include_field_mean_value) parts.push(`pg_catalog.avg(${f})::text AS mean_${i}`);
      if (flags.include_field_stddev_value) parts.push(`pg_catalog.stddev_samp(${f})::text AS sd_${i}`);
      if (flags.include_field_median_value) parts.push(`(percentile_cont(0.5) WITHIN GROUP (ORDER BY ${f}))::text AS med_${i}`);
      if (flags.include_field_quantiles) parts.push(`(percentile_cont(${qs}) WITHIN GROUP (ORDER BY ${f}))::text[] AS q_${i}`);
    }
    if (kind === 'datetime') {
      if (flags.include_field_median_value) parts.push(`${asText(`percentile_disc(0.5) WITHIN GROUP (ORDER BY ${c})`, kind)} AS med_${i}`);
      if (flags.include_field_quantiles) {
        parts.push(`ARRAY(SELECT pg_catalog.jsonb_array_elements_text(pg_catalog.to_jsonb(percentile_disc(${qs}) WITHIN GROUP (ORDER BY ${c})))) AS q_${i}`);
      }
    }
  });
  return `SELECT ${parts.join(',\n       ')}\n  FROM ${from}`;
}

/** Whether the bounded second query has anything to do for a column. */
export function wantsValues(kind: ColumnKind, flags: Flags): { freq: boolean; samples: boolean } {
  if (kind === 'skip') return { freq: false, samples: false };
  return {
    freq: flags.include_field_distinct_value_frequencies,
    samples: flags.include_field_sample_values && flags.field_sample_values_limit > 0,
  };
}

/**
 * The bounded query: per column i, `f_i` = the 10 most frequent non-null values with their counts
 * (jsonb [[value, count], ...]), `s_i` = up to field_sample_values_limit non-null values (text[]).
 * Null when nothing is asked for.
 */
export function valuesSql(from: string, columns: ProfiledColumn[], flags: Flags): string | null {
  const parts: string[] = [];
  columns.forEach(({ column, kind }, i) => {
    const want = wantsValues(kind, flags);
    const c = `t.${quoteIdent(column.name)}`;
    if (want.freq && kind !== 'boolean') {
      parts.push(
        `(SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_array(v, n) ORDER BY n DESC, v) FROM (` +
          `SELECT ${asText(c, kind)} AS v, pg_catalog.count(*) AS n FROM ${from} WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY n DESC, ${c} LIMIT 10) AS f) AS f_${i}`,
      );
    }
    if (want.samples) {
      parts.push(`ARRAY(SELECT ${asText(c, kind)} FROM ${from} WHERE ${c} IS NOT NULL LIMIT ${Math.trunc(flags.field_sample_values_limit)}) AS s_${i}`);
    }
  });
  return parts.length ? `SELECT ${parts.join(',\n       ')}` : null;
}
