// Opens the metadata store a URL names:
//   pglite:<dir>        PGlite persisted to <dir> (`pglite:` alone: the default data directory)
//   pglite:memory       PGlite in memory (tests)
//   postgres://…  postgresql://…   a PostgreSQL server
// and brings its schema up to date.
import { resolve } from 'node:path';
import type { EventBus } from '../events/bus.js';
import { migrate } from './sql/migrations.js';
import { PgDriver } from './sql/pg-driver.js';
import { PgliteDriver } from './sql/pglite-driver.js';
import { PgliteWorkerDriver } from './sql/pglite-worker-driver.js';
import type { SqlDriver } from './sql/driver.js';
import { SqlMetadataStore, type SqlMetadataStoreOptions } from './sql-store.js';

export const DEFAULT_DATA_DIR = './.catalog/data';

export const ACCEPTED_STORE_URLS = [
  'pglite:<dir>  (PGlite persisted to a directory; "pglite:" alone uses $CATALOG_DATA_DIR or ./.catalog/data)',
  'pglite:memory  (PGlite in memory)',
  'postgres://user@host:port/db  or  postgresql://…  (a PostgreSQL server)',
];

export class StoreUrlError extends Error {
  override name = 'StoreUrlError';
}

export interface OpenStoreOptions extends SqlMetadataStoreOptions {
  /** Data directory for a bare `pglite:` URL (default $CATALOG_DATA_DIR, then ./.catalog/data). */
  defaultDataDir?: string;
  /** Connection pool size for a PostgreSQL server (default 4). */
  poolSize?: number;
  /**
   * Run PGlite in a worker thread (default: $CATALOG_PGLITE_WORKER is `1`), so the engine's work
   * overlaps this thread's when writes are pipelined. See docs/BENCHMARKS.md.
   */
  pgliteWorker?: boolean;
}

export type StoreLocation = { engine: 'pglite'; dataDir: string | null } | { engine: 'postgres'; connectionString: string };

export function parseStoreUrl(url: string, options: Pick<OpenStoreOptions, 'defaultDataDir'> = {}): StoreLocation {
  if (/^postgres(ql)?:\/\//i.test(url)) return { engine: 'postgres', connectionString: url };
  if (url.startsWith('pglite:')) {
    let rest = url.slice('pglite:'.length);
    if (rest.startsWith('//')) rest = rest.slice(2);
    if (rest === 'memory' || rest === 'memory://') return { engine: 'pglite', dataDir: null };
    const dir = rest || options.defaultDataDir || process.env.CATALOG_DATA_DIR || DEFAULT_DATA_DIR;
    return { engine: 'pglite', dataDir: resolve(dir) };
  }
  throw new StoreUrlError(`unsupported store URL "${url.replace(/\/\/[^@/]*@/, '//****@')}"; use one of:\n  ${ACCEPTED_STORE_URLS.join('\n  ')}`);
}

export async function openDriver(location: StoreLocation, options: Pick<OpenStoreOptions, 'poolSize' | 'pgliteWorker'> = {}): Promise<SqlDriver> {
  if (location.engine === 'pglite') {
    const worker = options.pgliteWorker ?? process.env.CATALOG_PGLITE_WORKER === '1';
    return worker ? PgliteWorkerDriver.open({ dataDir: location.dataDir }) : PgliteDriver.open({ dataDir: location.dataDir });
  }
  return PgDriver.open({ connectionString: location.connectionString, max: options.poolSize ?? 4 });
}

export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<SqlMetadataStore> {
  const driver = await openDriver(parseStoreUrl(url, options), options);
  try {
    await migrate(driver, options.schema ?? 'public');
  } catch (error) {
    await driver.close();
    throw error;
  }
  return new SqlMetadataStore(driver, options);
}
