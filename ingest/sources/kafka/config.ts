// KafkaSourceConfig: DataHub's `kafka` recipe keys (KafkaSourceConfig, KafkaConsumerConnectionConfig;
// anchor-datahub.md §5.2), strict. The registry behind `connection.schema_registry_url` is chosen
// with `schema_registry_class` (DataHub's key; confluent, apicurio or glue, or DataHub's class
// name) or its short form `schema_registry_type`.
import { z } from 'zod';
import { envSchema, looseBoolean, platformInstanceSchema } from '../../api/config.js';
import { kafkaBrokerConnectionShape } from '../../common/kafka/connection.js';
import { allowDenyPatternSchema } from '../../common/pattern.js';
import { registryTypeSchema, schemaRegistryConfigSchema } from '../../common/schema-registry/config.js';
import { schemaConversionConfigShape } from '../../common/schema/config.js';
import { statefulIngestionSchema } from '../../common/stateful.js';

/** Internal topics and Kafka Connect's own topics, left out unless a recipe's topic_patterns says otherwise. */
export const DEFAULT_TOPIC_DENY = ['^_.*', '^connect-configs$', '^connect-offsets$', '^connect-status$'];

export const kafkaSourceConfigSchema = z
  .strictObject({
    connection: z
      .strictObject({
        ...kafkaBrokerConnectionShape,
        schema_registry_url: z.string().nullable().default(null).describe('Schema registry URL (default $KAFKA_SCHEMAREGISTRY_URL; none: topics without schemas)'),
        schema_registry_config: schemaRegistryConfigSchema,
      })
      .prefault({})
      .describe('Brokers, client settings and the schema registry'),
    topic_patterns: allowDenyPatternSchema
      .extend({ deny: z.array(z.string()).default(DEFAULT_TOPIC_DENY).describe('Regexes to exclude; deny wins over allow. Default: internal and Kafka Connect topics') })
      .prefault({})
      .describe('Topics to ingest; unless `deny` is given, internal (`_*`) and Kafka Connect (`connect-configs/offsets/status`) topics are left out'),
    topic_subject_map: z
      .record(z.string(), z.string())
      .default({})
      .describe('`<topic>-key` / `<topic>-value` -> subject, for subjects not named by TopicNameStrategy (RecordNameStrategy)'),
    schema_registry_class: registryTypeSchema.nullable().default(null).describe('Registry API: confluent (also Apicurio ccompat; default), apicurio (native v2/v3), glue'),
    schema_registry_type: registryTypeSchema.nullable().default(null).describe('Short form of schema_registry_class'),
    disable_topic_record_naming_strategy: looseBoolean(false).describe('Do not look for `<topic>-<record name>` subjects (TopicRecordNameStrategy)'),
    include_schema_history: looseBoolean(true).describe('Emit every version of the value subject, oldest first (each with the latest key schema), so the topic\'s schema history starts at the registry\'s first version'),
    include_consumer_groups: looseBoolean(true).describe('List the consumer groups of each topic with their lag (committed offsets behind the high watermark)'),
    consumer_group_pattern: allowDenyPatternSchema.default({ allow: ['.*'], deny: [], ignoreCase: true }).describe('Consumer groups to list'),
    topic_batch_size: z.number().int().min(1).max(1000).default(100).describe('Topics whose configs are read in one request'),
    max_workers: z.number().int().min(1).max(64).default(8).describe('Topics described in parallel (schema registry round trips)'),
    ...schemaConversionConfigShape,
    env: envSchema,
    platform_instance: platformInstanceSchema,
    stateful_ingestion: statefulIngestionSchema,
  })
  .refine((c) => !(c.schema_registry_class && c.schema_registry_type && c.schema_registry_class !== c.schema_registry_type), {
    message: 'schema_registry_class and schema_registry_type disagree; give one',
    path: ['schema_registry_type'],
  });

export type KafkaSourceConfig = z.infer<typeof kafkaSourceConfigSchema>;
