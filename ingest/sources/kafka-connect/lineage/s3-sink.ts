// Confluent's S3 sink (`io.confluent.connect.s3.S3SinkConnector`): each topic it reads goes to
// `s3://<s3.bucket.name>/<topics.dir>/<topic>/partition=N/...` (DefaultPartitioner; `topics.dir`
// defaults to `topics`). The dataset is the topic's folder, named by the s3 rule: `bucket/topics/<topic>`.
import { s3PathName } from '../../../common/naming/s3.js';
import type { ConnectorManifest } from '../client.js';
import { parseTransforms, topicRouting } from '../transforms.js';
import { sinkTopics } from './sink-topics.js';
import { kafkaTopic, type ConnectorLineage, type LineageContext } from './types.js';

export const S3_SINK_CLASS = 'io.confluent.connect.s3.S3SinkConnector';

export function s3SinkLineage(connector: ConnectorManifest, ctx: LineageContext): ConnectorLineage {
  const config = connector.config;
  const bucket = config['s3.bucket.name'];
  const flowProperties: Record<string, string> = {};
  for (const key of ['format.class', 'partitioner.class', 's3.region', 'flush.size', 'storage.class']) {
    if (config[key]) flowProperties[key] = config[key];
  }
  if (!bucket) {
    ctx.warning('No bucket', 's3.bucket.name is not set; the S3 paths cannot be named');
    return { lineages: [], flowProperties };
  }
  const topicsDir = config['topics.dir'] ?? 'topics';
  // A sink's transforms run before the write, so a routed record lands in its new topic's folder.
  const routing = topicRouting(parseTransforms(config));
  for (const u of routing.unpredictable) ctx.warning('Topic routing not followed', u);
  const lineages = sinkTopics(connector, ctx).map((topic) => ({
    source: kafkaTopic(topic),
    target: { platform: 's3', name: s3PathName(`${bucket}/${topicsDir}/${routing.route(topic)}`) },
    properties: config['format.class'] ? { 'format.class': config['format.class'] } : undefined,
  }));
  return { lineages, flowProperties };
}
