// Lineage of a Hudi table, read from the table itself:
//   upstream   the DeltaStreamer checkpoint in the latest commit that has one
//              (`deltastreamer.checkpoint.key`, 1.x `streamer.checkpoint.key.v2`): a Kafka source
//              writes `topic,partition:offset,...` -> the kafka topic; a checkpoint that is a path,
//              or `hoodie.deltastreamer.source.dfs.root` / `hoodie.streamer.source.dfs.root` in
//              the commit metadata -> the s3 folder (or a local folder on the `file` platform);
//   downstream the metastore tables the table is synced to: hoodie.datasource.hive_sync.database
//              / .table (commit metadata or hoodie.properties), else hoodie.database.name + the
//              table name; a Merge-on-Read table is synced as `<t>_ro` and `<t>_rt`, unless
//              hoodie.datasource.hive_sync.skip_ro_suffix. Those get an upstreamLineage from the
//              Hudi dataset (the same aspect the glue source writes for them).
// URNs come from the owning platforms' rules (ingest/common/naming/lake.ts).
import { datasetUrn } from '../../../model/urn.js';
import { glueDatasetUrn, isS3Uri, kafkaDatasetUrn, s3DatasetUrn } from '../../common/naming/lake.js';
import type { HudiTable } from './table.js';

export const CHECKPOINT_KEYS = ['streamer.checkpoint.key.v2', 'deltastreamer.checkpoint.key'];
const DFS_ROOT_KEYS = ['hoodie.streamer.source.dfs.root', 'hoodie.deltastreamer.source.dfs.root'];

export interface HudiLineage {
  /** Upstream dataset URNs and where each was read from. */
  upstreams: Array<{ urn: string; from: string; instant: string }>;
  /** The synced metastore tables (downstream). */
  synced: string[];
}

const KAFKA_CHECKPOINT = /^([^,:\s]+)((?:,\d+:\d+)+)$/;

/** `topic,0:123,1:456` -> the topic; null when the checkpoint is not a Kafka one. */
export function kafkaTopicOfCheckpoint(checkpoint: string): string | null {
  const m = KAFKA_CHECKPOINT.exec(checkpoint.trim());
  return m ? m[1]! : null;
}

/**
 * A DFS source folder as the S3 sink that wrote it names it: Kafka Connect's S3 sink writes
 * `<topics.dir>/<topic>/partition=<n>/` and names the topic's folder (docs/NAMING.md), while a
 * DeltaStreamer reads one partition folder (`.../topics/moma.public.artists/partition=0/` in the
 * seeds); the `partition=<n>` tail is dropped so the two meet on one s3 dataset.
 */
export function dfsSourceFolder(p: string): string {
  return p.replace(/\/+$/, '').replace(/\/partition=\d+$/, '');
}

function pathUrn(p: string, env: string): string | null {
  p = dfsSourceFolder(p);
  if (isS3Uri(p)) return s3DatasetUrn(p, { env });
  if (/^(file:\/\/)?\//.test(p)) return datasetUrn('file', p.replace(/^file:\/\//, '').replace(/\/+$/, ''), env);
  return null;
}

export function hudiLineage(table: HudiTable, opts: { env: string; syncedPlatform: 'glue' | 'hive'; syncedPlatformInstance: string | null }): HudiLineage {
  const upstreams: HudiLineage['upstreams'] = [];
  const latest = [...table.commits].reverse().find((c) => c.metadata && (CHECKPOINT_KEYS.some((k) => c.metadata!.extraMetadata[k]) || DFS_ROOT_KEYS.some((k) => c.metadata!.extraMetadata[k])));
  if (latest) {
    const extra = latest.metadata!.extraMetadata;
    const instant = latest.instant.requestedTime;
    for (const key of CHECKPOINT_KEYS) {
      const v = extra[key];
      if (!v) continue;
      const topic = kafkaTopicOfCheckpoint(v);
      const urn = topic ? kafkaDatasetUrn(topic, { env: opts.env }) : pathUrn(v, opts.env);
      if (urn) upstreams.push({ urn, from: key, instant });
      break;
    }
    for (const key of DFS_ROOT_KEYS) {
      const urn = extra[key] ? pathUrn(extra[key]!, opts.env) : null;
      if (urn && !upstreams.some((u) => u.urn === urn)) upstreams.push({ urn, from: key, instant });
    }
  }

  const lastExtra = [...table.commits].reverse().find((c) => c.metadata)?.metadata?.extraMetadata ?? {};
  const prop = (k: string) => lastExtra[k] ?? table.properties.raw[k] ?? null;
  const database = prop('hoodie.datasource.hive_sync.database') ?? table.properties.databaseName;
  const name = prop('hoodie.datasource.hive_sync.table') ?? table.properties.name;
  const synced: string[] = [];
  if (database && name) {
    const mor = table.properties.tableType === 'MERGE_ON_READ';
    const skipRo = (prop('hoodie.datasource.hive_sync.skip_ro_suffix') ?? '').toLowerCase() === 'true';
    const names = mor ? [skipRo ? name : `${name}_ro`, `${name}_rt`] : [name];
    for (const n of names) {
      synced.push(
        opts.syncedPlatform === 'glue'
          ? glueDatasetUrn(database, n, { env: opts.env, platformInstance: opts.syncedPlatformInstance })
          : datasetUrn('hive', `${database}.${n}`.toLowerCase(), opts.env, opts.syncedPlatformInstance),
      );
    }
  }
  return { upstreams, synced };
}
