// The naming rules of the lake's platforms (docs/NAMING.md), in one place so that every source
// that points at a Hudi table, an S3 path, a Glue table or a Kafka topic builds the same URN the
// owning source builds: the hudi source for its tables, the glue source for the Hudi tables under
// its `_ro`/`_rt` views, Hudi checkpoints for the Kafka topics and S3 folders they read.
import { datasetUrn } from '../../model/urn.js';

export interface PlatformNaming {
  env: string;
  platformInstance?: string | null;
}

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/** hudi: `s3a://bucket/warehouse/t/` -> `bucket/warehouse/t`; `/data/t` -> `data/t`. */
export function hudiBasePathName(basePath: string): string {
  return basePath.replace(SCHEME, '').replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
}

export function hudiDatasetUrn(basePath: string, n: PlatformNaming): string {
  return datasetUrn('hudi', hudiBasePathName(basePath), n.env, n.platformInstance ?? null);
}

/** s3: `s3://bucket/topics/t/partition=0/` -> `bucket/topics/t/partition=0` (no scheme, no trailing slash). */
export function s3DatasetName(uri: string): string {
  return uri.replace(/^s3[an]?:\/\//, '').replace(/\/+$/, '');
}

export function s3DatasetUrn(uri: string, n: PlatformNaming): string {
  return datasetUrn('s3', s3DatasetName(uri), n.env, n.platformInstance ?? null);
}

export function isS3Uri(uri: string): boolean {
  return /^s3[an]?:\/\//.test(uri);
}

/** glue: `database.table`, as Glue stores them (lower case). */
export function glueDatasetUrn(database: string, table: string, n: PlatformNaming): string {
  return datasetUrn('glue', `${database}.${table}`.toLowerCase(), n.env, n.platformInstance ?? null);
}

/** kafka: the topic name. */
export function kafkaDatasetUrn(topic: string, n: PlatformNaming): string {
  return datasetUrn('kafka', topic, n.env, n.platformInstance ?? null);
}
