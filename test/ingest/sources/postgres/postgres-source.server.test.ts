// The same expectations as postgres-source.test.ts, against a real PostgreSQL server
// (CATALOG_TEST_POSTGRES_URL, started by `scripts/services up postgres`). The test creates its
// own database, loads tickit.sql into it and drops it afterwards.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickitExpectations } from './expectations.js';
import { runRecipe, seedRecipe, type Captured } from './harness.js';
import { TICKIT_SQL } from './pglite-server.js';

const URL_TEXT = process.env.CATALOG_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:55432/catalog_test';
const url = new URL(URL_TEXT);
const database = `tickit_src_${process.pid}_${Date.now().toString(36)}`;

async function connect(db?: string): Promise<pg.Client> {
  // A connection string wins over a separate `database` option in pg: put the database in the URL.
  const target = new URL(URL_TEXT);
  if (db) target.pathname = `/${encodeURIComponent(db)}`;
  const client = new pg.Client({ connectionString: target.toString() });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`no PostgreSQL server at ${URL_TEXT} (${(e as Error).message}); start one with \`scripts/services up postgres\``);
  }
  return client;
}

describe('postgres source against a real PostgreSQL server, seed recipe', () => {
  let captured: Captured;
  beforeAll(async () => {
    const admin = await connect();
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
    const client = await connect(database);
    try {
      await client.query(TICKIT_SQL);
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
    captured = await runRecipe(
      seedRecipe({
        host_port: `${url.hostname}:${url.port || 5432}`,
        database,
        username: decodeURIComponent(url.username) || 'postgres',
        password: url.password ? decodeURIComponent(url.password) : null,
        profiling: { enabled: 'true' },
        env: 'DEV',
      }),
    );
  });
  afterAll(async () => {
    const admin = await connect().catch(() => null);
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
    await admin?.end();
  });

  it('reads the throwaway database on the server and names datasets after it', () => {
    expect(captured.result.exitCode).toBe(0);
    expect(captured.urns('dataset').length).toBeGreaterThan(0);
    expect(captured.urns('dataset').every((u) => u.includes(`,${database}.`))).toBe(true);
  });

  tickitExpectations(() => captured, database);
});

describe('postgres profiler time limits, against a real PostgreSQL server', () => {
  const db = `prof_timeout_${process.pid}_${Date.now().toString(36)}`;
  let locker: pg.Client;
  beforeAll(async () => {
    const admin = await connect();
    try {
      await admin.query(`CREATE DATABASE "${db}"`);
    } finally {
      await admin.end();
    }
    const client = await connect(db);
    try {
      await client.query(`CREATE TABLE public.locked (x integer); INSERT INTO public.locked SELECT generate_series(1, 100);
                          CREATE TABLE public.free (x integer); INSERT INTO public.free SELECT generate_series(1, 100); ANALYZE`);
    } finally {
      await client.end();
    }
    // another session holds the table: every read of it waits
    locker = await connect(db);
    await locker.query('BEGIN; LOCK TABLE public.locked IN ACCESS EXCLUSIVE MODE');
  });
  afterAll(async () => {
    await locker?.query('ROLLBACK').catch(() => {});
    await locker?.end().catch(() => {});
    const admin = await connect().catch(() => null);
    await admin?.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => {});
    await admin?.end();
  });

  it('table_timeout_seconds: a table that takes too long is reported by name, the others are profiled', async () => {
    const started = Date.now();
    const captured = await runRecipe({
      source: {
        type: 'postgres',
        config: {
          host_port: `${url.hostname}:${url.port || 5432}`,
          database: db,
          username: decodeURIComponent(url.username) || 'postgres',
          password: url.password ? decodeURIComponent(url.password) : null,
          // the metadata crawl does not touch table data, so only profiling waits on the lock
          profiling: { enabled: true, table_timeout_seconds: 2 },
        },
      },
      sink: { type: 'memory' },
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    const profiled = captured.mcps.filter((m) => m.aspectName === 'datasetProfile').map((m) => m.entityUrn);
    expect(profiled).toEqual([expect.stringContaining(`${db}.public.free,`)]);
    const warnings = JSON.stringify(captured.result.sourceReport!.warnings.toJSON());
    expect(warnings).toContain('Profiling timed out');
    expect(warnings).toContain(`${db}.public.locked`);
    expect(captured.result.exitCode).not.toBe(1);
  });
});
