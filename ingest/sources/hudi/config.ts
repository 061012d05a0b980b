// HudiSourceConfig: where the tables are (base paths and/or a root to discover them under),
// which to take, and how to name them. Keys in DataHub's style (snake_case, AllowDenyPattern,
// env, platform_instance, stateful_ingestion). DataHub has no Hudi source to copy keys from.
import { z } from 'zod';
import { envSchema, looseBoolean, platformInstanceSchema } from '../../api/config.js';
import { awsConnectionSchema } from '../../common/aws.js';
import { allowDenyPatternSchema } from '../../common/pattern.js';
import { rowsProfilingSchema } from '../../common/profiling/rows-profile.js';
import { statefulIngestionSchema } from '../../common/stateful.js';

export const DATASET_NAME_RULES = ['base_path', 'database_table'] as const;

export const hudiSourceConfigSchema = z
  .strictObject({
    base_paths: z
      .array(z.string().min(1))
      .default([])
      .describe('Base paths of Hudi tables (the folder holding `.hoodie/`): local paths (relative ones resolved against the recipe) or s3:// URIs'),
    root: z
      .string()
      .min(1)
      .nullable()
      .default(null)
      .describe('Folder (local or s3://) to discover tables under: every folder holding a `.hoodie/` folder (not descending into a table)'),
    max_discovery_depth: z.number().int().min(0).max(64).default(10).describe('How many folder levels below `root` to search for tables'),
    table_pattern: allowDenyPatternSchema
      .default({ allow: ['.*'], deny: [], ignoreCase: true })
      .describe('Tables to ingest, matched against `database.table` (hoodie.database.name, when set) or the table name'),
    dataset_name: z
      .enum(DATASET_NAME_RULES)
      .default('base_path')
      .describe('Dataset name: `base_path` (the base path without scheme, docs/NAMING.md) or `database_table` (hoodie.database.name + table name, falling back to the base path)'),
    include_schema_history: looseBoolean(true).describe(
      'Emit the schema of every distinct commit schema on the timeline, oldest first, so the catalog keeps them as schema versions',
    ),
    include_partitions: looseBoolean(true).describe('List the partitions (folders holding the latest file slices) and count file groups'),
    max_partitions_listed: z.number().int().min(0).default(1000).describe('List at most this many partition paths in the properties (the count is always given)'),
    include_operations: looseBoolean(true).describe('Emit one `operation` (timeseries) per completed commit, deltacommit, compaction and replacecommit'),
    max_time_travel_points: z
      .number()
      .int()
      .min(0)
      .default(100)
      .describe('List at most this many of the latest completed instants as time-travel points in the properties'),
    aws_config: awsConnectionSchema
      .nullable()
      .default(null)
      .describe('AWS connection for s3:// paths (aws_region, keys, aws_profile, aws_role, aws_endpoint_url); default: the SDK credential chain'),
    synced_table_platform: z
      .enum(['glue', 'hive'])
      .default('glue')
      .describe('Platform of the metastore tables the Hudi table is synced to (hoodie.datasource.hive_sync.* / hoodie.database.name), for lineage from the Hudi dataset to them'),
    synced_table_platform_instance: z.string().nullable().default(null).describe('platform_instance of the source that ingests those metastore tables'),
    include_lineage: looseBoolean(true).describe(
      'Lineage from the DeltaStreamer checkpoint of the latest commit (Kafka topic or DFS source path) to the table, and from the table to its synced metastore tables',
    ),
    profiling: rowsProfilingSchema,
    env: envSchema,
    platform_instance: platformInstanceSchema,
    stateful_ingestion: statefulIngestionSchema,
  })
  .refine((c) => c.base_paths.length > 0 || c.root !== null, {
    message: 'give base_paths (a list of table folders) or root (a folder to discover tables under)',
    path: ['base_paths'],
  });

export type HudiSourceConfig = z.infer<typeof hudiSourceConfigSchema>;
