// The naming rules of the lake's platforms (docs/NAMING.md) as the lake's sources call them, so
// that every source that points at a Hudi table, an S3 path, a Glue table or a Kafka topic builds
// the same URN the owning source builds: the hudi source for its tables, the glue source for the
// Hudi tables under its `_ro`/`_rt` views, Hudi checkpoints for the Kafka topics and S3 folders
// they read. The s3 and kafka rules are the ones in s3.ts and kafka.ts (Kafka Connect uses them too).
import { datasetUrn } from '../../../model/urn.js';
import { kafkaTopicUrn } from './kafka.js';
import { s3DatasetUrn as s3Urn, s3PathName } from './s3.js';

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

/** s3: `s3://bucket/topics/t/partition=0/` -> `bucket/topics/t/partition=0` (the s3 rule of s3.ts). */
export function s3DatasetName(uri: string): string {
  return s3PathName(uri);
}

export function s3DatasetUrn(uri: string, n: PlatformNaming): string {
  return s3Urn(uri, n.env, n.platformInstance ?? null);
}

export function isS3Uri(uri: string): boolean {
  return /^s3[an]?:\/\//.test(uri);
}

/** glue: `database.table`, as Glue stores them (lower case). */
export function glueDatasetUrn(database: string, table: string, n: PlatformNaming): string {
  return datasetUrn('glue', `${database}.${table}`.toLowerCase(), n.env, n.platformInstance ?? null);
}

/** kafka: the topic name (the kafka rule of kafka.ts). */
export function kafkaDatasetUrn(topic: string, n: PlatformNaming): string {
  return kafkaTopicUrn(topic, n.env, n.platformInstance ?? null);
}
