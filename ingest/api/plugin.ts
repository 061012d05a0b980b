// The three plugin contracts. A plugin is a small typed object: a recipe `type` name, a strict
// config schema (zod; unknown keys are errors, every field has a default and a description), and
// `create(config, ctx)`. Behaviour is shared through functions, not base classes.
import type { z } from 'zod';
import type { CatalogClient, CatalogConnector } from './catalog-client.js';
import type { Logger } from './logger.js';
import type { Report, SinkReport, SourceReport, TransformerReport } from './report.js';
import type { WorkUnit } from './workunit.js';

export interface RunContext {
  runId: string;
  pipelineName: string | null;
  /** Directory of the recipe file, for resolving relative paths in configs. */
  baseDir: string;
  logger: Logger;
  /** Read-only view of the catalog being written to; null when the sink has none (file, console). */
  catalog: CatalogClient | null;
  /** Registers a value (password, token) to be masked in every log line and report. */
  registerSecret(value: unknown): void;
  /** Opens a catalog by URL; provided by the composition root (null in bare library use). */
  connectCatalog: CatalogConnector | null;
}

interface PluginBase<C> {
  /** Recipe `type` name, as DataHub names it. */
  type: string;
  /** Other accepted names (DataHub's deprecated or renamed types). */
  aliases?: string[];
  /** One line for `catalog check plugins` and the docs. */
  description: string;
  configSchema: z.ZodType<C>;
  /** Loads optional dependencies; throws when they are missing (plugin shown as disabled). */
  checkDependencies?(): Promise<void>;
}

export interface Source {
  workunits(): AsyncIterable<WorkUnit>;
  report: SourceReport;
  close?(): Promise<void>;
}

export interface SourcePlugin<C = unknown> extends PluginBase<C> {
  /** Platform name for stale-entity removal job ids (e.g. `postgres`). */
  platform?: string;
  create(config: C, ctx: RunContext): Source | Promise<Source>;
}

export interface Transformer {
  /** Stream in, stream out: may change, add (also at end of stream) or drop work units. */
  transform(stream: AsyncIterable<WorkUnit>): AsyncIterable<WorkUnit>;
  report: TransformerReport;
}

export interface TransformerPlugin<C = unknown> extends PluginBase<C> {
  /** Entity types and aspect this transformer touches, for docs and `check plugins`. */
  touches: { entityTypes: string[]; aspect: string };
  create(config: C, ctx: RunContext): Transformer | Promise<Transformer>;
}

export interface Sink {
  write(batch: WorkUnit[]): Promise<void>;
  flush?(): Promise<void>;
  close(): Promise<void>;
  report: SinkReport;
  /** A catalog reader, when the sink writes into a catalog (enables PATCH semantics, stateful ingestion). */
  catalog?: CatalogClient | null;
}

export interface SinkPlugin<C = unknown> extends PluginBase<C> {
  create(config: C, ctx: Omit<RunContext, 'catalog'>): Sink | Promise<Sink>;
}

export type AnyPlugin = SourcePlugin<any> | TransformerPlugin<any> | SinkPlugin<any>;
export type AnyReport = Report;
