// The pipeline is a fold over the recipe: source stream -> built-in steps -> each transformer ->
// sink, in batches. `Pipeline.create(recipe).run()` is the programmatic API; the CLI is a thin
// wrapper around it.
import path from 'node:path';
import type { CatalogClient, CatalogConnector } from '../api/catalog-client.js';
import { createLogger, SecretMasker, silentLogger, type Logger } from '../api/logger.js';
import type { RunContext, Sink, Source, Transformer } from '../api/plugin.js';
import { SinkReport, SourceReport } from '../api/report.js';
import type { WorkUnit } from '../api/workunit.js';
import { RecipeDocument } from '../recipe/document.js';
import { resolveRecipe, type ResolvedRecipe } from '../recipe/recipe.js';
import { defaultRegistries, type Registries } from '../registry.js';
import { autoStatusStep, limitStep, reporterStep, systemMetadataStep, type Step } from './processors.js';
import { runReporters } from './reporting.js';
import { staleEntityRemovalStep } from './stateful.js';
import type { StatefulIngestionConfig } from '../common/stateful.js';
import { defaultRunId } from './run-id.js';
import { PipelineResult } from './result.js';

export interface PipelineOptions {
  /** Directory for relative paths in the recipe (defaults to the recipe file's directory). */
  baseDir?: string;
  /** Validate and read, but write nothing to the sink. */
  dryRun?: boolean;
  /** Stop after this many work units (DataHub's --preview). */
  previewWorkunits?: number | null;
  logger?: Logger;
  /** Opens catalogs by URL for the `catalog` sink; injected by the composition root. */
  connectCatalog?: CatalogConnector | null;
  registries?: Registries;
  /** Work units per sink write. */
  batchSize?: number;
  /** Seconds between progress lines on long runs. */
  progressIntervalSeconds?: number;
}

export class Pipeline {
  private constructor(
    readonly resolved: ResolvedRecipe,
    readonly runId: string,
    private readonly options: PipelineOptions & { baseDir: string },
    private readonly masker: SecretMasker,
    private readonly logger: Logger,
  ) {}

  /**
   * Validates the recipe (a file path, a RecipeDocument, or a plain object) and every plugin
   * config. Throws ConfigError listing every problem; nothing is created or written before that.
   */
  static create(recipe: string | RecipeDocument | Record<string, unknown>, options: PipelineOptions = {}): Pipeline {
    const doc =
      typeof recipe === 'string'
        ? RecipeDocument.fromFile(recipe)
        : recipe instanceof RecipeDocument
          ? recipe
          : RecipeDocument.fromObject(recipe, options.baseDir ?? process.cwd());
    const resolved = resolveRecipe(doc, options.registries ?? defaultRegistries());
    const masker = new SecretMasker();
    for (const s of resolved.secrets) masker.add(s);
    const base = options.logger ?? silentLogger;
    const logger = createLogger('pipeline', (level, name, message) => base[level](`[${name}] ${masker.mask(message)}`), {
      level: 'debug',
    });
    const runId = resolved.recipe.run_id ?? defaultRunId(resolved.source.plugin.type);
    return new Pipeline(resolved, runId, { ...options, baseDir: options.baseDir ?? doc.baseDir }, masker, logger);
  }

  private context(catalog: CatalogClient | null): RunContext {
    return {
      runId: this.runId,
      pipelineName: this.resolved.recipe.pipeline_name,
      baseDir: path.resolve(this.options.baseDir),
      logger: this.logger,
      catalog,
      registerSecret: (v) => this.masker.add(v),
      connectCatalog: this.options.connectCatalog ?? null,
    };
  }

