// Runs transformers the way a recipe does: look the plugin up by type (or alias) in the
// `transformers` registry, validate the config with its schema, create it with a test run
// context, pipe work units through, and collect the proposals that come out.
// Golden files use DataHub's file-sink format: {entityType, entityUrn, changeType, aspectName, aspect: {json}}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AspectValue, MetadataChangeProposal } from '../../../model/mcp.js';
import type { CatalogClient } from '../../../ingest/api/catalog-client.js';
import type { RunContext, Transformer, TransformerPlugin } from '../../../ingest/api/plugin.js';
import { silentLogger } from '../../../ingest/api/logger.js';
import { workUnit, type WorkUnit } from '../../../ingest/api/workunit.js';
import { transformers } from '../../../ingest/transformers/index.js';

export const GOLDEN_DIR = join(import.meta.dirname, 'golden');

export interface FileMcp {
  entityType: string;
  entityUrn: string;
  changeType: string;
  aspectName?: string;
  aspect?: { json: unknown };
}

export function fromFile(m: FileMcp): MetadataChangeProposal {
  const mcp: MetadataChangeProposal = { entityType: m.entityType, entityUrn: m.entityUrn, changeType: m.changeType as MetadataChangeProposal['changeType'] };
  if (m.aspectName) mcp.aspectName = m.aspectName;
  if (m.aspect) mcp.aspect = m.aspect.json as AspectValue;
  return mcp;
}

export function toFile(m: MetadataChangeProposal): FileMcp {
  const out: FileMcp = { entityType: m.entityType, entityUrn: m.entityUrn, changeType: m.changeType };
  if (m.aspectName) out.aspectName = m.aspectName;
  if (m.aspect !== undefined) out.aspect = { json: m.aspect };
  return out;
}

export function readGolden(name: string): FileMcp[] {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, name), 'utf8')) as FileMcp[];
}

/** A read-only catalog over an in-memory map of `urn -> aspectName -> value`. */
export function memoryCatalog(aspects: Record<string, Record<string, AspectValue>> = {}): CatalogClient {
  return {
    async getAspect(urn, aspectName) {
      return structuredClone(aspects[urn]?.[aspectName] ?? null);
    },
    async getTimeseries() {
      return [];
    },
  };
}

export function testContext(options: { catalog?: CatalogClient | null; baseDir?: string } = {}): RunContext {
  return {
    runId: 'test-run',
    pipelineName: null,
    baseDir: options.baseDir ?? import.meta.dirname,
    logger: silentLogger,
    catalog: options.catalog ?? null,
    registerSecret() {},
    connectCatalog: null,
  };
}

export function findPlugin(type: string): TransformerPlugin<any> {
  const plugin = transformers.find((p) => p.type === type || p.aliases?.includes(type));
  if (!plugin) throw new Error(`no transformer plugin "${type}"`);
  return plugin;
}

export interface Step {
  type: string;
  config?: unknown;
}

export async function createTransformer(step: Step, ctx: RunContext = testContext()): Promise<Transformer> {
  const plugin = findPlugin(step.type);
  const config = plugin.configSchema.parse(step.config ?? {});
  return plugin.create(config, ctx);
}

async function* streamOf(mcps: MetadataChangeProposal[]): AsyncIterable<WorkUnit> {
  for (const m of mcps) yield workUnit(m);
}

/** Pipes the proposals through the steps in order, as a recipe's `transformers:` list. */
export async function runTransformers(
  steps: Step[],
  input: MetadataChangeProposal[],
  ctx: RunContext = testContext(),
): Promise<{ output: MetadataChangeProposal[]; workUnits: WorkUnit[]; transformers: Transformer[] }> {
  const created: Transformer[] = [];
  for (const step of steps) created.push(await createTransformer(step, ctx));
  let stream: AsyncIterable<WorkUnit> = streamOf(input);
  for (const t of created) stream = t.transform(stream);
  const workUnits: WorkUnit[] = [];
  for await (const wu of stream) workUnits.push(wu);
  return { output: workUnits.map((w) => w.mcp), workUnits, transformers: created };
}

/** Shorthand: one transformer, proposals given as `[urn, aspectName, aspect]`. */
export async function run(step: Step, input: MetadataChangeProposal[], ctx?: RunContext): Promise<MetadataChangeProposal[]> {
  return (await runTransformers([step], input, ctx)).output;
}

export function mcp(entityUrn: string, aspectName: string, aspect: AspectValue): MetadataChangeProposal {
  const entityType = entityUrn.slice('urn:li:'.length, entityUrn.indexOf(':', 'urn:li:'.length));
  return { entityType, entityUrn, changeType: 'UPSERT', aspectName, aspect };
}

export function aspectOf(output: MetadataChangeProposal[], urn: string, aspectName: string): AspectValue[] {
  return output.filter((m) => m.entityUrn === urn && m.aspectName === aspectName).map((m) => m.aspect as AspectValue);
}
