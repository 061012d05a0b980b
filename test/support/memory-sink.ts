// A sink plugin for tests that keeps every work unit it is given, in order.
import { z } from 'zod';
import type { SinkPlugin } from '../../ingest/api/plugin.js';
import { SinkReport } from '../../ingest/api/report.js';
import type { WorkUnit } from '../../ingest/api/workunit.js';

export function memorySink(out: WorkUnit[], type = 'memory'): SinkPlugin<Record<string, never>> {
  return {
    type,
    description: 'captures work units (tests)',
    configSchema: z.strictObject({}),
    create: () => {
      const report = new SinkReport();
      return {
        report,
        async write(batch: WorkUnit[]) {
          out.push(...batch);
          report.recordsWritten += batch.length;
        },
        async close() {},
      };
    },
  };
}
