// The `catalog` sink: writes straight into the catalog's store (embedded PGlite or a PostgreSQL
// server), one transaction per batch. Invalid aspects are reported with their URN and skipped;
// a batch the store rejects is retried item by item so one bad proposal loses nothing else.
import type { CatalogConnection } from '../../api/catalog-client.js';
import type { RunContext, Sink, SinkPlugin } from '../../api/plugin.js';
import { SinkReport } from '../../api/report.js';
import type { WorkUnit } from '../../api/workunit.js';
import { validateAspect } from '../../../model/aspects/registry.js';
import { catalogSinkConfigSchema, type CatalogSinkConfig } from './config.js';

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:********@');
}

class CatalogSink implements Sink {
  readonly report = new SinkReport();
  constructor(private readonly connection: CatalogConnection) {}

  get catalog() {
    return this.connection.reader;
  }

  private valid(batch: WorkUnit[]): WorkUnit[] {
    return batch.filter((wu) => {
      const { mcp } = wu;
      if (mcp.changeType === 'PATCH' || mcp.changeType === 'DELETE' || !mcp.aspectName) return true;
      const v = validateAspect(mcp.aspectName, mcp.aspect);
      if (v.ok) return true;
      this.report.failure('Invalid aspect', v.errors.slice(0, 3).join('; '), `${mcp.entityUrn} ${mcp.aspectName}`);
      return false;
    });
  }

  async write(batch: WorkUnit[]): Promise<void> {
    const valid = this.valid(batch);
    if (valid.length === 0) return;
    try {
      await this.connection.write(valid.map((wu) => wu.mcp));
      this.report.recordsWritten += valid.length;
    } catch (batchError) {
      if (valid.length === 1) {
        const { mcp } = valid[0]!;
        this.report.failure('Write failed', (batchError as Error).message, `${mcp.entityUrn} ${mcp.aspectName ?? mcp.changeType}`);
        return;
      }
      for (const wu of valid) await this.write([wu]);
    }
  }

  async close(): Promise<void> {
    this.report.endTime ??= Date.now();
    await this.connection.close();
  }
}

export const catalogSink: SinkPlugin<CatalogSinkConfig> = {
  type: 'catalog',
  aliases: ['datahub-lite'],
  description: 'Writes into the catalog store directly (embedded PGlite or a PostgreSQL server)',
  configSchema: catalogSinkConfigSchema,
  async create(config: CatalogSinkConfig, ctx: Omit<RunContext, 'catalog'>) {
    if (!ctx.connectCatalog) throw new Error('the catalog sink needs a catalog connector (run it through `catalog ingest` or createPipeline())');
    ctx.logger.info(`writing to ${redactUrl(config.store)}`);
    return new CatalogSink(await ctx.connectCatalog(config.store));
  },
};
