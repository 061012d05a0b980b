// `catalog reindex`: rebuild the derived indexes (search, lineage) from the store, the source of
// truth, wherever they live (embedded, Elasticsearch, Neo4j). Safe to run any time the server is
// stopped; each index is reset, then refilled. Indexes only: no change log is published.
import { openBackends } from '../../server/catalog.js';
import { reindexAll as reindexGraph } from '../../server/graph/indexer.js';
import { reindexAll as reindexSearch } from '../../server/search/indexer.js';
import { EXIT_OK } from '../output.js';
import { backendConfig, describeBackends, usingBackends, type BackendOptions } from './backends.js';

export async function reindexCommand(opts: BackendOptions): Promise<number> {
  // The bus stays in-process: reindexing writes nothing to the store and consumes nothing.
  const backends = { ...backendConfig(opts), events: undefined };
  const { store, search, graph, close } = await usingBackends(() => openBackends(backends));
  try {
    process.stderr.write(`reindexing: ${describeBackends(backends)}\n`);
    const t0 = Date.now();
    const searchReport = await reindexSearch(store, search, {
      onProgress: (n) => process.stderr.write(`\rsearch: ${n.toLocaleString('en-US')} entities`),
    });
    process.stderr.write('\n');
    const graphReport = await reindexGraph(store, graph);
    process.stdout.write(
      `search: ${searchReport.indexed.toLocaleString('en-US')} documents from ${searchReport.entities.toLocaleString('en-US')} entities\n` +
        `lineage: ${(await graph.count()).toLocaleString('en-US')} edges from ${graphReport.entities.toLocaleString('en-US')} entities\n` +
        `reindexed in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    return EXIT_OK;
  } finally {
    await close();
  }
}
