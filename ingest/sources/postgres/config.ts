// PostgresSourceConfig: DataHub's `postgres` recipe keys (PostgresConfig <- BasicSQLAlchemyConfig,
// GEProfilingConfig), strict, with DataHub's defaults. Keys DataHub accepts that this source does not
// act on yet are accepted so existing recipes load; the source says so in its report when they ask
// for something (see `unimplementedRequests`).
import { z } from 'zod';
import { envSchema, looseBoolean, platformInstanceSchema, secretString } from '../../api/config.js';
import { allowDenyPatternSchema } from '../../common/pattern.js';
import { fieldStatisticsShape } from '../../common/profiling/statistics.js';
import { statefulIngestionSchema } from '../../common/stateful.js';

const pattern = (description: string, deny: string[] = []) =>
  allowDenyPatternSchema.default({ allow: ['.*'], deny, ignoreCase: true }).describe(description);

const INCLUDE_FIELD_KEYS = [
  'include_field_null_count',
  'include_field_distinct_count',
  'include_field_min_value',
  'include_field_max_value',
  'include_field_mean_value',
  'include_field_median_value',
  'include_field_stddev_value',
  'include_field_quantiles',
  'include_field_distinct_value_frequencies',
  'include_field_histogram',
  'include_field_sample_values',
] as const;

const profilingObject = z.strictObject({
  enabled: looseBoolean(false).describe('Profile tables: row and column counts, size, and per column null/distinct counts, min/max/mean/median/stddev/quantiles, top values and samples, pushed into SQL'),
  method: z.enum(['sqlalchemy', 'ge']).default('sqlalchemy').describe('Profiler implementation (DataHub: sqlalchemy or legacy ge)'),
  operation_config: z
    .strictObject({
      lower_freq_profile_enabled: looseBoolean(false).describe('Profile only on the days given below'),
      profile_day_of_week: z.number().int().min(0).max(6).nullable().default(null).describe('Day of week to profile on (0 = Monday)'),
      profile_date_of_month: z.number().int().min(1).max(31).nullable().default(null).describe('Day of month to profile on'),
    })
    .default({ lower_freq_profile_enabled: false, profile_day_of_week: null, profile_date_of_month: null })
    .describe('When to profile (lower-frequency profiling)'),
  limit: z.number().int().min(0).nullable().default(null).describe('Profile at most this many rows per table'),
  offset: z.number().int().min(0).nullable().default(null).describe('Skip this many rows before profiling'),
  ...fieldStatisticsShape,
  include_field_histogram: looseBoolean(false).describe('Column histogram'),
  include_field_sample_values: looseBoolean(true).describe('Sample values of each column'),
  field_sample_values_limit: z.number().int().min(0).default(20).describe('How many sample values to keep'),
  max_workers: z.number().int().min(1).nullable().default(null).describe('Profiling connections, each running one statement at a time; the statements of one table are spread over them (DataHub default: 5 x CPU count)'),
  query_timeout_seconds: z.number().int().min(1).max(2_147_483).nullable().default(null).describe('Cancel any profiling statement that runs longer (statement_timeout); its table is reported and not profiled'),
  table_timeout_seconds: z.number().int().min(1).max(2_147_483).nullable().default(null).describe('Give up on a table whose profiling takes longer than this (its statements get the time left); reported, the other tables go on'),
  turn_off_expensive_profiling_metrics: looseBoolean(false).describe(
    'Turn off quantiles, value frequencies, histograms and sample values, and profile at most 10 fields, unless set explicitly',
  ),
  max_number_of_fields_to_profile: z.number().int().min(1).nullable().default(null).describe('Profile at most this many columns per table'),
  report_dropped_profiles: looseBoolean(false).describe('List the tables dropped from profiling in the report'),
  profile_table_row_count_estimate_only: looseBoolean(false).describe('Row count from pg_class.reltuples instead of COUNT(*)'),
  query_combiner_enabled: looseBoolean(true).describe('Combine profiling queries'),
  catch_exceptions: looseBoolean(true).describe('Report profiling errors instead of failing the run'),
  profile_nested_fields: looseBoolean(false).describe('Profile nested fields'),
  nested_field_max_depth: z.number().int().min(0).default(10).describe('Depth limit for nested fields'),
  tags_to_ignore_sampling: z.array(z.string()).nullable().default(null).describe('Tags of columns whose sample values are not collected'),
  profile_if_updated_since_days: z.number().positive().nullable().default(null).describe('Profile only tables updated within this many days'),
  profile_table_size_limit: z.number().int().nullable().default(5).describe('Skip tables larger than this many GB'),
  profile_table_row_limit: z.number().int().nullable().default(5_000_000).describe('Skip tables with more rows than this'),
  partition_profiling_enabled: looseBoolean(true).describe('Profile the latest partition of partitioned tables'),
  partition_datetime: z.string().nullable().default(null).describe('Partition to profile (a datetime)'),
  use_sampling: looseBoolean(true).describe('Profile a sample of large tables'),
  sample_size: z.number().int().min(1).default(10_000).describe('Rows in a profiling sample'),
  profile_external_tables: looseBoolean(false).describe('Profile external tables'),
});

