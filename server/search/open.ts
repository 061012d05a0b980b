// Opens the search engine a URL names:
//   embedded (or nothing)     MemorySearchEngine: an index in this process's memory, its durable copy
//                             in the store's own database (PGlite or server), loaded on open
//   embedded:fulltext         PgSearchEngine: PostgreSQL full text in the store's database, nothing
//                             held in memory (slower: see docs/BENCHMARKS.md, Search)
//   http://host:9200  https://…   EsSearchEngine: Elasticsearch 8, options in the query string:
//       ?index=catalog_search  &refresh=wait_for|true|false  &shards=1  &replicas=0
import { BackendUrlError, choiceParam, intParam, isEmbedded, nameParam, parseBackendUrl, withoutQuery } from '../backend-url.js';
import type { SqlDriver } from '../store/sql/driver.js';
import { MemorySearchEngine } from './memory/memory-search-engine.js';
import { PgSearchEngine } from './pg/pg-search-engine.js';
import type { SearchEngine } from './search-engine.js';

export const ACCEPTED_SEARCH_URLS = [
  'embedded  (default: an index in memory, kept durable in the store\'s database)',
  'embedded:fulltext  (PostgreSQL full text in the store\'s database, nothing in memory)',
  'http://host:9200  or  https://user:password@host:9200  (Elasticsearch 8; ?index=catalog_search&refresh=wait_for&shards=1&replicas=0)',
];

export interface SearchContext {
  /** The store's database, for the embedded engine; null when the store is not at hand. */
  store: { driver: SqlDriver; schema?: string } | null;
  /** Only writes (an ingesting process): the embedded engine then loads no index when its database is a server. */
  writeOnly?: boolean;
}

export async function openSearchEngine(url: string | undefined, context: SearchContext): Promise<SearchEngine> {
  if (isEmbedded(url) || url === 'embedded:fulltext') {
    if (!context.store) throw new BackendUrlError('the embedded search engine lives in the store\'s database; give a store URL');
    const options = { schema: context.store.schema };
    if (url === 'embedded:fulltext') return PgSearchEngine.open(context.store.driver, options);
    // On PGlite the snapshot makes loading cheap, and a writer keeps it fresh for the next start.
    return MemorySearchEngine.open(context.store.driver, { ...options, writeOnly: context.writeOnly === true && context.store.driver.kind === 'postgres' });
  }
  const parsed = parseBackendUrl('search', url!, ACCEPTED_SEARCH_URLS);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new BackendUrlError(`unsupported search URL scheme "${parsed.protocol}"; use one of:\n  ${ACCEPTED_SEARCH_URLS.join('\n  ')}`);
  }
  const refresh = choiceParam(parsed, 'refresh', ['wait_for', 'true', 'false'], 'wait_for');
  // Loaded on demand: the Elasticsearch client is a fifth of a second of every start otherwise.
  const { EsSearchEngine } = await import('./elasticsearch/es-search-engine.js');
  return EsSearchEngine.open({
    node: withoutQuery(parsed),
    index: nameParam(parsed, 'index', 'catalog_search').toLowerCase(),
    refresh: refresh === 'wait_for' ? 'wait_for' : refresh === 'true',
    shards: intParam(parsed, 'shards', 1),
    replicas: intParam(parsed, 'replicas', 0, 0),
  });
}
