// The real PostgreSQL server the *.server.test.ts suites run against. Without
// CATALOG_TEST_POSTGRES_URL, or without an answering server, a suite fails (never skips) with a
// message that says how to start one. Each suite works in a schema of its own, dropped after.
import pg from 'pg';
import { afterAll, it } from 'vitest';

const HOW_TO_START =
  'start one with `scripts/services up postgres` and run with ' +
  'CATALOG_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:55432/catalog_test npm run test:server';

export const postgresUrl = process.env.CATALOG_TEST_POSTGRES_URL;

/** Null when the server answers, else why not and how to start it. */
export async function postgresProblem(): Promise<string | null> {
  if (!postgresUrl) return `CATALOG_TEST_POSTGRES_URL is not set: these tests need a PostgreSQL server; ${HOW_TO_START}`;
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `the PostgreSQL server at ${postgresUrl.replace(/\/\/[^@/]*@/, '//****@')} does not answer (${(error as Error).message}); ${HOW_TO_START}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Runs `suite(url, schema)` against the server in a fresh schema (dropped afterwards), or
 * registers one failing test that says how to start the server.
 */
export async function withPostgresSchema(prefix: string, suite: (url: string, schema: string) => void): Promise<void> {
  const problem = await postgresProblem();
  if (problem) {
    it('needs a PostgreSQL server', () => {
      throw new Error(problem);
    });
    return;
  }
  const schema = `${prefix}_${process.pid}_${Date.now()}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });
  suite(postgresUrl!, schema);
}
