// What every profiler shares, whether it computes in SQL (postgres) or over rows read from files
// (hudi, glue): DataHub's column-statistic switches (GEProfilingConfig keys, one description
// each) and the definitions of the figures behind them.
import { looseBoolean } from '../../api/config.js';

/** DataHub's quantiles (GE profiler): 5%, 25%, 50%, 75%, 95%. */
export const QUANTILES = ['0.05', '0.25', '0.5', '0.75', '0.95'] as const;

/** The column-statistic keys every profiler takes, with DataHub's defaults. */
export const fieldStatisticsShape = {
  profile_table_level_only: looseBoolean(false).describe('Only row count, column count and size; no column statistics'),
  include_field_null_count: looseBoolean(true).describe('Column null counts and proportions'),
  include_field_distinct_count: looseBoolean(true).describe('Column distinct counts and proportions'),
  include_field_min_value: looseBoolean(true).describe('Column minimum'),
  include_field_max_value: looseBoolean(true).describe('Column maximum'),
  include_field_mean_value: looseBoolean(true).describe('Column mean'),
  include_field_median_value: looseBoolean(true).describe('Column median'),
  include_field_stddev_value: looseBoolean(true).describe('Column standard deviation'),
  include_field_quantiles: looseBoolean(false).describe('Column quantiles (5, 25, 50, 75, 95 %)'),
  include_field_distinct_value_frequencies: looseBoolean(false).describe('The 10 most frequent values'),
};

/**
 * PostgreSQL's percentile_cont in float8: at position q*(n-1) of the n sorted values, between the
 * values `lo` and `hi` at its floor and ceiling.
 */
export function interpolate(q: number, n: number, lo: number, hi: number): number {
  const pos = q * (n - 1);
  return lo + (pos - Math.floor(pos)) * (hi - lo);
}
