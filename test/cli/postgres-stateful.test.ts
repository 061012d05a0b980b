// The postgres source through the real CLI into the embedded store, twice: with a pipeline_name and
// stateful_ingestion, a table dropped between the runs is soft-deleted by the second run, and what
// is still there is not. The source database is PGlite behind its Postgres wire server.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetUrn } from '../../model/urn.js';
import { startPgliteServer, TICKIT_SQL, type TestServer } from '../ingest/sources/postgres/pglite-server.js';
import { catalogRun, tempDir } from '../support/cli.js';

const SETUP = `${TICKIT_SQL}
CREATE TABLE public.scratch (id integer PRIMARY KEY, note text);
INSERT INTO public.scratch VALUES (1, 'temporary');
ANALYZE;
`;

describe('catalog ingest of a postgres database, stateful: tables dropped since the last run are soft-deleted', () => {
  let server: TestServer;
  const dir = tempDir();
  const env = { CATALOG_STORE: `pglite:${path.join(dir, 'store')}` };
  const recipe = path.join(dir, 'recipe.yml');
  const scratch = datasetUrn('postgres', 'postgres.public.scratch');
  const users = datasetUrn('postgres', 'postgres.public.users');
  const get = async (urn: string, aspect: string) => {
    const out = await catalogRun(['get', '--urn', urn, '--aspect', aspect], { env });
    expect(out.code, out.stderr).toBe(0);
    return JSON.parse(out.stdout)[aspect];
  };

  beforeAll(async () => {
    server = await startPgliteServer(SETUP);
    writeFileSync(
      recipe,
      `pipeline_name: postgres-stateful-test
source:
  type: postgres
  config:
    host_port: ${server.hostPort}
    database: postgres
    username: postgres
    schema_pattern: { allow: ['^public$'] }
    profiling: { enabled: true }
    stateful_ingestion: { enabled: true, remove_stale_metadata: true }
transformers:
  - type: pattern_add_dataset_terms
    config:
      term_pattern:
        rules:
          '.*users.*': ['urn:li:glossaryTerm:Classification.Sensitive']
sink:
  type: catalog
`,
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('first run: every table, with its profile and the seed term on users', async () => {
    const out = await catalogRun(['ingest', '-c', recipe], { env });
    expect(out.code, out.stderr + out.stdout).toBe(0);
    expect(await get(scratch, 'status')).toEqual({ removed: false });
    expect((await get(users, 'glossaryTerms')).terms.map((t: { urn: string }) => t.urn)).toEqual(['urn:li:glossaryTerm:Classification.Sensitive']);
    expect((await get(scratch, 'datasetProfile')).rowCount).toBe(1);
  });

  it('second run after DROP TABLE: the dropped table is soft-deleted, the others stay', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: Number(server.hostPort.split(':')[1]), user: 'postgres', database: 'postgres' });
    await client.connect();
    await client.query('DROP TABLE public.scratch');
    await client.end();
    const out = await catalogRun(['ingest', '-c', recipe], { env });
    expect(out.code, out.stderr + out.stdout).toBe(0);
    expect(await get(scratch, 'status')).toEqual({ removed: true });
    expect(await get(users, 'status')).toEqual({ removed: false });
  });
});
