// The `datahub-rest` sink (alias `catalog-rest`): writes over DataHub's REST protocol to this
// catalog's server or to a DataHub GMS. A batch the server rejects is retried proposal by proposal
// so the report names exactly which ones failed.
import type { RunContext, Sink, SinkPlugin } from '../../api/plugin.js';
import { SinkReport } from '../../api/report.js';
import type { WorkUnit } from '../../api/workunit.js';
import { DatahubRestClient } from './client.js';
import { datahubRestSinkConfigSchema, type DatahubRestSinkConfig } from './config.js';

class DatahubRestSink implements Sink {
  readonly report = new SinkReport();
  constructor(
    private readonly client: DatahubRestClient,
    private readonly config: DatahubRestSinkConfig,
  ) {}

  get catalog() {
    return this.client;
  }

  private async writeOneByOne(units: WorkUnit[]): Promise<void> {
    for (const { mcp } of units) {
      try {
        await this.client.ingestOne(mcp);
        this.report.recordsWritten++;
      } catch (e) {
        this.report.failure('Write failed', (e as Error).message, `${mcp.entityUrn} ${mcp.aspectName ?? mcp.changeType}`);
      }
    }
  }

  async write(batch: WorkUnit[]): Promise<void> {
    if (this.config.mode !== 'ASYNC_BATCH') return this.writeOneByOne(batch);
    for (let i = 0; i < batch.length; i += this.config.max_per_batch) {
      const chunk = batch.slice(i, i + this.config.max_per_batch);
      try {
        await this.client.ingestBatch(chunk.map((w) => w.mcp));
        this.report.recordsWritten += chunk.length;
      } catch {
        await this.writeOneByOne(chunk);
      }
    }
  }

  async close(): Promise<void> {
    this.report.endTime ??= Date.now();
  }
}

export const datahubRestSink: SinkPlugin<DatahubRestSinkConfig> = {
  type: 'datahub-rest',
  aliases: ['catalog-rest'],
  description: "Writes over DataHub's REST protocol to a catalog server (or a DataHub GMS)",
  configSchema: datahubRestSinkConfigSchema,
  async create(config: DatahubRestSinkConfig, ctx: Omit<RunContext, 'catalog'>) {
    ctx.registerSecret(config.token);
    const client = new DatahubRestClient({
      server: config.server,
      token: config.token,
      timeoutSec: config.timeout_sec,
      retryStatusCodes: config.retry_status_codes,
      retryMaxTimes: config.retry_max_times,
      extraHeaders: config.extra_headers,
    });
    await client.checkServer();
    ctx.logger.info(`writing to ${config.server}`);
    return new DatahubRestSink(client, config);
  },
};
