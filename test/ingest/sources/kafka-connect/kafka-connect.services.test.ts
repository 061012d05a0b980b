// End to end on the real engines (scripts/services up postgres kafka kafka-connect): the seeds'
// Pagila flow (seeds-streaming.md §7 Flow C). A fresh Pagila database is ingested by the postgres
// source; the seeds' Debezium connector (§2.4 (D), with the unwrap SMT) is registered on the real
// Connect worker; the kafka-connect source reads the worker into the same catalog; and one GraphQL
// lineage query walks from a Postgres table through its Debezium job to its topic and on, through
// the S3 sink's job, to its S3 folder.
//
// The S3 sink is the one part that is not a running connector: no S3 sink connector installs from
// Maven Central (Confluent's kafka-connect-s3 is only on packages.confluent.io; Aiven's and Apache
// Camel's S3 sinks are not on Central either), so the seeds' S3 sink (§2.4 (E), verbatim) is served
// by a replay of Connect's REST answer, its active topics being the ones the real worker reported
// for the Debezium connector.
import pg from 'pg';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRest, waitFor } from '../../../services/connect-support.js';
import { Pipeline } from '../../../../ingest/pipeline/pipeline.js';
import type { PipelineResult } from '../../../../ingest/pipeline/result.js';
import { storeConnection } from '../../../../server/catalog-connection.js';
import { createCatalog, type Catalog } from '../../../../server/catalog.js';
import { listen, type RunningServer } from '../../../../server/http.js';
import { ENGINES, requireEngine } from '../../../services/engines.js';
import { kafkaClient, runId } from '../../../services/kafka-support.js';
import { replay, type Replay } from './harness.js';

const id = runId();
const database = `pagila_${id}`;
const prefix = `pagila_${id}`; // topic.prefix: the seeds' database.server.name, unique per run on the shared broker
const connector = `debezium_avro_source_connector_postgresql_05_${id}`;
const sinkName = 's3_sink_connector_05_debezium_avro';
const slot = `dbz_${id}`;
const publication = `dbz_${id}_pub`;
const tables = ['actor', 'film', 'language'];
const topics = tables.map((t) => `${prefix}.public.${t}`);
const connect = ENGINES['kafka-connect'].url;
const seedSink = JSON.parse(readFileSync(path.resolve('test/ingest/sources/kafka-connect/fixtures/seed-connectors.json'), 'utf8')).connectors.E.config as Record<string, unknown>;

const film = `urn:li:dataset:(urn:li:dataPlatform:postgres,${database}.public.film,PROD)`;
const filmTopic = `urn:li:dataset:(urn:li:dataPlatform:kafka,${prefix}.public.film,PROD)`;
const filmS3 = `urn:li:dataset:(urn:li:dataPlatform:s3,your-s3-bucket/topics/${prefix}.public.film,PROD)`;
const flow = `urn:li:dataFlow:(kafka-connect,${connector},PROD)`;
const sinkFlow = `urn:li:dataFlow:(kafka-connect,${sinkName},PROD)`;

let admin: pg.Client;
let kafkaAdmin: Admin;
let catalog: Catalog;
let server: RunningServer;
let sinkReplay: Replay | null = null;
let connectRun: PipelineResult;
let sinkRun: PipelineResult;



function ingest(source: { type: string; config: Record<string, unknown> }): Promise<PipelineResult> {
  return Pipeline.create({ run_id: `${source.type}-${id}`, source, sink: { type: 'catalog' } }, { connectCatalog: async () => storeConnection(catalog.store, false) }).run();
}

