// `catalog consume`: a consumer-only process. Reads the change logs from Kafka and keeps search
// and the lineage graph up to date, and applies MetadataChangeProposals written to Kafka to the
// store; run as many as the topics have partitions (they share the work per consumer group).
// The serving processes then run with `catalog serve --role api`.
import { createIndexers, type ConsumerRole } from '../../server/catalog.js';
import { EXIT_OK, UsageError } from '../output.js';
import { backendConfig, describeBackends, usingBackends, type BackendOptions } from './backends.js';

export async function consumeCommand(opts: BackendOptions & { only?: string }): Promise<number> {
  if (opts.only !== undefined && !['search', 'graph', 'proposals'].includes(opts.only)) throw new UsageError(`--only must be search, graph or proposals, got "${opts.only}"`);
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const backends = backendConfig(opts);
  const indexers = await usingBackends(() => createIndexers({ ...backends, log, only: opts.only as ConsumerRole | undefined }));
  process.stdout.write(`catalog consuming change logs: ${opts.only ?? 'search, lineage and proposals'} consumers; ${describeBackends(backends)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  log('shutting down');
  await indexers.close();
  return EXIT_OK;
}
