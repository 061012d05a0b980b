// DataHub's own CLI as a client of this catalog: the real `datahub ingest` (postgres source,
// datahub-rest sink, a pipeline_name so stateful ingestion and the run reporter talk to us too)
// writes into `catalog serve`'s REST API with an API token; the catalog then holds the same URNs
// and aspects our own postgres source produces for the same table.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pipeline } from '../../ingest/pipeline/pipeline.js';
import { datasetUrn } from '../../model/urn.js';
import { createCatalog, type Catalog } from '../../server/catalog.js';
import { listen, type RunningServer } from '../../server/http.js';
import { storeConnection } from '../../server/catalog-connection.js';
import { requireEngine } from './engines.js';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATAHUB = path.join(process.env.CATALOG_SERVICES_DIR ?? path.join(ROOT, '.cache/services'), 'datahub-cli/venv/bin/datahub');

const schema = `dh_interop_${Date.now().toString(36)}_${process.pid}`;
const urn = datasetUrn('postgres', `catalog_test.${schema}.artworks`);
let client: pg.Client;
let dir: string;
let catalog: Catalog;
let server: RunningServer;
let editorToken: string;

beforeAll(async () => {
  if (!existsSync(DATAHUB)) throw new Error(`datahub CLI not found at ${DATAHUB}; install it with: scripts/services up datahub-cli`);
  const engine = await requireEngine('postgres');
  client = new pg.Client({ connectionString: engine.url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`CREATE TABLE ${schema}.artworks (artwork_id integer PRIMARY KEY, title text NOT NULL, medium text, date_acquired date)`);
  await client.query(`COMMENT ON TABLE ${schema}.artworks IS 'MoMA artworks'`);
  dir = await mkdtemp(path.join(tmpdir(), 'datahub-interop-'));
  catalog = await createCatalog({ store: 'pglite:memory', auth: true });
  editorToken = (await catalog.tokens.create({ name: 'datahub-cli', role: 'editor' })).token;
  server = await listen(catalog, { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await client?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client?.end();
  await server?.close();
  await catalog?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const env = () => ({ ...process.env, HOME: dir, DATAHUB_TELEMETRY_ENABLED: 'false' });

describe("DataHub's CLI writing into this catalog over REST", () => {
  it('ingests a Postgres schema through the datahub-rest sink with a token', async () => {
    const recipe = path.join(dir, 'recipe.json');
    await writeFile(
      recipe,
      JSON.stringify({
        pipeline_name: `interop-${schema}`,
        source: {
          type: 'postgres',
          config: {
            host_port: '127.0.0.1:55432', database: 'catalog_test', username: 'postgres', schema_pattern: { allow: [`^${schema}$`] }, profiling: { enabled: false },
            stateful_ingestion: { enabled: true, remove_stale_metadata: true },
          },
        },
        sink: { type: 'datahub-rest', config: { server: server.url, token: editorToken } },
      }),
    );
    const { stdout, stderr } = await run(DATAHUB, ['ingest', '-c', recipe], { env: env(), cwd: dir, maxBuffer: 64 * 1024 * 1024 }).catch(
      (e: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`datahub ingest failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
      },
    );
    expect(`${stdout}\n${stderr}`).toMatch(/Pipeline finished successfully/);

    const entity = await catalog.store.getEntity(urn);
    expect(entity, `no ${urn} in the catalog`).not.toBeNull();
    expect(entity!.schemaMetadata).toMatchObject({ schemaName: `catalog_test.${schema}.artworks` });
    expect(entity!.datasetProperties).toMatchObject({ name: 'artworks', description: 'MoMA artworks' });
    expect(entity!.status).toEqual({ removed: false });
  });

  it('records the run (DataHub reporter) and the stateful-ingestion checkpoint', async () => {
    const runs = await catalog.store.listUrns({ entityType: 'dataHubExecutionRequest' });
    expect(runs.length).toBeGreaterThan(0);
    const result = await catalog.store.getAspect(runs[0]!, 'dataHubExecutionRequestResult');
    expect(result?.value).toMatchObject({ status: 'SUCCESS' });
    const jobs = await catalog.store.listUrns({ entityType: 'dataJob' });
    const job = jobs.find((j) => j.includes(`(datahub,interop-${schema},prod)`));
    expect(job, `no checkpoint job among ${jobs.join(', ')}`).toBeDefined();
    const [checkpoint] = await catalog.store.getTimeseries(job!, 'datahubIngestionCheckpoint', { limit: 1 });
    expect(checkpoint?.value).toMatchObject({ pipelineName: `interop-${schema}` });
  });

  it('holds the same dataset and container URNs our own postgres source produces', async () => {
    const ours = new Set<string>();
    const viaDatahub = new Set(await catalog.store.listUrns({ count: 10_000 }));
    const sink = storeConnection(catalog.store, false);
    const result = await Pipeline.create(
      {
        source: {
          type: 'postgres',
          config: { host_port: '127.0.0.1:55432', database: 'catalog_test', username: 'postgres', schema_pattern: { allow: [`^${schema}$`] } },
        },
        sink: { type: 'catalog', config: { store: 'in-process' } },
      },
      { connectCatalog: async () => ({ ...sink, write: async (mcps) => void mcps.forEach((m) => ours.add(m.entityUrn)) }) },
    ).run();
    expect(result.exitCode).toBe(0);
    const entities = [...ours].filter((u) => u.startsWith('urn:li:dataset:') || u.startsWith('urn:li:container:'));
    expect(entities).toContain(urn);
    for (const u of entities) expect(viaDatahub, `${u} from our source is not among DataHub's`).toContain(u);
  });
});
