// The registry part of a plugin config, shared by the `kafka` and `schema-registry` sources:
// which registry (`schema_registry_class`, DataHub's key, or its short form `schema_registry_type`),
// where (`schema_registry_url`), and `schema_registry_config` (auth, Apicurio API version, AWS).
import { z } from 'zod';
import { secretString } from '../../api/config.js';
import { ApicurioRegistryClient } from './apicurio.js';
import { ConfluentRegistryClient } from './confluent.js';
import { GlueRegistryClient } from './glue.js';
import { REGISTRY_TYPES, type RegistryType, type SchemaRegistryClient } from './registry.js';

/** DataHub's class names, accepted so DataHub recipes load. */
const CLASS_ALIASES: Record<string, RegistryType> = {
  'datahub.ingestion.source.confluent_schema_registry.ConfluentSchemaRegistry': 'confluent',
  confluent: 'confluent',
  apicurio: 'apicurio',
  glue: 'glue',
};

export const registryTypeSchema = z
  .string()
  .refine((v) => v in CLASS_ALIASES, { message: `expected one of ${REGISTRY_TYPES.join(', ')} (or DataHub's ConfluentSchemaRegistry class name)` })
  .transform((v) => CLASS_ALIASES[v]!);

export const schemaRegistryConfigSchema = z
  .strictObject({
    'basic.auth.user.info': secretString().nullable().default(null).describe('`user:password` for HTTP basic auth (Confluent, Apicurio)'),
    'bearer.auth.token': secretString().nullable().default(null).describe('Bearer token (Apicurio with OIDC, Confluent Cloud)'),
    api_version: z.enum(['v2', 'v3']).nullable().default(null).describe('Apicurio native API version when the URL does not name it (default v3)'),
    timeout_seconds: z.number().positive().default(30).describe('Timeout of one registry request'),
    region: z.string().nullable().default(null).describe('Glue: AWS region (default $AWS_REGION, else us-east-1)'),
    endpoint_url: z.string().nullable().default(null).describe('Glue: endpoint override (moto, a VPC endpoint); default schema_registry_url when it is set'),
    aws_access_key_id: z.string().nullable().default(null).describe('Glue: access key id (default: the SDK credential chain)'),
    aws_secret_access_key: secretString().nullable().default(null).describe('Glue: secret access key'),
    aws_session_token: secretString().nullable().default(null).describe('Glue: session token'),
    registry_names: z.array(z.string()).default([]).describe('Glue: registries to read (default: every registry)'),
    schema_names: z
      .array(z.string())
      .default([])
      .describe('Glue: schemas to read (`registry/schema` or `schema`) instead of listing them (moto has no ListSchemas)'),
  })
  .default({
    'basic.auth.user.info': null, 'bearer.auth.token': null, api_version: null, timeout_seconds: 30, region: null, endpoint_url: null,
    aws_access_key_id: null, aws_secret_access_key: null, aws_session_token: null, registry_names: [], schema_names: [],
  })
  .describe('Registry client settings: auth for Confluent/Apicurio, API version for Apicurio, region/endpoint/credentials for Glue');

export type SchemaRegistryConfig = z.infer<typeof schemaRegistryConfigSchema>;

export interface RegistrySettings {
  type: RegistryType;
  url: string | null;
  config: SchemaRegistryConfig;
}

/** Builds the client for the settings; registers every secret with `registerSecret` first. */
export function createRegistryClient(settings: RegistrySettings, registerSecret: (v: unknown) => void = () => {}): SchemaRegistryClient {
  const c = settings.config;
  registerSecret(c['basic.auth.user.info']);
  registerSecret(c['bearer.auth.token']);
  registerSecret(c.aws_secret_access_key);
  registerSecret(c.aws_session_token);
  if (settings.url) {
    try {
      const u = new URL(settings.url);
      if (u.password) registerSecret(decodeURIComponent(u.password));
    } catch {
      // reported below
    }
  }
  const http = { basicAuth: c['basic.auth.user.info'], bearerToken: c['bearer.auth.token'], timeoutMs: c.timeout_seconds * 1000 };
  switch (settings.type) {
    case 'confluent':
      return new ConfluentRegistryClient(requireUrl(settings), http);
    case 'apicurio':
      return new ApicurioRegistryClient(requireUrl(settings), { ...http, apiVersion: c.api_version });
    case 'glue':
      return new GlueRegistryClient({
        region: c.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
        endpoint: c.endpoint_url ?? settings.url,
        accessKeyId: c.aws_access_key_id,
        secretAccessKey: c.aws_secret_access_key,
        sessionToken: c.aws_session_token,
        registryNames: c.registry_names,
        schemaNames: c.schema_names,
      });
  }
}

function requireUrl(settings: RegistrySettings): string {
  if (!settings.url) throw new Error(`schema_registry_url is required for a ${settings.type} registry`);
  try {
    new URL(settings.url);
  } catch {
    throw new Error(`schema_registry_url is not a URL: ${settings.url.replace(/\/\/[^@/]*@/, '//')}`);
  }
  return settings.url;
}