  async run(): Promise<PipelineResult> {
    const { source: src, sink: snk, transformers: trs, recipe } = this.resolved;
    const result = new PipelineResult(this.runId, recipe.pipeline_name, src.plugin.type, snk.plugin.type, this.masker);
    let sink: Sink | null = null;
    let source: Source | null = null;
    try {
      sink = await snk.plugin.create(snk.config, this.context(null));
      result.sinkReport = sink.report;
      const ctx = this.context(sink.catalog ?? null);
      source = await src.plugin.create(src.config, { ...ctx, logger: this.logger.child(`source.${src.plugin.type}`) });
      result.sourceReport = source.report;
      const transformers: Transformer[] = [];
      for (const [i, t] of trs.entries()) {
        const tr = await t.plugin.create(t.config, { ...ctx, logger: this.logger.child(`transformer.${t.plugin.type}`) });
        transformers.push(tr);
        result.transformerReports.push({ type: t.plugin.type, index: i, report: tr.report });
      }
      await this.pump(source, transformers, sink, result);
    } catch (e) {
      const where = sink === null ? `sink ${snk.plugin.type}` : source === null ? `source ${src.plugin.type}` : 'pipeline';
      result.pipelineFailure(`${where} failed`, (e as Error).message ?? String(e));
      this.logger.error(`${where} failed: ${(e as Error).stack ?? String(e)}`);
    } finally {
      await source?.close?.().catch((e: Error) => result.pipelineFailure('source close failed', e.message));
      if (sink) {
        if (!this.options.dryRun) await runReporters(recipe.reporting ?? [], result, sink, this.options.baseDir, this.logger);
        await sink.close().catch((e: Error) => result.pipelineFailure('sink close failed', e.message));
      }
      result.finish();
    }
    this.logger.info(result.summaryLine());
    return result;
  }

  /** Stale-entity removal, when the source supports it and the recipe turns it on. */
  private statefulStep(source: Source, catalog: CatalogClient | null): Step | null {
    const { recipe, source: src } = this.resolved;
    const cfg = (src.config as { stateful_ingestion?: StatefulIngestionConfig }).stateful_ingestion;
    if (cfg === undefined || cfg === null || !recipe.pipeline_name) return null;
    const enabled = cfg.enabled ?? catalog !== null;
    if (!enabled) return null;
    if (!catalog) {
      source.report.warning('Stateful ingestion disabled', 'it needs a sink that writes to a catalog (catalog or datahub-rest)');
      return null;
    }
    return staleEntityRemovalStep({
      pipelineName: recipe.pipeline_name,
      platform: src.plugin.platform ?? src.plugin.type,
      runId: this.runId,
      config: cfg,
      catalog,
      report: source.report,
    });
  }

  private steps(source: Source, transformers: Transformer[], catalog: CatalogClient | null): Step[] {
    const { recipe } = this.resolved;
    const steps: Step[] = [];
    const stateful = this.statefulStep(source, catalog);
    if (stateful) steps.push(stateful);
    steps.push(autoStatusStep(), reporterStep(source.report));
    if (this.options.previewWorkunits != null) steps.push(limitStep(this.options.previewWorkunits));
    for (const t of transformers) steps.push((s) => t.transform(s));
    if (recipe.flags.set_system_metadata) {
      steps.push(systemMetadataStep({ runId: this.runId, pipelineName: recipe.pipeline_name, setPipelineName: recipe.flags.set_system_metadata_pipeline_name }));
    }
    return steps;
  }

  private async pump(source: Source, transformers: Transformer[], sink: Sink, result: PipelineResult): Promise<void> {
    const stream = this.steps(source, transformers, sink.catalog ?? null).reduce<AsyncIterable<WorkUnit>>((s, step) => step(s), source.workunits());
    const batchSize = this.options.batchSize ?? 1000;
    const progressEvery = (this.options.progressIntervalSeconds ?? 10) * 1000;
    let batch: WorkUnit[] = [];
    let lastProgress = Date.now();
    const flush = async () => {
      if (batch.length === 0) return;
      const b = batch;
      batch = [];
      if (this.options.dryRun) {
        result.dryRunCount += b.length;
        return;
      }
      await sink.write(b);
    };
    try {
      for await (const wu of stream) {
        result.workunits++;
        batch.push(wu);
        if (batch.length >= batchSize) await flush();
        if (Date.now() - lastProgress >= progressEvery) {
          lastProgress = Date.now();
          const secs = (Date.now() - result.startTime) / 1000;
          const written = (sink.report as SinkReport).recordsWritten;
          this.logger.info(
            `progress: ${result.workunits.toLocaleString('en-US')} work units read, ${written.toLocaleString('en-US')} written in ${secs.toFixed(0)} s (${Math.round(result.workunits / secs)}/s)`,
          );
        }
      }
    } catch (e) {
      // A source or transformer that dies mid-stream: keep what was produced, report, go on to close.
      (source.report as SourceReport).failure('Stream failed', (e as Error).message ?? String(e));
      this.logger.error(`stream failed: ${(e as Error).stack ?? String(e)}`);
    }
    await flush();
    await sink.flush?.();
    (sink.report as SinkReport).endTime = Date.now();
    source.report.endTime = Date.now();
  }
}
