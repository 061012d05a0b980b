// Smoke test for the Postgres -> Debezium -> Kafka flow of the seeds (seeds-streaming.md §2.4 (A)),
// against the real engines of scripts/services: postgres (wal_level=logical), kafka and
// kafka-connect (Debezium PostgreSQL connector on its plugin path). A table in a fresh schema, a
// pgoutput connector with the seeds' topic prefix, one INSERT, and the change event read back from
// <prefix>.<schema>.<table> with kafkajs. The connector, its replication slot and publication, the
// schema and the topic are removed afterwards.
import pg from 'pg';
import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRest, waitFor } from './connect-support.js';
import { ENGINES, requireEngine } from './engines.js';
import { kafkaClient, readMessages, runId } from './kafka-support.js';

const id = runId();
const schema = `cdc_${id}`;
const table = 'artists';
const prefix = 'moma'; // topic.prefix, the seeds' database.server.name
const topic = `${prefix}.${schema}.${table}`;
const connector = `source_connector_moma_postgres_kafka_${id}`;
const slot = `dbz_${id}`;
const publication = `dbz_${id}_pub`;

let db: pg.Client;
let kafka: Kafka;
let admin: Admin;



beforeAll(async () => {
  const postgres = await requireEngine('postgres');
  const broker = await requireEngine('kafka');
  await requireEngine('kafka-connect');
  db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  kafka = kafkaClient(broker.url, 'catalog-debezium-smoke');
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  if (db) {
    await connectRest('DELETE', `/connectors/${connector}`).catch(() => undefined);
    // The task lets go of the slot shortly after the connector is deleted.
    await waitFor(
      `replication slot ${slot} to be released and dropped`,
      async () => {
        const { rows } = await db.query<{ active: boolean }>(
          'select active from pg_replication_slots where slot_name = $1',
          [slot],
        );
        if (rows.length === 0) return true;
        if (rows[0]?.active) return undefined;
        await db.query('select pg_drop_replication_slot($1)', [slot]);
        return true;
      },
      60_000,
    );
    await db.query(`drop publication if exists ${publication}`);
    await db.query(`drop schema if exists ${schema} cascade`);
    await db.end();
  }
  if (admin) {
    const topics = await admin.listTopics();
    if (topics.includes(topic)) await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  }
});

describe('debezium (scripts/services up postgres kafka kafka-connect)', () => {
  it('offers the Debezium PostgreSQL connector', async () => {
    const { status, json } = await connectRest('GET', '/connector-plugins');
    expect(status).toBe(200);
    expect(json).toContainEqual(
      expect.objectContaining({ class: 'io.debezium.connector.postgresql.PostgresConnector', type: 'source' }),
    );
  });

  it('streams an INSERT into <prefix>.<schema>.<table> as a Debezium change event', async () => {
    await db.query(`create schema ${schema}`);
    // The seeds' MoMA artists table (seeds-streaming.md §2.7).
    await db.query(`create table ${schema}.${table} (
      artist_id integer primary key, name text, nationality text, gender text, birth_year integer, death_year integer)`);

    const created = await connectRest('PUT', `/connectors/${connector}/config`, {
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'tasks.max': '1',
      'database.hostname': '127.0.0.1',
      'database.port': String(ENGINES.postgres.port),
      'database.user': 'postgres',
      'database.dbname': 'catalog_test',
      'topic.prefix': prefix,
      'table.include.list': `${schema}.${table}`,
      'plugin.name': 'pgoutput',
      'slot.name': slot,
      'publication.name': publication,
      'publication.autocreate.mode': 'filtered',
      // The broker does not auto-create topics: Connect creates the table's topic.
      'topic.creation.default.replication.factor': '1',
      'topic.creation.default.partitions': '1',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);

    await waitFor(`connector ${connector} and its task to run`, async () => {
      const { status, json } = await connectRest('GET', `/connectors/${connector}/status`);
      if (status !== 200) return undefined;
      const failed = [json.connector, ...json.tasks].find((s: { state: string }) => s.state === 'FAILED');
      if (failed) throw new Error(`connector failed: ${failed.trace ?? JSON.stringify(json)}`);
      return json.connector.state === 'RUNNING' && json.tasks[0]?.state === 'RUNNING' ? true : undefined;
    });
    // Streaming has begun once the task holds its slot: an INSERT now is a 'c' event, not a snapshot read.
    await waitFor(`replication slot ${slot} to be active`, async () => {
      const { rows } = await db.query<{ active: boolean; plugin: string }>(
        'select active, plugin from pg_replication_slots where slot_name = $1',
        [slot],
      );
      return rows[0]?.active ? rows[0] : undefined;
    });

    await db.query(
      `insert into ${schema}.${table} values (1, 'Robert Arneson', 'American', 'Male', 1930, 1992)`,
    );
    await waitFor(`topic ${topic}`, async () => ((await admin.listTopics()).includes(topic) ? true : undefined));

    const [message] = await readMessages(kafka, topic, 1);
    // JsonConverter with schemas.enable=true (the worker's default): { schema, payload }.
    const key = JSON.parse(message?.key?.toString() ?? 'null');
    expect(key.payload).toEqual({ artist_id: 1 });
    const value = JSON.parse(message?.value?.toString() ?? 'null');
    expect(value.schema).toMatchObject({ type: 'struct', name: `${topic}.Envelope` });
    expect(value.payload).toMatchObject({
      op: 'c',
      before: null,
      after: {
        artist_id: 1,
        name: 'Robert Arneson',
        nationality: 'American',
        gender: 'Male',
        birth_year: 1930,
        death_year: 1992,
      },
      source: { connector: 'postgresql', name: prefix, db: 'catalog_test', schema, table, snapshot: 'false' },
    });
    expect(value.payload.source.version).toMatch(/^3\.1\.\d+\.Final$/);

    const { rows } = await db.query('select pubname from pg_publication where pubname = $1', [publication]);
    expect(rows).toHaveLength(1);
  });
});
