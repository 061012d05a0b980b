// Debezium source connectors (`io.debezium.connector.*`): one edge per captured table, from the
// table to its topic. The topic is `<topic.prefix>.<schema>.<table>` (PostgreSQL, Oracle, Db2),
// `<prefix>.<database>.<table>` (MySQL, MariaDB, MongoDB) or `<prefix>.<database>.<schema>.<table>`
// (SQL Server), then renamed by any routing transform. `topic.prefix` was `database.server.name`
// before Debezium 2. Tables come from `table.include.list` (`table.whitelist` before 1.3) when its
// entries are plain names; otherwise (patterns, or no list) from the connector's active topics,
// read back through the same naming rule.
import type { ConnectorManifest } from '../client.js';
import { javaRegex, parseTransforms, splitList, topicRouting, unwrapInfo } from '../transforms.js';
import { kafkaTopic, sqlTable, type ConnectLineage, type ConnectorLineage, type LineageContext } from './types.js';

export const DEBEZIUM_PREFIX = 'io.debezium.connector.';

interface Flavour {
  platform: string;
  /** How many name parts a table has after the prefix in its topic. */
  levels: 2 | 3;
  /** The dataset's database is database.dbname (the topic does not name it). */
  needsDatabase?: boolean;
  /** Table identifier parts (as in the include list) -> dataset database, schema, table. */
  table(database: string, parts: string[]): { database: string; schema: string | null; table: string };
}

const schemaTable: Flavour['table'] = (database, [schema, table]) => ({ database, schema: schema!, table: table! });
const FLAVOURS: Record<string, Flavour> = {
  postgresql: { platform: 'postgres', levels: 2, needsDatabase: true, table: schemaTable },
  oracle: { platform: 'oracle', levels: 2, needsDatabase: true, table: schemaTable },
  db2: { platform: 'db2', levels: 2, needsDatabase: true, table: schemaTable },
  mysql: { platform: 'mysql', levels: 2, table: (_db, [database, table]) => ({ database: database!, schema: null, table: table! }) },
  mariadb: { platform: 'mariadb', levels: 2, table: (_db, [database, table]) => ({ database: database!, schema: null, table: table! }) },
  mongodb: { platform: 'mongodb', levels: 2, table: (_db, [database, table]) => ({ database: database!, schema: null, table: table! }) },
  sqlserver: { platform: 'mssql', levels: 3, table: (_db, [database, schema, table]) => ({ database: database!, schema: schema!, table: table! }) },
};

/** `io.debezium.connector.postgresql.PostgresConnector` -> `postgresql`. */
export function debeziumFlavourName(connectorClass: string): string {
  return connectorClass.slice(DEBEZIUM_PREFIX.length).split('.')[0] ?? '';
}

/** An include-list entry that names one table (`public.artists`, `public\.artists`), as its parts. */
function literalTable(entry: string, levels: number): string[] | null {
  if (!/^[\w$-]+((\\\.|\.)[\w$-]+)*$/.test(entry)) return null;
  const parts = entry.split(/\\?\./);
  return parts.length === levels ? parts : null;
}

export function debeziumLineage(connector: ConnectorManifest, ctx: LineageContext): ConnectorLineage {
  const config = connector.config;
  const flavourName = debeziumFlavourName(config['connector.class'] ?? '');
  const flavour = FLAVOURS[flavourName];
  const transforms = parseTransforms(config);
  const unwrap = unwrapInfo(transforms);
  const flowProperties: Record<string, string> = {};
  if (unwrap) {
    flowProperties['unwrap.transform'] = unwrap.transform;
    if (unwrap.addedFields.length) flowProperties['unwrap.added_fields'] = unwrap.addedFields.join(',');
    if (unwrap.addedHeaders.length) flowProperties['unwrap.added_headers'] = unwrap.addedHeaders.join(',');
  }
  if (!flavour) {
    ctx.warning('Debezium connector not supported', `no table naming rule for Debezium's ${flavourName || config['connector.class']} connector; use generic_connectors`);
    return { lineages: [], flowProperties };
  }
  const prefix = config['topic.prefix'] ?? config['database.server.name'];
  if (!prefix) {
    ctx.warning('No topic prefix', 'neither topic.prefix nor database.server.name is set; topics cannot be named');
    return { lineages: [], flowProperties };
  }
  const database = config['database.dbname'] ?? splitList(config['database.names'])[0] ?? '';
  if (flavour.needsDatabase && !database) {
    ctx.warning('No database name', 'database.dbname is not set; the tables cannot be named');
    return { lineages: [], flowProperties };
  }
  const routing = topicRouting(transforms);
  for (const u of routing.unpredictable) ctx.warning('Topic routing not followed', u);

  const tables = capturedTables(config, flavour.levels, prefix, routing.applied.length > 0, ctx);
  const properties: Record<string, string> = {};
  if (unwrap?.addedFields.length) properties['unwrap.added_fields'] = unwrap.addedFields.join(',');
  const lineages: ConnectLineage[] = tables.map((parts) => {
    const t = flavour.table(database, parts);
    const topic = routing.route([prefix, ...parts].join('.'));
    return { source: sqlTable(flavour.platform, t.database, t.schema, t.table), target: kafkaTopic(topic), properties: { ...properties } };
  });
  return { lineages, flowProperties };
}

function capturedTables(config: Record<string, string>, levels: number, prefix: string, routed: boolean, ctx: LineageContext): string[][] {
  const include = splitList(config['table.include.list'] ?? config['table.whitelist']);
  const literal = include.map((e) => literalTable(e, levels));
  if (include.length && literal.every((p) => p !== null)) return literal as string[][];

  // Patterns, or no list at all: the tables are the ones the connector has written topics for.
  if (routed) {
    ctx.warning(
      'Tables not known',
      'the connector routes its topics and its table.include.list is not a list of table names, so its tables cannot be read back from topic names; list the tables in table.include.list or use generic_connectors',
    );
    return [];
  }
  const fromTopics: string[][] = [];
  for (const topic of ctx.ownTopics) {
    if (!topic.startsWith(`${prefix}.`)) continue;
    const parts = topic.slice(prefix.length + 1).split('.');
    if (parts.length !== levels) continue; // <prefix>.transaction, heartbeats, ...
    fromTopics.push(parts);
  }
  const patterns = include.map((e) => javaRegex(e, 'i'));
  const chosen = patterns.length ? fromTopics.filter((parts) => patterns.some((re) => re.test(parts.join('.')))) : fromTopics;
  if (chosen.length === 0) {
    ctx.warning(
      'Tables not known',
      include.length
        ? `table.include.list ${include.join(',')} matched none of the connector's topics`
        : 'the connector has no table.include.list and no topics yet (or the topics API is off)',
    );
  }
  return chosen;
}
