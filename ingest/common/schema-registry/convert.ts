// A registry version -> the shared converter for its language, with its references' texts so
// named types (Avro) and imports (Protobuf) resolve. JSON Schema references outside the schema
// are not fetched: the converter reports them as unresolved.
import { convertAvroSchema } from '../schema/avro.js';
import { convertJsonSchema } from '../schema/json-schema.js';
import { convertProtobufSchema } from '../schema/protobuf.js';
import { md5Hex, otherSchema, type SchemaConversion, type SchemaConversionOptions } from '../schema/types.js';
import { RegistryError, resolveReferences, type RegistrySchemaVersion, type SchemaRegistryClient } from './registry.js';

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

/**
 * Resolves a version's references through the registry, then converts it. Never throws for the
 * schema's own faults: a cyclic or missing reference comes back as a conversion error; only an
 * unreachable registry is thrown, so the caller can tell "this schema is bad" from "the registry is down".
 */
export async function convertWithReferences(
  client: SchemaRegistryClient,
  version: RegistrySchemaVersion,
  group: string | null,
  options: SchemaConversionOptions & { messageName?: string } = {},
): Promise<SchemaConversion> {
  let references: Record<string, string> = {};
  if (version.references.length > 0) {
    try {
      references = await resolveReferences(client, version, group);
    } catch (e) {
      if (e instanceof RegistryError && e.code === 'unreachable') throw e;
      const code = /cyclic/.test((e as Error).message) ? 'cyclic-reference' : 'unresolved-reference';
      return {
        language: version.language, fields: [], platformSchema: otherSchema(version.schema), hash: md5Hex(version.schema),
        dataset: {}, errors: [{ code, message: (e as Error).message }], warnings: [],
      };
    }
  }
  return convertRegistrySchema(version, references, options);
}
