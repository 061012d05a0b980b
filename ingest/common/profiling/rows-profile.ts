// A datasetProfile from rows held in memory (files read directly: Parquet of Hudi tables, S3
// folders), with the statistics the postgres profiler computes in SQL and the same definitions:
// null count/proportion, distinct count/proportion (of non-null values), min, max, mean, sample
// standard deviation, median and quantiles (continuous percentiles for numbers, discrete for
// dates), the 10 most frequent values, sample values. Booleans get true/false frequencies.
import { z } from 'zod';
import type { AspectValue } from '../../../model/mcp.js';
import { looseBoolean } from '../../api/config.js';
import { fieldStatisticsShape, interpolate, QUANTILES } from './statistics.js';

export const rowsProfilingSchema = z
  .strictObject({
    enabled: looseBoolean(false).describe('Profile the data: row and column counts, size, and per column null/distinct counts, min/max/mean/median/stddev/quantiles, top values and samples'),
    ...fieldStatisticsShape,
    include_field_sample_values: looseBoolean(true).describe('Sample values of each column'),
    field_sample_values_limit: z.number().int().min(0).default(20).describe('How many sample values to keep'),
    max_number_of_fields_to_profile: z.number().int().min(1).nullable().default(null).describe('Profile at most this many columns per table'),
    profile_table_row_limit: z.number().int().nullable().default(5_000_000).describe('Skip tables with more rows than this (counted from the files read)'),
    profile_table_size_limit: z.number().int().nullable().default(5).describe('Skip tables whose data files to read are larger than this many GB'),
  })
  .default({
    enabled: false, profile_table_level_only: false, include_field_null_count: true, include_field_distinct_count: true,
    include_field_min_value: true, include_field_max_value: true, include_field_mean_value: true, include_field_median_value: true,
    include_field_stddev_value: true, include_field_quantiles: false, include_field_distinct_value_frequencies: false,
    include_field_sample_values: true, field_sample_values_limit: 20, max_number_of_fields_to_profile: null,
    profile_table_row_limit: 5_000_000, profile_table_size_limit: 5,
  })
  .describe('Profiling (DataHub GEProfilingConfig keys), computed from the data files read directly');

export type RowsProfilingConfig = z.infer<typeof rowsProfilingSchema>;

type Kind = 'numeric' | 'datetime' | 'boolean' | 'text' | 'skip';

function kindOf(values: unknown[]): Kind {
  let kind: Kind | null = null;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const k: Kind = typeof v === 'number' || typeof v === 'bigint' ? 'numeric' : typeof v === 'boolean' ? 'boolean' : v instanceof Date ? 'datetime' : typeof v === 'string' ? 'text' : 'skip';
    if (kind === null) kind = k;
    else if (kind !== k) return 'skip';
  }
  return kind ?? 'text';
}

const text = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/** PostgreSQL's percentile_cont over sorted numbers. */
function percentileCont(sorted: number[], q: number): number {
  const pos = q * (sorted.length - 1);
  return interpolate(q, sorted.length, sorted[Math.floor(pos)]!, sorted[Math.ceil(pos)]!);
}

/** PostgreSQL's percentile_disc: the first value whose cumulative share reaches q. */
function percentileDisc<T>(sorted: T[], q: number): T {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

/** Numbers print as PostgreSQL prints float8 text (shortest round-trip form). */
const num = (n: number) => String(n);

export function fieldProfile(name: string, values: unknown[], c: RowsProfilingConfig): AspectValue {
  const out: AspectValue = { fieldPath: name };
  const rows = values.length;
  const present = values.filter((v) => v !== null && v !== undefined);
  const nonNull = present.length;
  if (c.include_field_null_count) {
    out.nullCount = rows - nonNull;
    if (rows > 0) out.nullProportion = (rows - nonNull) / rows;
  }
  const kind = kindOf(present);
  if (kind === 'skip') return out;
  const keys = present.map((v) => (v instanceof Date ? v.getTime() : typeof v === 'bigint' ? v.toString() : v));
  if (c.include_field_distinct_count) {
    const distinct = new Set(keys).size;
    out.uniqueCount = distinct;
    if (nonNull > 0) out.uniqueProportion = distinct / nonNull;
  }
  if (kind === 'boolean') {
    if (c.include_field_distinct_value_frequencies) {
      const trues = present.filter((v) => v === true).length;
      out.distinctValueFrequencies = [
        { value: 'true', frequency: trues },
        { value: 'false', frequency: nonNull - trues },
      ].filter((f) => f.frequency > 0).sort((a, b) => b.frequency - a.frequency);
    }
  } else if (nonNull > 0 && (kind === 'numeric' || kind === 'datetime')) {
    if (kind === 'numeric') {
      const nums = present.map(Number).sort((a, b) => a - b);
      if (c.include_field_min_value) out.min = text(present.reduce((a, b) => (Number(b) < Number(a) ? b : a)));
      if (c.include_field_max_value) out.max = text(present.reduce((a, b) => (Number(b) > Number(a) ? b : a)));
      const mean = nums.reduce((a, b) => a + b, 0) / nonNull;
      if (c.include_field_mean_value) out.mean = num(mean);
      if (c.include_field_stddev_value && nonNull > 1) out.stdev = num(Math.sqrt(nums.reduce((a, b) => a + (b - mean) ** 2, 0) / (nonNull - 1)));
      if (c.include_field_median_value) out.median = num(percentileCont(nums, 0.5));
      if (c.include_field_quantiles) out.quantiles = QUANTILES.map((q) => ({ quantile: q, value: num(percentileCont(nums, Number(q))) }));
    } else {
      const dates = (present as Date[]).slice().sort((a, b) => a.getTime() - b.getTime());
      if (c.include_field_min_value) out.min = text(dates[0]);
      if (c.include_field_max_value) out.max = text(dates[dates.length - 1]);
      if (c.include_field_median_value) out.median = text(percentileDisc(dates, 0.5));
      if (c.include_field_quantiles) out.quantiles = QUANTILES.map((q) => ({ quantile: q, value: text(percentileDisc(dates, Number(q))) }));
    }
  }
  if (kind !== 'boolean' && c.include_field_distinct_value_frequencies) {
    const counts = new Map<string, number>();
    for (const v of present) counts.set(text(v), (counts.get(text(v)) ?? 0) + 1);
    out.distinctValueFrequencies = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, 10)
      .map(([value, frequency]) => ({ value, frequency }));
  }
  if (c.include_field_sample_values && c.field_sample_values_limit > 0) out.sampleValues = present.slice(0, c.field_sample_values_limit).map(text);
  return out;
}

/** The datasetProfile of rows (objects keyed by column), over the given columns in order. */
export function profileRows(rows: Record<string, unknown>[], columns: string[], c: RowsProfilingConfig, extra: { timestampMillis: number; sizeInBytes?: number; partition?: string }): AspectValue {
  const aspect: AspectValue = {
    timestampMillis: extra.timestampMillis,
    partitionSpec: extra.partition ? { partition: extra.partition, type: 'PARTITION' } : { partition: 'FULL_TABLE_SNAPSHOT', type: 'FULL_TABLE' },
    rowCount: rows.length,
    columnCount: columns.length,
  };
  if (extra.sizeInBytes !== undefined) aspect.sizeInBytes = extra.sizeInBytes;
  if (!c.profile_table_level_only) {
    const profiled = c.max_number_of_fields_to_profile !== null ? columns.slice(0, c.max_number_of_fields_to_profile) : columns;
    aspect.fieldProfiles = profiled.map((name) => fieldProfile(name, rows.map((r) => r[name]), c));
  }
  return aspect;
}
