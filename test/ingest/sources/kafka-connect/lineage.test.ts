// Connector config -> lineage, for the connectors the seeds deploy (fixtures/seed-connectors.json,
// copied verbatim from seeds-streaming.md §2.4) and for the JDBC connectors and transforms the
// source understands. The configs are what Connect's REST API returns under `config` (strings).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectorManifest } from '../../../../ingest/sources/kafka-connect/client.js';
import { kafkaConnectSourceConfigSchema } from '../../../../ingest/sources/kafka-connect/config.js';
import { extractorFor, type ConnectLineage } from '../../../../ingest/sources/kafka-connect/lineage/index.js';
import { parseJdbcUrl } from '../../../../ingest/sources/kafka-connect/lineage/jdbc.js';
import { lineageDatasetUrn } from '../../../../ingest/sources/kafka-connect/naming.js';
import { flowProposals, jobProposals } from '../../../../ingest/sources/kafka-connect/proposals.js';
import { resolveProvidedConfigs } from '../../../../ingest/sources/kafka-connect/provided-configs.js';
import { parseTransforms, topicRouting, unwrapInfo } from '../../../../ingest/sources/kafka-connect/transforms.js';

const seeds = JSON.parse(readFileSync(path.resolve('test/ingest/sources/kafka-connect/fixtures/seed-connectors.json'), 'utf8')).connectors as Record<
  string,
  { name: string; config: Record<string, unknown> }
>;
const defaults = kafkaConnectSourceConfigSchema.parse({});

function connector(name: string, type: 'source' | 'sink', config: Record<string, unknown>, topics: string[] | null = null): ConnectorManifest {
  const strings = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)]));
  return { name, type, config: strings, tasks: [], state: 'RUNNING', taskStates: ['RUNNING'], taskErrors: [], topics };
}
const seed = (key: string, type: 'source' | 'sink', topics: string[] | null = null) => connector(seeds[key]!.name, type, seeds[key]!.config, topics);

function lineage(c: ConnectorManifest, knownTopics: string[] = []) {
  const warnings: string[] = [];
  const result = extractorFor(c, defaults)!(c, {
    ownTopics: c.topics ?? [],
    knownTopics,
    warning: (title, message) => warnings.push(`${title}: ${message}`),
    info: () => {},
  });
  const urns = (l: ConnectLineage) => [l.source ? lineageDatasetUrn(defaults, c.name, l.source) : null, lineageDatasetUrn(defaults, c.name, l.target)];
  return { edges: result.lineages.map(urns), lineages: result.lineages, flowProperties: result.flowProperties, warnings };
}
const pg = (name: string) => `urn:li:dataset:(urn:li:dataPlatform:postgres,${name},PROD)`;
const kafka = (name: string) => `urn:li:dataset:(urn:li:dataPlatform:kafka,${name},PROD)`;
const s3 = (name: string) => `urn:li:dataset:(urn:li:dataPlatform:s3,${name},PROD)`;

describe('the seeds\' MoMA flow (Debezium before 2.0, Confluent S3 sink with Avro)', () => {
  it('names topics from database.server.name when there is no topic.prefix', () => {
    const { edges, warnings } = lineage(seed('A', 'source'));
    expect(edges).toEqual([
      [pg('moma.public.artists'), kafka('moma.public.artists')],
      [pg('moma.public.artworks'), kafka('moma.public.artworks')],
    ]);
    expect(warnings).toEqual([]);
  });

  it('recognises the unwrap transform\'s extra columns', () => {
    const { flowProperties, lineages } = lineage(seed('A', 'source'));
    expect(flowProperties['unwrap.added_fields']).toBe('__op,__db,__table,__schema,__lsn,__source_ts_ms,__deleted');
    expect(lineages[0]!.properties).toEqual({ 'unwrap.added_fields': '__op,__db,__table,__schema,__lsn,__source_ts_ms,__deleted' });
  });

  it('sends each topic matched by topics.regex to <bucket>/topics/<topic>', () => {
    const known = ['moma.public.artists', 'moma.public.artworks', 'pagila.public.film', 'connect-configs'];
    const { edges, flowProperties } = lineage(seed('B', 'sink'), known);
    expect(edges).toEqual([
      [kafka('moma.public.artists'), s3('<your_data_lake_bucket>/topics/moma.public.artists')],
      [kafka('moma.public.artworks'), s3('<your_data_lake_bucket>/topics/moma.public.artworks')],
    ]);
    expect(flowProperties['format.class']).toBe('io.confluent.connect.s3.format.avro.AvroFormat');
  });
});

