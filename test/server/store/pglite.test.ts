// The store on PGlite: the conformance suite in memory, plus what only an embedded data
// directory has (persistence across reopen, surviving a SIGKILL mid-write).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeMcp } from '../../../model/mcp.js';
import { openStore, parseStoreUrl, StoreUrlError } from '../../../server/store/open.js';
import { migrate } from '../../../server/store/sql/migrations.js';
import { PgliteDriver } from '../../../server/store/sql/pglite-driver.js';
import type { SqlDriver } from '../../../server/store/sql/driver.js';
import { SqlMetadataStore } from '../../../server/store/sql-store.js';
import { runSchemaHistorySuite } from './schema-history-suite.js';
import { runStoreSuite } from './store-suite.js';

runStoreSuite('PGlite in memory', (bus) => openStore('pglite:memory', { bus }));
runSchemaHistorySuite('PGlite in memory', (bus) => openStore('pglite:memory', { bus }));

// The opt-in driver that runs PGlite in a worker thread: the same guarantees through messages.
runStoreSuite('PGlite in memory, in a worker thread', (bus) => openStore('pglite:memory', { bus, pgliteWorker: true }));

// The same guarantees from the set-based INSERT path an executor without COPY gets.
runStoreSuite('PGlite in memory, without COPY', async (bus) => {
  const inner = await PgliteDriver.open({ dataDir: null });
  const driver: SqlDriver = {
    kind: inner.kind,
    query: (sql, params) => inner.query(sql, params),
    transaction: (fn) => inner.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params) })),
    close: () => inner.close(),
  };
  await migrate(driver, 'public');
  return new SqlMetadataStore(driver, { bus });
});

describe('opening a store by URL', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('understands pglite:<dir>, pglite:memory and postgres URLs', () => {
    expect(parseStoreUrl('pglite:memory')).toEqual({ engine: 'pglite', dataDir: null });
    expect(parseStoreUrl('pglite:/var/lib/catalog')).toEqual({ engine: 'pglite', dataDir: '/var/lib/catalog' });
    expect(parseStoreUrl('pglite:', { defaultDataDir: '/srv/data' })).toEqual({ engine: 'pglite', dataDir: '/srv/data' });
    expect(parseStoreUrl('postgresql://u@h:5432/db')).toEqual({ engine: 'postgres', connectionString: 'postgresql://u@h:5432/db' });
  });

  it('rejects an unknown scheme with the forms it accepts, hiding credentials', () => {
    expect(() => parseStoreUrl('mysql://root:secret@h/db')).toThrow(StoreUrlError);
    expect(() => parseStoreUrl('mysql://root:secret@h/db')).toThrow(/pglite:<dir>[\s\S]*pglite:memory[\s\S]*postgres:\/\//);
    expect(() => parseStoreUrl('mysql://root:secret@h/db')).not.toThrow(/secret/);
  });

  it('keeps what was written in a data directory across close and reopen, applying migrations once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-store-'));
    dirs.push(dir);
    const urn = 'urn:li:dataset:(urn:li:dataPlatform:pg,db.persisted,PROD)';
    const first = await openStore(`pglite:${dir}`);
    await first.apply([makeMcp(urn, 'datasetProperties', { name: 'a' }), makeMcp(urn, 'datasetProperties', { name: 'b' })]);
    await first.close();
    const second = await openStore(`pglite:${dir}`);
    expect((await second.getAspectVersions(urn, 'datasetProperties')).map((v) => v.value.name)).toEqual(['b', 'a']);
    expect(await second.driver.query('SELECT version FROM public.schema_migrations ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }]);
    await second.close();
  });
});
