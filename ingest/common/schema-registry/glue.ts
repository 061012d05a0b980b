// The AWS Glue Schema Registry through the AWS SDK (endpoint override for moto or a VPC endpoint).
// Registries are listed (or given), schemas listed per registry (or given: moto does not implement
// ListSchemas), and a schema's versions are read one by one from 1 to GetSchema's latest, so
// ListSchemaVersions is not needed either. A schema outside `default-registry` is named
// `registry/schema`. Compatibility is the schema's own setting (Glue has no global one).
import {
  GetSchemaCommand,
  GetSchemaVersionCommand,
  GlueClient,
  ListRegistriesCommand,
  ListSchemasCommand,
  type GetSchemaVersionCommandOutput,
} from '@aws-sdk/client-glue';
import { schemaLanguage } from './confluent.js';
import { RegistryError, type RegistrySchemaVersion, type RegistrySubject, type SchemaRegistryClient } from './registry.js';

export interface GlueRegistryOptions {
  region: string;
  endpoint?: string | null;
  accessKeyId?: string | null;
  secretAccessKey?: string | null;
  sessionToken?: string | null;
  /** Registries to read; empty = every registry ListRegistries returns. */
  registryNames?: string[];
  /** Schemas to read as `registry/schema` or `schema` (in every listed registry), for endpoints without ListSchemas. */
  schemaNames?: string[];
}

export const GLUE_DEFAULT_REGISTRY = 'default-registry';

function awsError(e: unknown, what: string): RegistryError {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  if (err.name === 'EntityNotFoundException') return new RegistryError('not-found', `${what}: ${err.message}`, 404);
  const status = err.$metadata?.httpStatusCode;
  if (!status && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up/i.test(`${err.code ?? ''} ${err.message ?? ''}`)) {
    return new RegistryError('unreachable', `${what}: cannot reach AWS Glue: ${err.message}`);
  }
  return new RegistryError('http', `${what}: ${err.name ?? 'Error'}: ${(err.message ?? String(e)).split('\n')[0]}`, status);
}

function createdMillis(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value > 1e12 ? value : value * 1000;
  if (typeof value === 'string') {
    // moto answers "2026-11-22 07:03:34.578344" (UTC, no zone).
    const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

export class GlueRegistryClient implements SchemaRegistryClient {
  readonly type = 'glue' as const;
  readonly describe: string;
  private readonly glue: GlueClient;

  constructor(private readonly options: GlueRegistryOptions) {
    this.glue = new GlueClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}) } }
        : {}),
      maxAttempts: 2,
    });
    this.describe = `glue ${options.region}${options.endpoint ? ` ${options.endpoint}` : ''}`;
  }

  private subjectOf(registry: string, schema: string): RegistrySubject {
    return { name: registry === GLUE_DEFAULT_REGISTRY ? schema : `${registry}/${schema}`, group: registry };
  }

  private ids(subject: RegistrySubject): { RegistryName: string; SchemaName: string } {
    const registry = subject.group ?? GLUE_DEFAULT_REGISTRY;
    const schema = subject.name.startsWith(`${registry}/`) ? subject.name.slice(registry.length + 1) : subject.name;
    return { RegistryName: registry, SchemaName: schema };
  }

  private async registries(): Promise<string[]> {
    if (this.options.registryNames?.length) return this.options.registryNames;
    const out: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.glue.send(new ListRegistriesCommand({ NextToken: token })).catch((e: unknown) => {
        throw awsError(e, 'ListRegistries');
      });
      for (const r of page.Registries ?? []) if (r.RegistryName) out.push(r.RegistryName);
      token = page.NextToken;
    } while (token);
    return out;
  }

  async subjects(): Promise<RegistrySubject[]> {
    const registries = await this.registries();
    const out: RegistrySubject[] = [];
    const given = this.options.schemaNames ?? [];
    for (const registry of registries) {
      if (given.length > 0) {
        for (const g of given) {
          const slash = g.indexOf('/');
          if (slash < 0) out.push(this.subjectOf(registry, g));
          else if (g.slice(0, slash) === registry) out.push(this.subjectOf(registry, g.slice(slash + 1)));
        }
        continue;
      }
      let token: string | undefined;
      do {
        let page;
        try {
          page = await this.glue.send(new ListSchemasCommand({ RegistryId: { RegistryName: registry }, NextToken: token }));
        } catch (e) {
          const err = awsError(e, `ListSchemas in registry ${registry}`);
          if (err.code === 'unreachable') throw err;
          throw new RegistryError(err.code, `${err.message} (an endpoint without ListSchemas, such as moto, needs the schemas listed in schema_registry_config.schema_names)`, err.status);
        }
        for (const s of page.Schemas ?? []) if (s.SchemaName) out.push(this.subjectOf(registry, s.SchemaName));
        token = page.NextToken;
      } while (token);
    }
    // A named schema that does not exist is dropped here rather than failing the whole listing.
    const present: RegistrySubject[] = [];
    for (const s of out) {
      if (given.length === 0) present.push(s);
      else if (await this.schemaInfo(s).catch(() => null)) present.push(s);
    }
    return present.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private async schemaInfo(subject: RegistrySubject) {
    try {
      return await this.glue.send(new GetSchemaCommand({ SchemaId: this.ids(subject) }));
    } catch (e) {
      throw awsError(e, `GetSchema ${subject.name}`);
    }
  }

  private toVersion(subject: RegistrySubject, out: GetSchemaVersionCommandOutput): RegistrySchemaVersion {
    return {
      subject: subject.name,
      version: Number(out.VersionNumber),
      id: out.SchemaVersionId ?? null,
      language: schemaLanguage(out.DataFormat),
      schema: out.SchemaDefinition ?? '',
      references: [],
      createdAt: createdMillis(out.CreatedTime),
    };
  }

  async version(subject: RegistrySubject, version: number): Promise<RegistrySchemaVersion | null> {
    try {
      const out = await this.glue.send(new GetSchemaVersionCommand({ SchemaId: this.ids(subject), SchemaVersionNumber: { VersionNumber: version } }));
      return this.toVersion(subject, out);
    } catch (e) {
      const err = awsError(e, `GetSchemaVersion ${subject.name} version ${version}`);
      if (err.code === 'not-found') return null;
      throw err;
    }
  }

  async versions(subject: RegistrySubject): Promise<RegistrySchemaVersion[]> {
    const info = await this.schemaInfo(subject);
    const out: RegistrySchemaVersion[] = [];
    for (let n = 1; n <= (info.LatestSchemaVersion ?? 0); n++) {
      const v = await this.version(subject, n);
      if (v) out.push(v); // a deleted version is skipped
    }
    return out;
  }

  async latest(subject: RegistrySubject): Promise<RegistrySchemaVersion | null> {
    try {
      const out = await this.glue.send(new GetSchemaVersionCommand({ SchemaId: this.ids(subject), SchemaVersionNumber: { LatestVersion: true } }));
      return this.toVersion(subject, out);
    } catch (e) {
      const err = awsError(e, `GetSchemaVersion ${subject.name} latest`);
      if (err.code === 'not-found') return null;
      throw err;
    }
  }

  async compatibility(subject: RegistrySubject): Promise<string | null> {
    return (await this.schemaInfo(subject)).Compatibility ?? null;
  }

  async close(): Promise<void> {
    this.glue.destroy();
  }
}
