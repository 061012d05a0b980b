// Smoke test for DataHub's own CLI (scripts/services up datahub-cli): the real `datahub ingest`
// with its postgres source against the project's PostgreSQL (scripts/services up postgres) and its
// file sink, so the catalog can be compared with what DataHub itself emits for the same database.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from './engines.js';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVICES = process.env.CATALOG_SERVICES_DIR ?? path.join(ROOT, '.cache/services');
const DATAHUB = path.join(SERVICES, 'datahub-cli/venv/bin/datahub');
const DATAHUB_VERSION = '1.7.0.17';

const schema = `dh_smoke_${Date.now().toString(36)}_${process.pid}`;
const urn = `urn:li:dataset:(urn:li:dataPlatform:postgres,catalog_test.${schema}.artists,PROD)`;
let client: pg.Client;
let dir: string;

beforeAll(async () => {
  if (!existsSync(DATAHUB)) {
    throw new Error(`datahub CLI not found at ${DATAHUB}; install it with: scripts/services up datahub-cli`);
  }
  const engine = await requireEngine('postgres');
  client = new pg.Client({ connectionString: engine.url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.query(`create table ${schema}.artists (
    artist_id integer primary key,
    name text not null,
    nationality text,
    birth_year integer,
    death_year integer
  )`);
  await client.query(`comment on table ${schema}.artists is 'MoMA artists (smoke)'`);
  await client.query(`insert into ${schema}.artists values (9, 'Josef Albers', 'German', 1888, 1976), (10, 'Berenice Abbott', 'American', 1898, 1991)`);
  dir = await mkdtemp(path.join(tmpdir(), 'datahub-cli-smoke-'));
});

afterAll(async () => {
  if (client) {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Json = Record<string, unknown>;

/** The entity urn of an MCP (entityUrn) or of an MCE (its snapshot's urn). */
function urnOf(r: Json): string | undefined {
  if (typeof r.entityUrn === 'string') return r.entityUrn;
  const snapshot = Object.values((r.proposedSnapshot as Json | undefined) ?? {})[0] as { urn?: string } | undefined;
  return snapshot?.urn;
}

/** An aspect of `urn` (schemaMetadata, datasetProperties), whether emitted as an MCP or inside an MCE DatasetSnapshot. */
function aspectOf(records: Json[], target: string, name: 'schemaMetadata' | 'datasetProperties'): Json | undefined {
  const recordName = name === 'schemaMetadata' ? 'com.linkedin.pegasus2avro.schema.SchemaMetadata' : 'com.linkedin.pegasus2avro.dataset.DatasetProperties';
  for (const r of records) {
    if (r.entityUrn === target && r.aspectName === name) {
      const aspect = r.aspect as Json;
      return (aspect.json ?? JSON.parse(String(aspect.value))) as Json;
    }
    const snapshot = (r.proposedSnapshot as Json | undefined)?.['com.linkedin.pegasus2avro.metadata.snapshot.DatasetSnapshot'] as
      | { urn: string; aspects: Json[] }
      | undefined;
    if (snapshot?.urn === target) {
      for (const a of snapshot.aspects) {
        const aspect = a[recordName];
        if (aspect) return aspect as Json;
      }
    }
  }
  return undefined;
}

describe('datahub-cli (scripts/services up datahub-cli)', () => {
  it(`is acryl-datahub ${DATAHUB_VERSION}`, async () => {
    const { stdout } = await run(DATAHUB, ['--version'], { env: cliEnv() });
    expect(stdout).toContain(`version ${DATAHUB_VERSION}`);
  });

  it('ingests a postgres schema into a file sink with the dataset urn and its schemaMetadata', async () => {
    const out = path.join(dir, 'mcps.json');
    const recipe = path.join(dir, 'recipe.json'); // YAML is a superset of JSON
    await writeFile(
      recipe,
      JSON.stringify({
        source: {
          type: 'postgres',
          config: {
            host_port: '127.0.0.1:55432',
            database: 'catalog_test',
            username: 'postgres',
            schema_pattern: { allow: [`^${schema}$`] },
            profiling: { enabled: false },
          },
        },
        sink: { type: 'file', config: { filename: out } },
      }),
    );
    const { stdout, stderr } = await run(DATAHUB, ['ingest', '-c', recipe], {
      env: cliEnv(),
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`datahub ingest failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    });
    expect(`${stdout}\n${stderr}`).toMatch(/Pipeline finished successfully/);

    const records = JSON.parse(await readFile(out, 'utf8')) as Json[];
    expect(Array.isArray(records)).toBe(true);
    expect(new Set(records.map(urnOf))).toContain(urn);

    const sm = aspectOf(records, urn, 'schemaMetadata');
    expect(sm, `no schemaMetadata for ${urn}`).toBeDefined();
    expect(sm).toMatchObject({ schemaName: `catalog_test.${schema}.artists`, platform: 'urn:li:dataPlatform:postgres' });
    const fields = (sm!.fields as Json[]).map((f) => [f.fieldPath, f.nativeDataType, f.nullable, f.isPartOfKey]);
    expect(fields).toEqual([
      ['artist_id', 'INTEGER', false, true],
      ['name', 'TEXT', false, false],
      ['nationality', 'TEXT', true, false],
      ['birth_year', 'INTEGER', true, false],
      ['death_year', 'INTEGER', true, false],
    ]);

    expect(aspectOf(records, urn, 'datasetProperties')).toMatchObject({ name: 'artists', description: 'MoMA artists (smoke)' });

    // The database and schema containers DataHub emits for the same run.
    const containerNames = records
      .filter((r) => r.aspectName === 'containerProperties')
      .map((r) => ((r.aspect as Json).json as Json).name);
    expect(containerNames).toEqual(expect.arrayContaining(['catalog_test', schema]));
  });
});

/** No telemetry, and a throwaway HOME so ~/.datahub and ~/.datahubenv are not touched. */
function cliEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: dir ?? tmpdir(),
    DATAHUB_TELEMETRY_ENABLED: 'false',
    // Never talk to a GMS: the recipe's file sink is the only output.
    DATAHUB_GMS_URL: 'http://127.0.0.1:9',
  };
}
