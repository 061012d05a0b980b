import { writeFile } from 'node:fs/promises';
import { createLogger } from '../../ingest/api/logger.js';
import { Pipeline } from '../../ingest/pipeline/pipeline.js';
import { connectCatalog } from '../../server/catalog-connection.js';
import { EXIT_FAILURES, EXIT_OK, green, red, yellow } from '../output.js';

export interface IngestOptions {
  config: string;
  dryRun?: boolean;
  preview?: boolean;
  previewWorkunits?: string;
  strictWarnings?: boolean;
  reportTo?: string;
  quiet?: boolean;
}

export async function ingestCommand(opts: IngestOptions): Promise<number> {
  const logger = createLogger('catalog', (level, _name, message) => {
    if (opts.quiet && level !== 'error') return;
    const tag = level === 'error' ? red(level) : level === 'warn' ? yellow(level) : level;
    process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${tag} ${message}\n`);
  });
  const pipeline = Pipeline.create(opts.config, {
    dryRun: Boolean(opts.dryRun),
    previewWorkunits: opts.preview ? Number(opts.previewWorkunits ?? 10) : null,
    logger,
    connectCatalog,
    progressIntervalSeconds: Number(process.env.CATALOG_PROGRESS_SECONDS ?? 10),
  });
  process.stderr.write(`Running ${pipeline.resolved.source.plugin.type} -> ${pipeline.resolved.sink.plugin.type} (run id ${pipeline.runId})\n`);
  const result = await pipeline.run();
  if (opts.reportTo) await writeFile(opts.reportTo, JSON.stringify(result.toJSON(), null, 2));
  const text = result.format();
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  process.stdout.write(`${lines.join('\n')}\n`);
  const colour = result.status === 'success' ? green : result.status === 'warnings' ? yellow : red;
  process.stdout.write(`${colour(last)}\n`);
  if (result.exitCode !== 0) return EXIT_FAILURES;
  if (opts.strictWarnings && result.warningCount > 0) return EXIT_FAILURES;
  return EXIT_OK;
}