/**
 * DataHub's GEProfilingConfig validators, applied to what the user wrote: `profile_table_level_only`
 * turns every column statistic off (and asking for one as well is an error);
 * `turn_off_expensive_profiling_metrics` turns off the expensive ones not set explicitly.
 */
const profilingSchema = z
  .preprocess((raw, ctx) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
    const given = { ...(raw as Record<string, unknown>) };
    const isTrue = (v: unknown) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
    if (isTrue(given.profile_table_level_only)) {
      const on = INCLUDE_FIELD_KEYS.filter((k) => isTrue(given[k]));
      if (on.length) {
        ctx.issues.push({
          code: 'custom',
          input: raw,
          path: [on[0]!],
          message: `cannot be true when profile_table_level_only is true (also set: ${on.join(', ')})`,
        });
      }
      for (const k of INCLUDE_FIELD_KEYS) given[k] = false;
    }
    if (isTrue(given.turn_off_expensive_profiling_metrics)) {
      for (const k of ['include_field_quantiles', 'include_field_distinct_value_frequencies', 'include_field_histogram', 'include_field_sample_values']) {
        given[k] ??= false;
      }
      given.max_number_of_fields_to_profile ??= 10;
    }
    return given;
  }, profilingObject)
  .default(() => profilingObject.parse({}))
  .describe('Profiling (DataHub GEProfilingConfig keys); one datasetProfile per table per run');

export type PostgresProfilingConfig = z.infer<typeof profilingObject>;

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

