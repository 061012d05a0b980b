// Shared by the kafka and schema-registry source tests: run a recipe into a capturing sink or
// into a real catalog (PGlite in memory) served over HTTP, register schemas in the real Apicurio
// Registry, and ask the catalog's GraphQL API.
import type { WorkUnit } from '../../../ingest/api/workunit.js';
import { Pipeline } from '../../../ingest/pipeline/pipeline.js';
import type { PipelineResult } from '../../../ingest/pipeline/result.js';
import { defaultRegistries, PluginRegistry, type Registries } from '../../../ingest/registry.js';
import type { MetadataChangeProposal } from '../../../model/mcp.js';
import { storeConnection } from '../../../server/catalog-connection.js';
import { createCatalog, type Catalog } from '../../../server/catalog.js';
import { listen, type RunningServer } from '../../../server/http.js';
import { memorySink } from '../../support/memory-sink.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Aspect = Record<string, any>;

export const REGISTRY = 'http://127.0.0.1:58081';
export const CCOMPAT = `${REGISTRY}/apis/ccompat/v7`;
export const V3 = `${REGISTRY}/apis/registry/v3`;

export interface Captured {
  result: PipelineResult;
  mcps: MetadataChangeProposal[];
  all(urn: string, aspectName: string): Aspect[];
  aspect(urn: string, aspectName: string): Aspect | undefined;
  urns(): string[];
}

export async function capture(type: string, config: Record<string, unknown>): Promise<Captured> {
  const out: WorkUnit[] = [];
  const registries: Registries = { ...defaultRegistries(), sinks: new PluginRegistry('sink', [memorySink(out)]) };
  const result = await Pipeline.create({ run_id: `${type}-test`, source: { type, config }, sink: { type: 'memory' } }, { registries, baseDir: process.cwd() }).run();
  const mcps = out.map((w) => w.mcp);
  const all = (urn: string, aspectName: string) => mcps.filter((m) => m.entityUrn === urn && m.aspectName === aspectName).map((m) => m.aspect as Aspect);
  return { result, mcps, all, aspect: (u, a) => all(u, a).pop(), urns: () => [...new Set(mcps.filter((m) => m.entityType === 'dataset').map((m) => m.entityUrn))].sort() };
}

/** A catalog in memory, served over HTTP without auth, with a helper to ingest recipes into it and query GraphQL. */
export async function servedCatalog(): Promise<{
  catalog: Catalog;
  ingest(type: string, config: Record<string, unknown>): Promise<PipelineResult>;
  gql(query: string): Promise<Aspect>;
  close(): Promise<void>;
}> {
  const catalog = await createCatalog({ store: 'pglite:memory', auth: false });
  const server: RunningServer = await listen(catalog, { host: '127.0.0.1', port: 0 });
  return {
    catalog,
    ingest: (type, config) =>
      Pipeline.create({ source: { type, config }, sink: { type: 'catalog', config: { store: 'pglite:memory' } } }, {
        baseDir: process.cwd(),
        connectCatalog: async () => storeConnection(catalog.store, false),
      }).run(),
    async gql(query) {
      const res = await fetch(`${server.url}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as Aspect;
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
    async close() {
      await server.close();
      await catalog.close();
    },
  };
}

async function call(method: string, url: string, body?: unknown): Promise<Aspect> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status < 200 || res.status > 299) throw new Error(`${method} ${url} -> ${res.status}: ${text}`);
  return text ? (JSON.parse(text) as Aspect) : {};
}

/** Registers a version through the Confluent API (Apicurio ccompat); returns its id. */
export async function registerCcompat(subject: string, schema: unknown, options: { schemaType?: string; references?: unknown[] } = {}): Promise<number> {
  const body = { schema: typeof schema === 'string' ? schema : JSON.stringify(schema), ...(options.schemaType ? { schemaType: options.schemaType } : {}), ...(options.references ? { references: options.references } : {}) };
  return (await call('POST', `${CCOMPAT}/subjects/${encodeURIComponent(subject)}/versions`, body)).id as number;
}

export async function setCompatibility(subject: string, level: string): Promise<void> {
  await call('PUT', `${CCOMPAT}/config/${encodeURIComponent(subject)}`, { compatibility: level });
}

/** Creates an artifact (or a new version of it) through the native v3 API, without validity checks: malformed content goes in as given. */
export async function createArtifactV3(
  artifactId: string,
  artifactType: 'AVRO' | 'PROTOBUF' | 'JSON',
  content: string,
  references: Array<{ artifactId: string; version: string; name: string }> = [],
): Promise<Aspect> {
  const contentType = artifactType === 'PROTOBUF' ? 'application/x-protobuf' : 'application/json';
  return call('POST', `${V3}/groups/default/artifacts`, {
    artifactId,
    artifactType,
    firstVersion: { content: { content, contentType, references: references.map((r) => ({ groupId: 'default', ...r })) } },
  });
}

export async function addVersionV3(artifactId: string, content: string): Promise<Aspect> {
  return call('POST', `${V3}/groups/default/artifacts/${encodeURIComponent(artifactId)}/versions`, { content: { content, contentType: 'application/json' } });
}

export async function versionsV3(artifactId: string): Promise<Aspect[]> {
  return (await call('GET', `${V3}/groups/default/artifacts/${encodeURIComponent(artifactId)}/versions`)).versions as Aspect[];
}

export const runId = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
