// JDBC connectors. Confluent's JDBC source (`io.confluent.connect.jdbc.JdbcSourceConnector`):
// each table of `table.whitelist` / `table.include.list` goes to topic `<topic.prefix><table>`;
// in query mode (`query`) everything goes to the topic `<topic.prefix>` and the input is not
// named. JDBC sinks (Confluent's and Debezium's `JdbcSinkConnector`): each topic goes to table
// `table.name.format` (`collection.name.format` in Debezium 3) with `${topic}` replaced; Debezium's
// default naming turns the topic's dots into underscores. The database comes from `connection.url`.
import type { ConnectorManifest } from '../client.js';
import { parseTransforms, splitList, topicRouting } from '../transforms.js';
import { sinkTopics } from './sink-topics.js';
import { kafkaTopic, sqlTable, type ConnectLineage, type ConnectorLineage, type LineageContext } from './types.js';

export const JDBC_SOURCE_CLASS = 'io.confluent.connect.jdbc.JdbcSourceConnector';
export const JDBC_SINK_CLASSES = ['io.confluent.connect.jdbc.JdbcSinkConnector', 'io.debezium.connector.jdbc.JdbcSinkConnector'];

/** JDBC sub-protocol -> DataHub platform name. */
const PLATFORMS: Record<string, string> = {
  postgresql: 'postgres', mysql: 'mysql', mariadb: 'mariadb', sqlserver: 'mssql', jtds: 'mssql', oracle: 'oracle', db2: 'db2',
  redshift: 'redshift', snowflake: 'snowflake', clickhouse: 'clickhouse', sqlite: 'sqlite', trino: 'trino', presto: 'presto',
};
/** Platforms whose tables sit in a schema inside the database, and the schema a bare table name means. */
const DEFAULT_SCHEMA: Record<string, string> = { postgres: 'public', redshift: 'public', mssql: 'dbo', snowflake: 'PUBLIC' };

export interface JdbcUrl {
  platform: string;
  database: string | null;
}

/** `jdbc:postgresql://host:5432/moma?ssl=true` -> postgres, moma; `jdbc:sqlserver://h;databaseName=x` -> mssql, x. */
export function parseJdbcUrl(url: string): JdbcUrl | null {
  const m = /^jdbc:([a-z0-9]+):(.*)$/i.exec(url.trim());
  if (!m) return null;
  const sub = m[1]!.toLowerCase();
  const rest = m[2]!;
  const platform = PLATFORMS[sub] ?? sub;
  const named = /[;?&](?:databaseName|database|db)=([^;&]+)/i.exec(rest);
  if (named) return { platform, database: named[1]! };
  const path = /^\/\/[^/?;]*\/([^?;]+)/.exec(rest);
  if (path) return { platform, database: decodeURIComponent(path[1]!) };
  const oracle = /@(?:\/\/)?[^/:]+(?::\d+)?[/:]([\w.$-]+)$/.exec(rest);
  return { platform, database: oracle ? oracle[1]! : null };
}

interface JdbcConnection {
  platform: string;
  database: string;
}

function connection(connector: ConnectorManifest, ctx: LineageContext): JdbcConnection | null {
  const url = connector.config['connection.url'];
  const parsed = url ? parseJdbcUrl(url) : null;
  if (!parsed || !parsed.database) {
    ctx.warning('Unreadable connection.url', url ? 'connection.url names no database (jdbc:<db>://host:port/<database>)' : 'connection.url is not set');
    return null;
  }
  return { platform: parsed.platform, database: parsed.database };
}

/** A table identifier (`artists`, `public.artists`, `moma.public.artists`, quoted or not) as a dataset. */
function tableRef(jdbc: JdbcConnection, identifier: string) {
  const parts = identifier.split('.').map((p) => p.replace(/^["`[]|["`\]]$/g, ''));
  const table = parts.pop()!;
  const schemaDefault = DEFAULT_SCHEMA[jdbc.platform] ?? null;
  const schema = schemaDefault === null ? null : (parts.pop() ?? schemaDefault);
  const database = parts.pop() ?? jdbc.database;
  return sqlTable(jdbc.platform, database, schema, table);
}

export function jdbcSourceLineage(connector: ConnectorManifest, ctx: LineageContext): ConnectorLineage {
  const config = connector.config;
  const jdbc = connection(connector, ctx);
  const flowProperties: Record<string, string> = {};
  if (config.mode) flowProperties.mode = config.mode;
  if (!jdbc) return { lineages: [], flowProperties };
  const prefix = config['topic.prefix'] ?? '';
  const routing = topicRouting(parseTransforms(config));
  for (const u of routing.unpredictable) ctx.warning('Topic routing not followed', u);
  if (config.query) {
    ctx.warning('Query mode', 'the connector reads a query; its input tables are not parsed from it, so the topic has no upstream');
    return { lineages: [{ source: null, target: kafkaTopic(routing.route(prefix)), properties: { query: config.query } }], flowProperties };
  }
  let tables = splitList(config['table.whitelist'] ?? config['table.include.list']);
  if (tables.length === 0) {
    // Every table the connector found: read back from its topics.
    tables = ctx.ownTopics.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));
    if (tables.length === 0) ctx.warning('Tables not known', 'no table.whitelist / table.include.list and no topics yet (or the topics API is off)');
  }
  const lineages: ConnectLineage[] = tables.map((identifier) => {
    const bare = identifier.split('.').pop()!.replace(/^["`[]|["`\]]$/g, '');
    return { source: tableRef(jdbc, identifier), target: kafkaTopic(routing.route(`${prefix}${bare}`)) };
  });
  return { lineages, flowProperties };
}

export function jdbcSinkLineage(connector: ConnectorManifest, ctx: LineageContext): ConnectorLineage {
  const config = connector.config;
  const jdbc = connection(connector, ctx);
  if (!jdbc) return { lineages: [], flowProperties: {} };
  const debezium = config['connector.class'] === JDBC_SINK_CLASSES[1];
  const format = config['collection.name.format'] ?? config['table.name.format'] ?? '${topic}';
  const routing = topicRouting(parseTransforms(config));
  const lineages: ConnectLineage[] = [];
  for (const topic of sinkTopics(connector, ctx)) {
    const routed = routing.route(topic);
    let table = format.replace(/\$\{topic\}/g, debezium ? routed.replace(/\./g, '_') : routed);
    if (/\$\{[^}]+\}/.test(table)) {
      ctx.warning('Table name not known', `table name format ${format} depends on the record (${table}); topic ${topic} has no table`);
      continue;
    }
    if (debezium) table = table.replace(/\./g, '_');
    lineages.push({ source: kafkaTopic(topic), target: tableRef(jdbc, table) });
  }
  return { lineages, flowProperties: { 'table.name.format': format } };
}
