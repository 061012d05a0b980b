// The `file` sink: a JSON array of MCPs in DataHub's file-sink format, written as it goes
// (`[`, each record, `]` on close), so DataHub's own `file` source can read it back.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { RunContext, Sink, SinkPlugin } from '../../api/plugin.js';
import { SinkReport } from '../../api/report.js';
import type { WorkUnit } from '../../api/workunit.js';
import { pythonStyleJson, toFileRecord } from '../../common/datahub-file-format.js';
import { fileSinkConfigSchema, type FileSinkConfig } from './config.js';

export class FileSink implements Sink {
  readonly report = new SinkReport();
  private wroteSomething = false;
  private closed = false;

  private constructor(
    private readonly file: FileHandle,
    private readonly config: FileSinkConfig,
  ) {}

  static async open(config: FileSinkConfig, baseDir: string): Promise<FileSink> {
    const target = path.resolve(baseDir, config.filename);
    await mkdir(path.dirname(target), { recursive: true });
    const file = await open(target, 'w');
    await file.write('[\n');
    return new FileSink(file, config);
  }

  async write(batch: WorkUnit[]): Promise<void> {
    const texts: string[] = [];
    for (const wu of batch) {
      try {
        const json = pythonStyleJson(toFileRecord(wu.mcp, { legacyNestedJsonString: this.config.legacy_nested_json_string }), 4);
        texts.push(this.wroteSomething || texts.length > 0 ? `,\n${json}` : json);
      } catch (e) {
        this.report.failure('Write failed', (e as Error).message, `${wu.mcp.entityUrn} ${wu.mcp.aspectName ?? wu.mcp.changeType}`);
      }
    }
    if (texts.length === 0) return;
    await this.file.write(texts.join(''));
    this.wroteSomething = true;
    this.report.recordsWritten += texts.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.file.write('\n]');
    } finally {
      await this.file.close();
    }
  }
}

export const fileSink: SinkPlugin<FileSinkConfig> = {
  type: 'file',
  description: "Writes MCPs to a JSON file in DataHub's file-sink format",
  configSchema: fileSinkConfigSchema,
  create: (config: FileSinkConfig, ctx: Omit<RunContext, 'catalog'>) => FileSink.open(config, ctx.baseDir),
};
