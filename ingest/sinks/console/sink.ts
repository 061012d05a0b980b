// The `console` sink: prints each MCP as one line of JSON on stdout, in the file-sink record form,
// so `catalog ingest ... > out.jsonl` can be read back by the `file` source.
import { z } from 'zod';
import type { Sink, SinkPlugin } from '../../api/plugin.js';
import { SinkReport } from '../../api/report.js';
import type { WorkUnit } from '../../api/workunit.js';
import { toFileRecord } from '../../common/datahub-file-format.js';

export const consoleSinkConfigSchema = z.strictObject({});
export type ConsoleSinkConfig = z.infer<typeof consoleSinkConfigSchema>;

export type LineWriter = (text: string) => void;

export class ConsoleSink implements Sink {
  readonly report = new SinkReport();
  constructor(private readonly out: LineWriter = (text) => void process.stdout.write(text)) {}

  async write(batch: WorkUnit[]): Promise<void> {
    if (batch.length === 0) return;
    this.out(batch.map((wu) => `${JSON.stringify(toFileRecord(wu.mcp))}\n`).join(''));
    this.report.recordsWritten += batch.length;
  }

  async close(): Promise<void> {}
}

export const consoleSink: SinkPlugin<ConsoleSinkConfig> = {
  type: 'console',
  description: 'Prints each MCP as a line of JSON on standard output',
  configSchema: consoleSinkConfigSchema,
  create: () => new ConsoleSink(),
};
