// Opens the lineage graph a URL names:
//   embedded (or nothing)          PgLineageGraph: an edge table in the store's own database
//   bolt://host:7687  neo4j://…    Neo4jLineageGraph: Neo4j 5; user:password in the URL when the
//       server has authentication; ?database=neo4j&label=LineageNode
import { BackendUrlError, isEmbedded, nameParam, parseBackendUrl } from '../backend-url.js';
import type { SqlDriver } from '../store/sql/driver.js';
import type { LineageGraph } from './lineage-graph.js';
import { PgLineageGraph } from './pg/pg-lineage-graph.js';

export const ACCEPTED_GRAPH_URLS = [
  'embedded  (default: an edge table in the store\'s database)',
  'bolt://host:7687  or  neo4j://user:password@host:7687  (Neo4j 5; ?database=neo4j&label=LineageNode)',
];

export interface GraphContext {
  /** The store's database, for the embedded graph; null when the store is not at hand. */
  store: { driver: SqlDriver; schema?: string } | null;
}

export async function openLineageGraph(url: string | undefined, context: GraphContext): Promise<LineageGraph> {
  if (isEmbedded(url)) {
    if (!context.store) throw new BackendUrlError('the embedded lineage graph lives in the store\'s database; give a store URL');
    return PgLineageGraph.open(context.store.driver, { schema: context.store.schema });
  }
  const parsed = parseBackendUrl('graph', url!, ACCEPTED_GRAPH_URLS);
  if (!['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'].includes(parsed.protocol)) {
    throw new BackendUrlError(`unsupported graph URL scheme "${parsed.protocol}"; use one of:\n  ${ACCEPTED_GRAPH_URLS.join('\n  ')}`);
  }
  const database = parsed.searchParams.has('database') ? nameParam(parsed, 'database', '') : undefined;
  const label = nameParam(parsed, 'label', 'LineageNode');
  parsed.search = '';
  const { Neo4jLineageGraph } = await import('./neo4j/neo4j-lineage-graph.js'); // on demand: neo4j-driver is slow to load
  return Neo4jLineageGraph.open({ url: parsed.href, database, label });
}
