// The `file` source: reads metadata files as DataHub writes them (its `file` sink, or MCE files),
// and JSON Lines. One malformed record is a failure naming the file and its index; the rest go on.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RunContext, Source, SourcePlugin } from '../../api/plugin.js';
import { workUnit, type WorkUnit } from '../../api/workunit.js';
import { fromFileRecord } from '../../common/datahub-file-format.js';
import { fileSourceConfigSchema, type FileSourceConfig } from './config.js';
import { countJsonRecords, readJsonRecords, type ReadMode } from './json-records.js';
import { FileSourceReport } from './report.js';

/** DataHub's AUTO mode reads files below this size in one go. */
const STREAMING_MIN_BYTES = 100 * 1000 * 1000;

export class FileSource implements Source {
  readonly report = new FileSourceReport();

  constructor(
    private readonly config: FileSourceConfig,
    private readonly ctx: RunContext,
  ) {}

  private async filenames(): Promise<string[]> {
    const root = path.resolve(this.ctx.baseDir, this.config.path);
    let info;
    try {
      info = await stat(root);
    } catch (e) {
      throw new Error(`file source: cannot read ${this.config.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (info.isFile()) return [root];
    const ext = this.config.file_extension;
    const entries = await readdir(root, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && (ext === '*' || e.name.endsWith(ext)))
      .map((e) => path.join(root, e.name))
      .sort();
  }

  private async modeFor(file: string, size: number): Promise<ReadMode> {
    if (this.config.read_mode !== 'AUTO') return this.config.read_mode;
    const mode = size < STREAMING_MIN_BYTES ? 'BATCH' : 'STREAM';
    this.ctx.logger.debug(`reading ${file} in ${mode} mode`);
    return mode;
  }

  async *workunits(): AsyncIterable<WorkUnit> {
    const { report } = this;
    const files = await this.filenames();
    report.totalNumFiles = files.length;
    const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
    report.totalBytesOnDisk = sizes.reduce((a, b) => a + b, 0);
    if (this.config.count_all_before_starting) {
      for (const f of files) report.totalRecords += await countJsonRecords(f);
    }

    for (const [i, file] of files.entries()) {
      const shown = path.relative(this.ctx.baseDir, file) || file;
      const records = readJsonRecords(file, await this.modeFor(file, sizes[i]!), () =>
        report.failure('Truncated file', 'the JSON array is not closed with "]"; the file may be incomplete', shown),
      );
      for await (const record of records) {
        report.recordsRead++;
        if ('error' in record) {
          report.failure('Malformed record', record.error, `${shown}[${record.index}]`);
          continue;
        }
        let mcps;
        try {
          mcps = fromFileRecord(record.value);
        } catch (e) {
          report.failure('Malformed record', (e as Error).message, `${shown}[${record.index}]`);
          continue;
        }
        const id = `file://${file}:${record.index}`;
        for (const [j, mcp] of mcps.entries()) yield workUnit(mcp, mcps.length > 1 ? `${id}:${j}` : id);
      }
      report.numFilesRead++;
      report.totalBytesRead += sizes[i]!;
    }
  }
}

export const fileSource: SourcePlugin<FileSourceConfig> = {
  type: 'file',
  description: "Reads MCPs and MCEs from DataHub metadata files (the file sink's JSON array, or JSON Lines)",
  configSchema: fileSourceConfigSchema,
  create: (config, ctx) => new FileSource(config, ctx),
};
