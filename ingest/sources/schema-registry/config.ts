// SchemaRegistrySourceConfig: which registry (the kafka source's registry keys, top level here),
// which subjects, whether to skip subjects a Kafka topic claims, and the schema-conversion keys
// DataHub's kafka source has. DataHub has no stand-alone registry source to copy keys from.
import { z } from 'zod';
import { envSchema, looseBoolean, platformInstanceSchema } from '../../api/config.js';
import { kafkaBrokerConnectionShape } from '../../common/kafka/connection.js';
import { allowDenyPatternSchema } from '../../common/pattern.js';
import { registryTypeSchema, schemaRegistryConfigSchema } from '../../common/schema-registry/config.js';
import { schemaConversionConfigShape } from '../../common/schema/config.js';
import { statefulIngestionSchema } from '../../common/stateful.js';

/** The platform a registry's subjects are datasets of, by registry type. */
export const DEFAULT_PLATFORMS = { confluent: 'confluent-schema-registry', apicurio: 'apicurio-registry', glue: 'glue-schema-registry' } as const;

export const schemaRegistrySourceConfigSchema = z
  .strictObject({
    schema_registry_url: z
      .string()
      .nullable()
      .default(null)
      .describe('Registry URL: Confluent (`http://host:8081`), Apicurio ccompat (`.../apis/ccompat/v7`), Apicurio native (`.../apis/registry/v3` or v2), Glue endpoint override (optional); default $KAFKA_SCHEMAREGISTRY_URL'),
    schema_registry_class: registryTypeSchema.nullable().default(null).describe('Registry API: confluent (also Apicurio ccompat), apicurio (native v2/v3), glue; default confluent'),
    schema_registry_type: registryTypeSchema.nullable().default(null).describe('Short form of schema_registry_class'),
    schema_registry_config: schemaRegistryConfigSchema,
    platform: z.string().nullable().default(null).describe('Platform of the subject datasets (default confluent-schema-registry, apicurio-registry or glue-schema-registry)'),
    subject_pattern: allowDenyPatternSchema.default({ allow: ['.*'], deny: [], ignoreCase: true }).describe('Subjects (artifact ids, Glue schema names) to ingest'),
    max_workers: z.number().int().min(1).max(64).default(8).describe('Subjects read in parallel'),
    include_schema_history: looseBoolean(true).describe('Emit every version of a subject, oldest first, so the catalog\'s schema history starts at the registry\'s first version'),
    kafka_connection: z
      .strictObject(kafkaBrokerConnectionShape)
      .nullable()
      .default(null)
      .describe('Brokers whose topics claim subjects (`<topic>-key`, `<topic>-value`, `<topic>-<record>`): claimed subjects are left to the kafka source'),
    ...schemaConversionConfigShape,
    env: envSchema,
    platform_instance: platformInstanceSchema,
    stateful_ingestion: statefulIngestionSchema,
  })
  .refine((c) => !(c.schema_registry_class && c.schema_registry_type && c.schema_registry_class !== c.schema_registry_type), {
    message: 'schema_registry_class and schema_registry_type disagree; give one',
    path: ['schema_registry_type'],
  });

export type SchemaRegistrySourceConfig = z.infer<typeof schemaRegistrySourceConfigSchema>;
