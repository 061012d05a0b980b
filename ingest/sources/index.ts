// Every source plugin, registered by listing it here.
import type { SourcePlugin } from '../api/plugin.js';
import { businessGlossarySource } from './business-glossary/source.js';
import { fileSource } from './file/source.js';
import { glueSource } from './glue/source.js';
import { hudiSource } from './hudi/source.js';
import { kafkaConnectSource } from './kafka-connect/source.js';
import { kafkaSource } from './kafka/source.js';
import { postgresSource } from './postgres/source.js';
import { schemaRegistrySource } from './schema-registry/source.js';

export const sources: SourcePlugin<any>[] = [
  businessGlossarySource,
  fileSource,
  glueSource,
  hudiSource,
  kafkaConnectSource,
  kafkaSource,
  postgresSource,
  schemaRegistrySource,
];
