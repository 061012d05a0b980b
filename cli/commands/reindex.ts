// `catalog reindex`: rebuild the derived indexes (search, lineage) from the store, the source of
// truth. Safe to run any time the server is stopped; each index is reset, then refilled.
import { DEFAULT_STORE_URL } from '../../ingest/sinks/catalog/config.js';
import { createCatalog } from '../../server/catalog.js';
import { reindexAll as reindexGraph } from '../../server/graph/indexer.js';
import { reindexAll as reindexSearch } from '../../server/search/indexer.js';
import { EXIT_OK } from '../output.js';

export async function reindexCommand(opts: { store?: string }): Promise<number> {
  const catalog = await createCatalog({ store: opts.store ?? process.env.CATALOG_STORE ?? DEFAULT_STORE_URL, auth: true });
  try {
    const t0 = Date.now();
    const search = await reindexSearch(catalog.store, catalog.search, {
      onProgress: (n) => process.stderr.write(`\rsearch: ${n.toLocaleString('en-US')} entities`),
    });
    process.stderr.write('\n');
    const graph = await reindexGraph(catalog.store, catalog.graph);
    process.stdout.write(
      `search: ${search.indexed.toLocaleString('en-US')} documents from ${search.entities.toLocaleString('en-US')} entities\n` +
        `lineage: ${(await catalog.graph.count()).toLocaleString('en-US')} edges from ${graph.entities.toLocaleString('en-US')} entities\n` +
        `reindexed in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    return EXIT_OK;
  } finally {
    await catalog.close();
  }
}
