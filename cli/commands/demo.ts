// `catalog demo`: the whole thing on one laptop with nothing installed. Starts the embedded
// service on a fresh data directory, creates a TICKIT source database in PGlite behind a real
// Postgres wire server, ingests it with the seed's recipe as written (through the DataHub REST
// API, with an API token) and the seed business glossary, then keeps serving.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createLogger } from '../../ingest/api/logger.js';
import { Pipeline } from '../../ingest/pipeline/pipeline.js';
import { RecipeDocument } from '../../ingest/recipe/document.js';
import { createCatalog } from '../../server/catalog.js';
import { listen } from '../../server/http.js';
import { EXIT_FAILURES, EXIT_OK, UsageError, green, red } from '../output.js';

const RECIPES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../recipes');
const MARKER = '.catalog-demo';

export interface DemoOptions {
  port: string;
  host: string;
  dataDir: string;
  exit?: boolean;
}

/** Starts from an empty directory; refuses to wipe one the demo did not create. */
function freshDataDir(dir: string): void {
  if (existsSync(dir)) {
    if (!existsSync(path.join(dir, MARKER))) throw new UsageError(`${dir} exists and is not a demo data directory; choose another with --data-dir`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, MARKER), 'created by `catalog demo`; removed and recreated by every demo run\n');
}

async function startSourceDatabase(): Promise<{ hostPort: string; stop(): Promise<void> }> {
  const db = await PGlite.create();
  await db.exec(readFileSync(path.join(RECIPES, 'demo/tickit.sql'), 'utf8'));
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  return { hostPort: server.getServerConn(), stop: async () => (await server.stop(), await db.close()) };
}

export async function demoCommand(opts: DemoOptions): Promise<number> {
  const dataDir = path.resolve(opts.dataDir);
  freshDataDir(dataDir);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const catalog = await createCatalog({ store: `pglite:${path.join(dataDir, 'store')}`, auth: true, log });
  const { token } = await catalog.tokens.create({ name: 'demo-admin', role: 'admin' });
  const server = await listen(catalog, { host: opts.host, port: Number(opts.port) });
  const source = await startSourceDatabase();
  log(`demo: TICKIT source database on ${source.hostPort} (PGlite), catalog on ${server.url}`);

  const env = {
    ...process.env,
    DB_HOST_PORT: source.hostPort,
    DB_USERNAME: 'postgres',
    DB_PASSWORD: 'postgres',
    ACCOUNT_ID: '111222333444',
    DATAHUB_REST_ENDPOINT: server.url,
  };
  process.env.DATAHUB_GMS_TOKEN = token;
  const logger = createLogger('demo', (level, _n, m) => level !== 'debug' && log(`  ${m}`));
  const sink = { type: 'datahub-rest', config: { server: server.url, token } };
  const glossary = RecipeDocument.fromFile(path.join(RECIPES, 'glossary.yml'), env);
  const runs = [
    { name: 'business glossary', doc: RecipeDocument.fromObject({ ...(glossary.value as object), sink }, path.join(RECIPES), 'recipes/glossary.yml') },
    { name: 'TICKIT (seed recipe)', doc: RecipeDocument.fromFile(path.join(RECIPES, 'tickit.yml'), env) },
  ];
  // The Hudi tables written by Spark for the tests (MoMA artists/artworks), when this is a checkout.
  const hudiRoot = path.resolve(RECIPES, '../test/fixtures/hudi');
  if (existsSync(hudiRoot)) {
    runs.push({ name: 'Hudi tables', doc: RecipeDocument.fromObject({ source: { type: 'hudi', config: { root: hudiRoot } }, sink }, hudiRoot, 'hudi fixtures') });
  }
  let failed = false;
  try {
    for (const run of runs) {
      const result = await Pipeline.create(run.doc, { logger }).run();
      failed ||= result.exitCode !== 0;
      log(`demo: ${run.name}: ${(result.exitCode === 0 ? green : red)(result.summaryLine())}`);
    }
  } finally {
    await source.stop();
  }

  process.stdout.write(
    [
      '',
      `Catalog: ${server.url}`,
      `  GraphQL: ${server.url}/api/graphql (send "Authorization: Bearer <token>")`,
      `  DataHub REST API: ${server.url}/aspects (config: ${server.url}/config)`,
      `  Admin API token (shown once): ${token}`,
      `  Try: ./catalog get --store pglite:${path.join(dataDir, 'store')} --urn "urn:li:dataset:(urn:li:dataPlatform:postgres,tickit.public.users,DEV)"`,
      `  (stop the demo first: the embedded store is used by one process at a time)`,
      '',
    ].join('\n'),
  );
  if (!opts.exit) {
    process.stdout.write('Serving until Ctrl-C.\n');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  }
  await server.close();
  await catalog.close();
  return failed ? EXIT_FAILURES : EXIT_OK;
}