describe('the seeds\' Pagila flow (Debezium, Confluent S3 sink with Parquet)', () => {
  it('links the six tables of table.include.list, before and after the unwrap transform was added', () => {
    for (const key of ['C', 'D']) {
      const { edges } = lineage(seed(key, 'source'));
      expect(edges.map((e) => e[1])).toEqual(['actor', 'film', 'film_actor', 'category', 'film_category', 'language'].map((t) => kafka(`pagila.public.${t}`)));
      expect(edges[1]![0]).toBe(pg('pagila.public.film'));
    }
    expect(lineage(seed('C', 'source')).flowProperties['unwrap.added_fields']).toBeUndefined();
  });

  it('writes Parquet under your-s3-bucket/topics, with topics.dir honoured when set', () => {
    const sink = seed('E', 'sink');
    expect(lineage(sink, ['pagila.public.film']).edges).toEqual([[kafka('pagila.public.film'), s3('your-s3-bucket/topics/pagila.public.film')]]);
    sink.config['topics.dir'] = '/raw/cdc/';
    expect(lineage(sink, ['pagila.public.film']).edges).toEqual([[kafka('pagila.public.film'), s3('your-s3-bucket/raw/cdc/pagila.public.film')]]);
  });

  it('reads the topics of a sink from its own active topics too, and warns when topics.regex matches none', () => {
    const sink = seed('E', 'sink', ['pagila.public.actor']);
    expect(lineage(sink).edges).toEqual([[kafka('pagila.public.actor'), s3('your-s3-bucket/topics/pagila.public.actor')]]);
    const lonely = lineage(seed('E', 'sink'), ['moma.public.artists']);
    expect(lonely.edges).toEqual([]);
    expect(lonely.warnings).toEqual(['topics.regex matched no topic: topics.regex pagila.public.(.*) matched none of the 1 topics known to this run']);
  });

  it('makes one job per topic named after it, as DataHub does', () => {
    const sink = seed('E', 'sink');
    const { lineages } = lineage(sink, ['pagila.public.film', 'pagila.public.actor']);
    const { jobs } = jobProposals(defaults, sink, lineages);
    expect(jobs.map((j) => j.urn)).toEqual([
      'urn:li:dataJob:(urn:li:dataFlow:(kafka-connect,s3_sink_connector_05_debezium_avro,PROD),pagila.public.actor)',
      'urn:li:dataJob:(urn:li:dataFlow:(kafka-connect,s3_sink_connector_05_debezium_avro,PROD),pagila.public.film)',
    ]);
  });
});

describe('Debezium table lists', () => {
  const base = { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'database.dbname': 'pagila', 'topic.prefix': 'pg' };

  it('expands a table.include.list pattern against the connector\'s topics', () => {
    const c = connector('dbz', 'source', { ...base, 'table.include.list': 'public\\.film.*' }, ['pg.public.film', 'pg.public.film_actor', 'pg.public.actor', 'pg.transaction']);
    expect(lineage(c).edges).toEqual([
      [pg('pagila.public.film'), kafka('pg.public.film')],
      [pg('pagila.public.film_actor'), kafka('pg.public.film_actor')],
    ]);
  });

  it('says when a routed connector\'s tables cannot be read back from its topics', () => {
    const c = connector('dbz', 'source', { ...base, transforms: 'r', 'transforms.r.type': 'org.apache.kafka.connect.transforms.RegexRouter', 'transforms.r.regex': '.*', 'transforms.r.replacement': 'all' }, ['all']);
    const { edges, warnings } = lineage(c);
    expect(edges).toEqual([]);
    expect(warnings[0]).toMatch(/^Tables not known: the connector routes its topics/);
  });

  it('names MySQL tables database.table and SQL Server tables database.schema.table', () => {
    const mysql = connector('m', 'source', { 'connector.class': 'io.debezium.connector.mysql.MySqlConnector', 'topic.prefix': 'shop', 'table.include.list': 'inventory.orders' });
    expect(lineage(mysql).edges).toEqual([['urn:li:dataset:(urn:li:dataPlatform:mysql,inventory.orders,PROD)', kafka('shop.inventory.orders')]]);
    const mssql = connector('s', 'source', { 'connector.class': 'io.debezium.connector.sqlserver.SqlServerConnector', 'topic.prefix': 'erp', 'database.names': 'sales' }, ['erp.sales.dbo.orders']);
    expect(lineage(mssql).edges).toEqual([['urn:li:dataset:(urn:li:dataPlatform:mssql,sales.dbo.orders,PROD)', kafka('erp.sales.dbo.orders')]]);
  });

  it('warns, naming the key, when there is no topic prefix', () => {
    const { warnings } = lineage(connector('dbz', 'source', { 'connector.class': base['connector.class'], 'database.dbname': 'x', 'table.include.list': 'public.a' }));
    expect(warnings).toEqual(['No topic prefix: neither topic.prefix nor database.server.name is set; topics cannot be named']);
  });
});

