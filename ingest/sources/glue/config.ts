// GlueSourceConfig: DataHub's `glue` recipe keys (GlueSourceConfig <- AwsSourceConfig), strict.
// Keys DataHub has that this source does not act on are accepted with their defaults so DataHub
// recipes load; the source reports when a recipe asks for one of them (see `unimplementedKeys`).
import { z } from 'zod';
import { envSchema, looseBoolean, platformInstanceSchema } from '../../api/config.js';
import { awsConnectionFields } from '../../common/aws.js';
import { allowDenyPatternSchema } from '../../common/pattern.js';
import { rowsProfilingSchema } from '../../common/profiling/rows-profile.js';
import { statefulIngestionSchema } from '../../common/stateful.js';

const pattern = (description: string) => allowDenyPatternSchema.default({ allow: ['.*'], deny: [], ignoreCase: true }).describe(description);

export const glueSourceConfigSchema = z.strictObject({
  ...awsConnectionFields,
  aws_retry_mode: z.enum(['legacy', 'standard', 'adaptive']).default('standard').describe('Retry mode of the AWS SDK'),
  read_timeout: z.number().positive().default(60).describe('Seconds to wait for an AWS response'),
  aws_proxy: z.record(z.string(), z.string()).nullable().default(null).describe('Proxies by scheme (not supported here: use HTTPS_PROXY)'),
  platform: z.enum(['glue', 'athena']).default('glue').describe('Platform of the dataset URNs (glue or athena)'),
  catalog_id: z.string().nullable().default(null).describe("AWS account id of the Data Catalog (default: the caller's)"),
  database_pattern: pattern('Databases to ingest (matched against the database name)'),
  table_pattern: pattern('Tables to ingest (matched against `database.table`)'),
  extract_transforms: looseBoolean(true).describe('Glue jobs as data flows / data jobs, with inputs and outputs read from the job definition'),
  extract_owners: looseBoolean(true).describe('Table Owner as a DATAOWNER owner'),
  max_recent_partitions: z.number().int().min(0).default(10).describe('List this many of the most recently created partitions in the table properties'),
  hudi_dataset_name: z
    .enum(['base_path', 'database_table'])
    .default('base_path')
    .describe('How the hudi source of the same catalog names Hudi tables (its `dataset_name`), so Glue tables over Hudi link to that dataset'),
  hudi_platform_instance: z.string().nullable().default(null).describe('platform_instance of the hudi source, for the same link'),
  emit_storage_lineage: looseBoolean(false).describe('Lineage between each table and its S3 location'),
  glue_storage_lineage_direction: z.enum(['upstream', 'downstream']).default('upstream').describe('Direction of the storage lineage'),
  include_column_lineage: looseBoolean(true).describe('Column lineage (accepted for DataHub recipes)'),
  include_view_lineage: looseBoolean(true).describe('View lineage from VIRTUAL_VIEW SQL (accepted for DataHub recipes)'),
  ignore_unsupported_connectors: looseBoolean(true).describe('Skip job nodes with connectors this source cannot name'),
  ignore_resource_links: looseBoolean(false).describe('Skip resource-link databases and tables'),
  use_s3_bucket_tags: looseBoolean(false).describe('S3 bucket tags as tags (not supported here)'),
  use_s3_object_tags: looseBoolean(false).describe('S3 object tags as tags (not supported here)'),
  extract_lakeformation_tags: looseBoolean(false).describe('Lake Formation tags (not supported here)'),
  profiling: rowsProfilingSchema.describe(
    'Profiling of Parquet tables by reading their S3 files (statistics as the postgres profiler); DataHub reads them from table parameters instead',
  ),
  profile_pattern: pattern('Tables to profile (matched against `database.table`)'),
  env: envSchema,
  platform_instance: platformInstanceSchema,
  stateful_ingestion: statefulIngestionSchema,
});

export type GlueSourceConfig = z.infer<typeof glueSourceConfigSchema>;

/** Keys accepted for DataHub recipes whose non-default values this source does not act on. */
export function unimplementedKeys(c: GlueSourceConfig): string[] {
  const out: string[] = [];
  if (c.aws_proxy) out.push('aws_proxy');
  if (c.use_s3_bucket_tags) out.push('use_s3_bucket_tags');
  if (c.use_s3_object_tags) out.push('use_s3_object_tags');
  if (c.extract_lakeformation_tags) out.push('extract_lakeformation_tags');
  return out;
}
