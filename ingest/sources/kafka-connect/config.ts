// KafkaConnectSourceConfig: DataHub's `kafka-connect` recipe keys (KafkaConnectSourceConfig in
// ingestion/source/kafka_connect/common.py), strict, with DataHub's defaults. Confluent Cloud and
// schema-resolver keys are accepted so existing recipes load; the source says so in its report
// when they ask for something it does not do (see `unimplementedRequests`).
import { z } from 'zod';
import { envSchema, looseBoolean, platformInstanceSchema, secretString } from '../../api/config.js';
import { allowDenyPatternSchema } from '../../common/pattern.js';
import { statefulIngestionSchema } from '../../common/stateful.js';

const providedConfigSchema = z
  .strictObject({
    provider: z.string().min(1).describe('Config provider name, as in `${provider:path:key}`'),
    path_key: z.string().min(1).describe('The `path:key` part of the placeholder'),
    value: z.string().describe('Value substituted for `${provider:path_key}`'),
  })
  .describe('A value for a Kafka Connect config-provider placeholder');

const genericConnectorSchema = z
  .strictObject({
    connector_name: z.string().min(1).describe('Name of the connector'),
    source_dataset: z.string().min(1).describe('Name of the dataset the connector reads'),
    source_platform: z.string().min(1).describe('Platform of that dataset (postgres, mysql, ...)'),
  })
  .describe('Lineage for a source connector this source does not understand: its input dataset');

export const kafkaConnectSourceConfigSchema = z.strictObject({
  connect_uri: z.string().url().default('http://localhost:8083/').describe('URI of the Kafka Connect REST API'),
  username: z.string().nullable().default(null).describe('User name for basic authentication to the REST API'),
  password: secretString().nullable().default(null).meta({ secret: true, description: 'Password for basic authentication to the REST API' }),
  cluster_name: z.string().nullable().default('connect-cluster').describe('Name of the Connect cluster (a property of every connector flow)'),
  connector_patterns: allowDenyPatternSchema
    .default({ allow: ['.*'], deny: [], ignoreCase: true })
    .describe('Connectors to ingest, matched against the connector name'),
  provided_configs: z
    .array(providedConfigSchema)
    .nullable()
    .default(null)
    .describe('Values for `${provider:path:key}` config-provider placeholders in connector configs'),
  connect_to_platform_map: z
    .record(z.string(), z.record(z.string(), z.string()))
    .nullable()
    .default(null)
    .describe('Platform instance per connector and platform: {connector: {platform: instance}}; wins over platform_instance_map'),
  platform_instance_map: z
    .record(z.string(), z.string())
    .nullable()
    .default(null)
    .describe('Platform instance per platform (postgres, kafka, s3, ...) for the datasets in lineage'),
  generic_connectors: z.array(genericConnectorSchema).default([]).describe('Input datasets of source connectors whose lineage is not derived from their config'),
  convert_lineage_urns_to_lowercase: looseBoolean(false).describe('Lower-case the dataset names in lineage URNs'),
  use_connect_topics_api: looseBoolean(true).describe("Read each connector's active topics from /connectors/{name}/topics"),
  check_lineage_targets: looseBoolean(true).describe(
    'Look up every dataset in lineage in the catalog being written to, and list those no source has produced as warnings',
  ),
  // Accepted for DataHub compatibility; see unimplementedRequests.
  confluent_cloud_environment_id: z.string().nullable().default(null).describe('Confluent Cloud environment (not supported yet)'),
  confluent_cloud_cluster_id: z.string().nullable().default(null).describe('Confluent Cloud Connect cluster (not supported yet)'),
  kafka_rest_endpoint: z.string().nullable().default(null).describe('Kafka REST endpoint for topic listing (not supported yet)'),
  kafka_api_key: z.string().nullable().default(null).describe('Kafka REST API key (not supported yet)'),
  kafka_api_secret: secretString().nullable().default(null).meta({ secret: true, description: 'Kafka REST API secret (not supported yet)' }),
  use_schema_resolver: looseBoolean(false).describe('Expand table patterns against the catalog (not supported yet)'),
  schema_resolver_expand_patterns: looseBoolean(true).describe('With use_schema_resolver: expand table patterns (not supported yet)'),
  schema_resolver_finegrained_lineage: looseBoolean(true).describe('With use_schema_resolver: column-level lineage (not supported yet)'),
  env: envSchema,
  platform_instance: platformInstanceSchema,
  stateful_ingestion: statefulIngestionSchema,
});

export type KafkaConnectSourceConfig = z.infer<typeof kafkaConnectSourceConfigSchema>;

/** What the recipe asks for that this source does not do yet: one line each, for the report. */
export function unimplementedRequests(config: KafkaConnectSourceConfig): string[] {
  const out: string[] = [];
  if (config.confluent_cloud_environment_id || config.confluent_cloud_cluster_id) {
    out.push('confluent_cloud_environment_id / confluent_cloud_cluster_id: Confluent Cloud is not supported yet; connect_uri is used');
  }
  if (config.kafka_rest_endpoint) out.push('kafka_rest_endpoint: topics are read from the Connect REST API only');
  if (config.use_schema_resolver) out.push('use_schema_resolver: table patterns are expanded against the connectors\' topics, not the catalog');
  return out;
}
