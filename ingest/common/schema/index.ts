// The shared schema converters: one per schema language, used by every plugin that meets a schema.
export { convertAvroSchema, type AvroConversionOptions } from './avro.js';
export { convertJsonSchema, type JsonSchemaConversionOptions } from './json-schema.js';
export { convertProtobufSchema, type ProtobufConversionOptions } from './protobuf.js';
export { applyMetaMapping, MetaMapping, MetaMappingRule, type MetaMappingResult } from './meta-mapping.js';
export * from './types.js';