describe('Confluent JDBC connectors', () => {
  const source = {
    'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector',
    'connection.url': 'jdbc:postgresql://rds.example.com:5432/pagila?sslmode=require',
    'connection.password': 'hunter2',
    mode: 'timestamp',
    'timestamp.column.name': 'last_update',
    'topic.prefix': 'pagila-jdbc-',
  };

  it('reads table.whitelist as tables (bare names in schema public) going to <topic.prefix><table>', () => {
    const c = connector('jdbc', 'source', { ...source, 'table.whitelist': 'film,sales.payment' });
    expect(lineage(c).edges).toEqual([
      [pg('pagila.public.film'), kafka('pagila-jdbc-film')],
      [pg('pagila.sales.payment'), kafka('pagila-jdbc-payment')],
    ]);
  });

  it('finds the tables from the topics when none are listed', () => {
    const c = connector('jdbc', 'source', source, ['pagila-jdbc-actor']);
    expect(lineage(c).edges).toEqual([[pg('pagila.public.actor'), kafka('pagila-jdbc-actor')]]);
  });

  it('in query mode, writes to the topic named by topic.prefix with no named input, and says so', () => {
    const c = connector('jdbc', 'source', { ...source, query: 'select * from film join language using (language_id)', 'topic.prefix': 'film_with_language' });
    const { edges, warnings } = lineage(c);
    expect(edges).toEqual([[null, kafka('film_with_language')]]);
    expect(warnings[0]).toMatch(/^Query mode:/);
    const { jobs } = jobProposals(defaults, c, lineage(c).lineages);
    expect(jobs[0]!.urn).toBe('urn:li:dataJob:(urn:li:dataFlow:(kafka-connect,jdbc,PROD),unknown_source.film_with_language)');
  });

  it('sinks each topic into table.name.format, schema and database from the name or the URL', () => {
    const sink = connector('jdbc-sink', 'sink', {
      'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
      'connection.url': 'jdbc:postgresql://warehouse:5432/dw',
      topics: 'moma.public.artists,orders',
      'table.name.format': 'raw_${topic}',
    });
    expect(lineage(sink).edges).toEqual([
      [kafka('moma.public.artists'), pg('raw_moma.public.artists')],
      [kafka('orders'), pg('dw.public.raw_orders')],
    ]);
  });

  it('sinks with Debezium\'s JDBC sink into ${topic} with dots as underscores', () => {
    const sink = connector('dbz-sink', 'sink', {
      'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
      'connection.url': 'jdbc:postgresql://warehouse:5432/dw',
      'topics.regex': 'moma\\.public\\..*',
    });
    expect(lineage(sink, ['moma.public.artists']).edges).toEqual([[kafka('moma.public.artists'), pg('dw.public.moma_public_artists')]]);
  });

  it('parses the JDBC URLs of the common databases', () => {
    expect(parseJdbcUrl('jdbc:postgresql://h:5432/moma?ssl=true')).toEqual({ platform: 'postgres', database: 'moma' });
    expect(parseJdbcUrl('jdbc:mysql://h:3306/shop')).toEqual({ platform: 'mysql', database: 'shop' });
    expect(parseJdbcUrl('jdbc:sqlserver://h:1433;databaseName=sales;encrypt=true')).toEqual({ platform: 'mssql', database: 'sales' });
    expect(parseJdbcUrl('jdbc:oracle:thin:@//db.example.com:1521/ORCLPDB1')).toEqual({ platform: 'oracle', database: 'ORCLPDB1' });
    expect(parseJdbcUrl('jdbc:postgresql://h:5432/')).toEqual({ platform: 'postgres', database: null });
    expect(parseJdbcUrl('postgres://h/db')).toBeNull();
  });
});

