// Replays what the real Kafka Connect REST API answered (fixtures/connect-rest.json, recorded by
// fixtures/capture.mjs from the engines of scripts/services) on a local port, and runs a
// `kafka-connect` recipe through the Pipeline API into a capturing sink.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { CatalogClient } from '../../../../ingest/api/catalog-client.js';
import type { WorkUnit } from '../../../../ingest/api/workunit.js';
import { Pipeline } from '../../../../ingest/pipeline/pipeline.js';
import type { PipelineResult } from '../../../../ingest/pipeline/result.js';
import { defaultRegistries, PluginRegistry, type Registries } from '../../../../ingest/registry.js';
import type { MetadataChangeProposal } from '../../../../model/mcp.js';
import { memorySink } from '../../../support/memory-sink.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Aspect = Record<string, any>;

export interface Recording {
  recordedAt: string;
  responses: Record<string, { status: number; body: unknown }>;
}

export const recording: Recording = JSON.parse(readFileSync(path.resolve('test/ingest/sources/kafka-connect/fixtures/connect-rest.json'), 'utf8'));

export interface Replay {
  url: string;
  requests: Array<{ path: string; authorization: string | undefined }>;
  close(): Promise<void>;
}

/** Serves the recorded responses by exact path and query; anything else is a 404 as Connect answers. */
export async function replay(responses: Recording['responses'] = recording.responses): Promise<Replay> {
  const requests: Replay['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    const hit = responses[req.url ?? ''];
    res.writeHead(hit?.status ?? 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(hit ? hit.body : { error_code: 404, message: `HTTP 404 Not Found` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Captured {
  result: PipelineResult;
  mcps: MetadataChangeProposal[];
  aspect(urn: string, aspectName: string): Aspect | undefined;
  urns(entityType: string): string[];
  /** Warnings of the source report, as `title: context` lines. */
  warnings(): string[];
}

export async function ingest(config: Record<string, unknown>, catalog: CatalogClient | null = null): Promise<Captured> {
  const out: WorkUnit[] = [];
  const sink = memorySink(out);
  if (catalog) {
    const create = sink.create;
    sink.create = (c, ctx) => Object.assign(create(c, ctx) as object, { catalog }) as never;
  }
  const registries: Registries = { ...defaultRegistries(), sinks: new PluginRegistry('sink', [sink]) };
  const recipe = { run_id: 'kafka-connect-test', source: { type: 'kafka-connect', config }, sink: { type: 'memory' } };
  const result = await Pipeline.create(recipe, { registries, baseDir: process.cwd() }).run();
  const mcps = out.map((w) => w.mcp);
  return {
    result,
    mcps,
    aspect: (urn, aspectName) => mcps.filter((m) => m.entityUrn === urn && m.aspectName === aspectName).map((m) => m.aspect as Aspect).pop(),
    urns: (entityType) => [...new Set(mcps.filter((m) => m.entityType === entityType).map((m) => m.entityUrn))].sort(),
    warnings: () =>
      (result.sourceReport!.warnings.toJSON() as Array<{ title: string; context: string[] }>).flatMap((w) =>
        w.context.length ? w.context.map((c) => `${w.title}: ${c}`) : [w.title],
      ),
  };
}