beforeAll(async () => {
  const postgres = await requireEngine('postgres');
  const broker = await requireEngine('kafka');
  await requireEngine('kafka-connect');
  admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  kafkaAdmin = kafkaClient(broker.url, 'catalog-kafka-connect-e2e').admin();
  await kafkaAdmin.connect();

  // The seeds' Pagila tables (a slice of the sample database), one row each.
  await admin.query(`create database "${database}"`);
  const db = new pg.Client({ connectionString: postgres.url.replace(/\/[^/]*$/, `/${database}`) });
  await db.connect();
  await db.query(`
    create table language (language_id integer primary key, name text not null, last_update timestamp not null default now());
    create table film (film_id integer primary key, title text not null, description text, release_year integer,
      language_id integer not null references language, rating text, last_update timestamp not null default now());
    create table actor (actor_id integer primary key, first_name text not null, last_name text not null, last_update timestamp not null default now());
    comment on table film is 'Films in the rental catalogue';
    insert into language values (1, 'English');
    insert into film values (1, 'ACADEMY DINOSAUR', 'A Epic Drama of a Feminist', 2006, 1, 'PG');
    insert into actor values (1, 'PENELOPE', 'GUINESS');`);
  await db.end();

  catalog = await createCatalog({ store: 'pglite:memory', auth: false });
  server = await listen(catalog, { host: '127.0.0.1', port: 0 });

  const pgRun = await ingest({ type: 'postgres', config: { host_port: `127.0.0.1:${ENGINES.postgres.port}`, database, username: 'postgres' } });
  expect(pgRun.exitCode, JSON.stringify(pgRun.sourceReport?.toJSON().failures)).toBe(0);

  // The seeds' connector (D), pointed at this database, with its own slot and publication.
  const created = await connectRest('PUT', `/connectors/${connector}/config`, {
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'database.hostname': '127.0.0.1',
    'database.port': String(ENGINES.postgres.port),
    'database.user': 'postgres',
    'database.dbname': database,
    'topic.prefix': prefix,
    'table.include.list': tables.map((t) => `public.${t}`).join(','),
    'plugin.name': 'pgoutput',
    'slot.name': slot,
    'publication.name': publication,
    'publication.autocreate.mode': 'filtered',
    'topic.creation.default.replication.factor': '1',
    'topic.creation.default.partitions': '1',
    transforms: 'unwrap',
    'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
    'transforms.unwrap.drop.tombstones': 'false',
    'transforms.unwrap.delete.handling.mode': 'rewrite',
    'transforms.unwrap.add.fields': 'op,db,table,schema,lsn,source.ts_ms',
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const active = await waitFor(`${connector} to snapshot its tables into topics`, async () => {
    const status = await connectRest('GET', `/connectors/${connector}/status`);
    const failed = [status.json?.connector, ...(status.json?.tasks ?? [])].find((s: { state?: string } | undefined) => s?.state === 'FAILED');
    if (failed) throw new Error(`connector failed: ${failed.trace ?? JSON.stringify(status.json)}`);
    const { json } = await connectRest('GET', `/connectors/${connector}/topics`);
    const list: string[] = json?.[connector]?.topics ?? [];
    return topics.every((t) => list.includes(t)) && status.json?.connector?.state === 'RUNNING' ? list : undefined;
  });

  connectRun = await ingest({ type: 'kafka-connect', config: { connect_uri: connect, connector_patterns: { allow: [`.*_${id}$`] } } });

  // The seeds' S3 sink (E), as Connect's REST API would describe it, reading the topics the real worker reported.
  const sinkConfig = Object.fromEntries(Object.entries({ ...seedSink, 'topics.regex': `${prefix}\\.public\\.(.*)`, name: sinkName }).map(([k, v]) => [k, String(v)]));
  sinkReplay = await replay({
    '/connectors?expand=info&expand=status': {
      status: 200,
      body: {
        [sinkName]: {
          info: { name: sinkName, config: sinkConfig, tasks: [{ connector: sinkName, task: 0 }], type: 'sink' },
          status: { name: sinkName, connector: { state: 'RUNNING', worker_id: '127.0.0.1:8083' }, tasks: [{ id: 0, state: 'RUNNING', worker_id: '127.0.0.1:8083' }], type: 'sink' },
        },
      },
    },
    [`/connectors/${sinkName}/topics`]: { status: 200, body: { [sinkName]: { topics: active } } },
  });
  sinkRun = await ingest({ type: 'kafka-connect', config: { connect_uri: sinkReplay.url } });
});

afterAll(async () => {
  await sinkReplay?.close();
  await server?.close();
  await catalog?.close();
  if (admin) {
    await connectRest('DELETE', `/connectors/${connector}`).catch(() => undefined);
    await waitFor(`replication slot ${slot} to be released and dropped`, async () => {
      const { rows } = await admin.query<{ active: boolean }>('select active from pg_replication_slots where slot_name = $1', [slot]);
      if (rows.length === 0) return true;
      if (rows[0]?.active) return undefined;
      await admin.query('select pg_drop_replication_slot($1)', [slot]);
      return true;
    }, 60_000);
    // The deleted connector's task may still hold a connection for a moment.
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    await admin.query(`drop database if exists "${database}"`);
    await admin.end();
  }
  if (kafkaAdmin) {
    const existing = new Set(await kafkaAdmin.listTopics());
    const ours = topics.filter((t) => existing.has(t));
    if (ours.length) await kafkaAdmin.deleteTopics({ topics: ours });
    await kafkaAdmin.disconnect();
  }
});

describe('kafka-connect source on the real engines (scripts/services up postgres kafka kafka-connect)', () => {
  it('ingests the Debezium connector as a flow with one job per table, and reports the topics no source has produced', async () => {
    expect(connectRun.exitCode, JSON.stringify(connectRun.sourceReport?.toJSON().failures)).toBe(0);
    const info = (await catalog.store.getAspect(flow, 'dataFlowInfo'))?.value as Record<string, any>;
    expect(info.customProperties).toMatchObject({ 'connector.state': 'RUNNING', 'unwrap.added_fields': '__op,__db,__table,__schema,__lsn,__source_ts_ms,__deleted' });
    const io = (await catalog.store.getAspect(`urn:li:dataJob:(${flow},${database}.public.film)`, 'dataJobInputOutput'))?.value;
    expect(io).toEqual({ inputDatasets: [film], outputDatasets: [filmTopic] });
    // The postgres source produced the tables, so they join; no kafka source has run, so every topic is listed.
    const report = connectRun.sourceReport!.toJSON() as { unresolved_lineage_targets: string[] };
    expect(report.unresolved_lineage_targets.sort()).toEqual(topics.map((t) => `urn:li:dataset:(urn:li:dataPlatform:kafka,${t},PROD)`).sort());
  });

  it('walks Postgres table -> Debezium job -> topic -> S3 sink job -> S3 folder in one GraphQL lineage query', async () => {
    expect(sinkRun.exitCode).toBe(0);
    const res = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($urn: String!) { searchAcrossLineage(input: { urn: $urn, direction: DOWNSTREAM, maxHops: 4 }) {
          total relationships { degree relationship entity { urn type } } } }`,
        variables: { urn: film },
      }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const path = body.data.searchAcrossLineage.relationships.map((r: { degree: number; entity: { urn: string } }) => [r.degree, r.entity.urn]);
    expect(path).toEqual([
      [1, `urn:li:dataJob:(${flow},${database}.public.film)`],
      [2, filmTopic],
      [3, `urn:li:dataJob:(${sinkFlow},${prefix}.public.film)`],
      [4, filmS3],
    ]);
  });
});
