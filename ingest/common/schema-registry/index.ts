// Schema registry clients behind one interface (registry.ts), and the config that picks one.
export * from './registry.js';
export { ConfluentRegistryClient, schemaLanguage } from './confluent.js';
export { ApicurioRegistryClient, apicurioBase } from './apicurio.js';
export { GlueRegistryClient, GLUE_DEFAULT_REGISTRY } from './glue.js';
export { createRegistryClient, registryTypeSchema, schemaRegistryConfigSchema, type RegistrySettings, type SchemaRegistryConfig } from './config.js';
export { convertRegistrySchema, convertWithReferences } from './convert.js';