export const postgresSourceConfigSchema = z.strictObject({
  host_port: z.string().min(1).describe('host:port of the PostgreSQL server (port defaults to 5432)'),
  database: z.string().min(1).nullable().default(null).describe('Database to ingest; null ingests every database allowed by database_pattern'),
  initial_database: z.string().default('postgres').describe('Database to connect to for listing databases when `database` is not set'),
  username: z.string().nullable().default(null).describe('User name'),
  password: secretString().nullable().default(null).meta({ secret: true, description: 'Password' }),
  sqlalchemy_uri: secretString()
    .nullable()
    .default(null)
    .meta({
      secret: true,
      description: 'Connection URI (postgresql[+driver]://user:pass@host:port/db?sslmode=...); overrides host_port, database, username, password',
    }),
  scheme: z.string().default('postgresql+psycopg2').describe('SQLAlchemy scheme (accepted for DataHub compatibility; only postgresql is spoken)'),
  auth_mode: z.enum(['PASSWORD', 'AWS_IAM']).default('PASSWORD').describe('PASSWORD; AWS_IAM (RDS IAM tokens) is not supported yet'),
  sslmode: z.enum(SSL_MODES).nullable().default(null).describe('libpq sslmode; also read from options.connect_args.sslmode'),
  sslrootcert: z.string().nullable().default(null).describe('CA certificate file for verify-ca / verify-full'),
  options: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('DataHub passes these to create_engine; here connect_args.{sslmode, sslrootcert, connect_timeout, application_name} are used'),
  env: envSchema,
  platform_instance: platformInstanceSchema,
  database_pattern: pattern('Databases to ingest when `database` is not set'),
  schema_pattern: pattern('Schemas to ingest', ['information_schema', 'pg_catalog']),
  table_pattern: pattern('Tables to ingest, matched against "database.schema.table"'),
  view_pattern: pattern('Views and materialized views to ingest, matched against "database.schema.view"'),
  include_tables: looseBoolean(true).describe('Ingest tables'),
  include_views: looseBoolean(true).describe('Ingest views and materialized views'),
  include_view_lineage: looseBoolean(true).describe('Table-level lineage of views, parsed from their definitions'),
  include_view_column_lineage: looseBoolean(true).describe('Column-level lineage of views (fineGrainedLineages)'),
  include_table_location_lineage: looseBoolean(true).describe('Accepted for DataHub compatibility; PostgreSQL tables have no location'),
  include_stored_procedures: looseBoolean(true).describe('Stored procedures as data jobs (not implemented yet)'),
  procedure_pattern: pattern('Stored procedures to ingest, matched against "database.schema.procedure"'),
  include_query_lineage: looseBoolean(false).describe('Lineage from pg_stat_statements (not implemented yet)'),
  max_queries_to_extract: z.number().int().min(1).max(10_000).default(1000).describe('Queries to read from pg_stat_statements'),
  min_query_calls: z.number().int().min(0).default(1).describe('Minimum executions of a query to use it'),
  query_exclude_patterns: z.array(z.string().max(500)).max(100).nullable().default(null).describe('SQL LIKE patterns of queries to skip'),
  include_usage_statistics: looseBoolean(false).describe('Usage statistics from query history (not implemented yet)'),
  incremental_lineage: looseBoolean(false).describe('Emit lineage as patches (not implemented yet)'),
  convert_urns_to_lowercase: looseBoolean(false).describe('Lower-case dataset names in URNs'),
  domain: z.record(z.string(), allowDenyPatternSchema).default({}).describe('Domain URN -> pattern of "database.schema.table" names (not implemented yet)'),
  profile_pattern: pattern('Tables (or "database.schema.table.column") to profile'),
  use_file_backed_cache: looseBoolean(true).describe('Accepted for DataHub compatibility; no effect'),
  classification: z.record(z.string(), z.unknown()).nullable().default(null).describe('Column classification (not implemented yet)'),
  stateful_ingestion: statefulIngestionSchema,
  profiling: profilingSchema,
});

export type PostgresSourceConfig = z.infer<typeof postgresSourceConfigSchema>;

/** What the recipe asks for that this source does not do yet: one line each, for the report. */
export function unimplementedRequests(config: PostgresSourceConfig): string[] {
  const out: string[] = [];
  const p = config.profiling;
  if (p.enabled && p.profile_if_updated_since_days !== null) out.push('profiling.profile_if_updated_since_days: PostgreSQL keeps no modification time; every table is profiled');
  if (p.enabled && p.method === 'ge') out.push('profiling.method ge: the SQL profiler is used');
  if (config.include_query_lineage) out.push('include_query_lineage: lineage from pg_stat_statements is not implemented yet');
  if (config.include_usage_statistics) out.push('include_usage_statistics: usage statistics are not implemented yet');
  if (config.incremental_lineage) out.push('incremental_lineage: lineage is emitted as full upstreamLineage aspects');
  if (Object.keys(config.domain).length) out.push('domain: domain assignment is not implemented yet in this source');
  if (config.classification && config.classification.enabled === true) out.push('classification: not implemented yet');
  return out;
}