describe('transforms and config providers', () => {
  it('applies RegexRouters in order with Java\'s full-match and $n replacement', () => {
    const routing = topicRouting(
      parseTransforms({
        transforms: 'strip, upper',
        'transforms.strip.type': 'org.apache.kafka.connect.transforms.RegexRouter',
        'transforms.strip.regex': '([^.]+)\\.public\\.(.*)',
        'transforms.strip.replacement': '$1.$2',
        'transforms.upper.type': 'io.debezium.transforms.ByLogicalTableRouter',
        'transforms.upper.topic.regex': 'moma\\.(.*)',
        'transforms.upper.topic.replacement': 'museum_$1',
      }),
    );
    expect(routing.route('moma.public.artists')).toBe('museum_artists');
    expect(routing.route('xmoma.public')).toBe('xmoma.public');
    expect(routing.applied).toEqual(['strip', 'upper']);
  });

  it('names the routers it cannot follow', () => {
    const routing = topicRouting(
      parseTransforms({
        transforms: 'outbox,daily',
        'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter',
        'transforms.daily.type': 'org.apache.kafka.connect.transforms.TimestampRouter',
      }),
    );
    expect(routing.unpredictable).toEqual([
      "outbox (io.debezium.transforms.outbox.EventRouter: topic names depend on each event's aggregate type; use generic_connectors)",
      'daily (org.apache.kafka.connect.transforms.TimestampRouter: topic names depend on record timestamps)',
    ]);
    expect(routing.route('moma.public.artists')).toBe('moma.public.artists');
  });

  it('names the unwrap columns with add.fields.prefix and the headers with add.headers', () => {
    const info = unwrapInfo(
      parseTransforms({
        transforms: 'flatten',
        'transforms.flatten.type': 'io.debezium.transforms.ExtractNewRecordState',
        'transforms.flatten.add.fields': 'op,source.ts_ms',
        'transforms.flatten.add.fields.prefix': 'cdc_',
        'transforms.flatten.add.headers': 'db',
      }),
    );
    expect(info).toEqual({ transform: 'flatten', addedFields: ['cdc_op', 'cdc_source_ts_ms'], addedHeaders: ['__db'], deleteHandling: null });
  });

  it('keeps passwords and other secrets out of the flow\'s properties', () => {
    const [info] = flowProposals(defaults, seed('A', 'source'), {});
    const props = (info!.aspect as { customProperties: Record<string, string> }).customProperties;
    expect(props['database.password']).toBeUndefined();
    expect(props['database.user']).toBe('<your_username>');
    expect(props['key.converter']).toBe('io.apicurio.registry.utils.converter.AvroConverter');
    expect(JSON.stringify(info)).not.toContain('<your_password>');
  });

  it('lower-cases lineage names with convert_lineage_urns_to_lowercase', () => {
    const lower = kafkaConnectSourceConfigSchema.parse({ convert_lineage_urns_to_lowercase: true });
    const c = connector('dbz', 'source', { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'database.dbname': 'Pagila', 'topic.prefix': 'PG', 'table.include.list': 'public.Film' });
    const { lineages } = lineage(c);
    expect(lineages.map((l) => [lineageDatasetUrn(lower, 'dbz', l.source!), lineageDatasetUrn(lower, 'dbz', l.target)])).toEqual([[pg('pagila.public.film'), kafka('pg.public.film')]]);
  });

  it('resolves ${provider:path:key} placeholders from provided_configs', () => {
    const config = resolveProvidedConfigs(
      { 'database.password': '${file:/secrets/pg.properties:password}', 'database.dbname': '${env:PG_DB}' },
      [
        { provider: 'file', path_key: '/secrets/pg.properties:password', value: 'pw' },
        { provider: 'env', path_key: 'PG_DB', value: 'moma' },
      ],
    );
    expect(config).toEqual({ 'database.password': 'pw', 'database.dbname': 'moma' });
  });
});
