// Which extractor reads which connector, by connector class; `generic_connectors` from the recipe
// name the input of source connectors this source does not understand.
import type { ConnectorManifest } from '../client.js';
import type { KafkaConnectSourceConfig } from '../config.js';
import { DEBEZIUM_PREFIX, debeziumLineage } from './debezium.js';
import { JDBC_SINK_CLASSES, JDBC_SOURCE_CLASS, jdbcSinkLineage, jdbcSourceLineage } from './jdbc.js';
import { S3_SINK_CLASS, s3SinkLineage } from './s3-sink.js';
import { kafkaTopic, sqlTable, type ConnectorLineage, type DatasetRef, type LineageContext, type LineageExtractor } from './types.js';

export type { ConnectLineage, ConnectorLineage, DatasetRef, LineageContext } from './types.js';

const SQL_THREE_LEVEL = new Set(['postgres', 'mssql', 'redshift', 'snowflake', 'oracle', 'db2']);

export function extractorFor(connector: ConnectorManifest, config: KafkaConnectSourceConfig): LineageExtractor | null {
  const cls = connector.config['connector.class'] ?? '';
  const generic = config.generic_connectors.find((g) => g.connector_name === connector.name);
  if (generic) return (c, ctx) => genericLineage(c, ctx, generic.source_platform, generic.source_dataset);
  if (connector.type === 'source') {
    if (cls === JDBC_SOURCE_CLASS) return jdbcSourceLineage;
    if (cls.startsWith(DEBEZIUM_PREFIX)) return debeziumLineage;
  } else if (connector.type === 'sink') {
    if (cls === S3_SINK_CLASS) return s3SinkLineage;
    if (JDBC_SINK_CLASSES.includes(cls)) return jdbcSinkLineage;
  }
  return null;
}

/** The recipe's named input, to each of the connector's topics. */
function genericLineage(connector: ConnectorManifest, ctx: LineageContext, platform: string, dataset: string): ConnectorLineage {
  if (ctx.ownTopics.length === 0) ctx.warning('No topics', 'generic connector has no active topics (or the topics API is off); its lineage needs them');
  const parts = dataset.split('.');
  const source: DatasetRef =
    SQL_THREE_LEVEL.has(platform) && parts.length === 3 ? sqlTable(platform, parts[0]!, parts[1]!, parts[2]!) : { platform, name: dataset };
  return { lineages: ctx.ownTopics.map((topic) => ({ source, target: kafkaTopic(topic) })), flowProperties: {} };
}
