// A registry version -> the shared converter for its language, with its references' texts so
// named types (Avro) and imports (Protobuf) resolve. JSON Schema references outside the schema
// are not fetched: the converter reports them as unresolved.
import { convertAvroSchema } from '../schema/avro.js';
import { convertJsonSchema } from '../schema/json-schema.js';
import { convertProtobufSchema } from '../schema/protobuf.js';
import type { SchemaConversion, SchemaConversionOptions } from '../schema/types.js';
import type { RegistrySchemaVersion } from './registry.js';

export function convertRegistrySchema(
  version: RegistrySchemaVersion,
  references: Record<string, string>,
  options: SchemaConversionOptions & { messageName?: string } = {},
): SchemaConversion {
  switch (version.language) {
    case 'AVRO':
      return convertAvroSchema(version.schema, { ...options, references: Object.values(references) });
    case 'PROTOBUF':
      return convertProtobufSchema(version.schema, {
        ...options,
        files: references,
        fileName: `${version.subject}.proto`,
        ...(options.messageName ? { messageName: options.messageName } : {}),
      });
    case 'JSON':
      return convertJsonSchema(version.schema, options);
  }
}
