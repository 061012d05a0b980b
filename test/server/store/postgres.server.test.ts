// The store on a real PostgreSQL server: the conformance suite, concurrent writers and
// concurrent migrations. Needs CATALOG_TEST_POSTGRES_URL; without it (or without an answering
// server) the run fails and says how to start one. Each run works in its own schema.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { makeMcp } from '../../../model/mcp.js';
import { openStore } from '../../../server/store/open.js';
import type { SqlMetadataStore } from '../../../server/store/sql-store.js';
import { runSchemaHistorySuite } from './schema-history-suite.js';
import { runStoreSuite } from './store-suite.js';

const url = process.env.CATALOG_TEST_POSTGRES_URL;
const HOW_TO_START =
  'start one with `scripts/services up postgres` and run with ' +
  'CATALOG_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:55432/catalog_test npm run test:server';

async function probe(): Promise<string | null> {
  if (!url) return `CATALOG_TEST_POSTGRES_URL is not set: these tests need a PostgreSQL server; ${HOW_TO_START}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `the PostgreSQL server at ${url.replace(/\/\/[^@/]*@/, '//****@')} does not answer (${(error as Error).message}); ${HOW_TO_START}`;
  } finally {
    await client.end().catch(() => {});
  }
}

const problem = await probe();
const schemas: string[] = [];
const newSchema = (): string => {
  const name = `store_test_${process.pid}_${schemas.length}_${Date.now()}`;
  schemas.push(name);
  return name;
};

if (problem) {
  it('needs a PostgreSQL server', () => {
    throw new Error(problem);
  });
} else {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  runStoreSuite('PostgreSQL server', (bus) => openStore(url!, { bus, schema: newSchema() }));
  runSchemaHistorySuite('PostgreSQL server', (bus) => openStore(url!, { bus, schema: newSchema() }));

  describe('two stores writing the same aspects at once (as two processes would)', () => {
    it('loses no update: every value written ends up as exactly one version', async () => {
      const schema = newSchema();
      const a = await openStore(url!, { schema });
      const b = await openStore(url!, { schema });
      try {
        const urns = Array.from({ length: 5 }, (_, i) => `urn:li:dataset:(urn:li:dataPlatform:pg,db.contended_${i},PROD)`);
        const writer = async (store: SqlMetadataStore, name: string): Promise<void> => {
          for (let round = 0; round < 25; round++) {
            // Both writers touch all five aspects in every batch, in opposite orders.
            const batch = urns.map((u) => makeMcp(u, 'datasetProperties', { name: `${name}-${round}` }));
            await store.apply(name === 'a' ? batch : batch.reverse());
          }
        };
        await Promise.all([writer(a, 'a'), writer(b, 'b')]);
        console.info(`concurrent writers: ${a.stats.retriedTransactions + b.stats.retriedTransactions} transactions retried after a conflict`);
        for (const urn of urns) {
          const versions = await a.getAspectVersions(urn, 'datasetProperties');
          expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 50 }, (_, k) => k));
          const names = versions.map((v) => v.value.name as string).sort();
          const expected = ['a', 'b'].flatMap((w) => Array.from({ length: 25 }, (_, r) => `${w}-${r}`)).sort();
          expect(names).toEqual(expected);
          // Each writer's own values appear in its order.
          for (const w of ['a', 'b']) {
            const mine = versions.slice(1).concat(versions[0]!).map((v) => v.value.name as string).filter((n) => n.startsWith(`${w}-`));
            expect(mine).toEqual(Array.from({ length: 25 }, (_, r) => `${w}-${r}`));
          }
        }
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('interleaved PATCHes of the same tags aspect keep every tag', async () => {
      const schema = newSchema();
      const a = await openStore(url!, { schema });
      const b = await openStore(url!, { schema });
      try {
        const urn = 'urn:li:dataset:(urn:li:dataPlatform:pg,db.tagged,PROD)';
        const tagger = async (store: SqlMetadataStore, prefix: string): Promise<void> => {
          for (let i = 0; i < 20; i++) {
            const tag = `urn:li:tag:${prefix}${i}`;
            await store.apply([{ entityType: 'dataset', entityUrn: urn, changeType: 'PATCH', aspectName: 'globalTags', aspect: [{ op: 'add', path: `/tags/${tag}`, value: { tag } }] }]);
          }
        };
        await Promise.all([tagger(a, 'a'), tagger(b, 'b')]);
        const tags = ((await a.getAspect(urn, 'globalTags'))?.value.tags as Array<{ tag: string }>).map((t) => t.tag);
        expect(tags).toHaveLength(40);
        expect(await a.getAspectVersions(urn, 'globalTags')).toHaveLength(40);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('applies the migrations once when several stores open a fresh schema together', async () => {
      const schema = newSchema();
      const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(url!, { schema })));
      try {
        expect(await stores[0]!.driver.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)).toEqual([{ version: 1 }, { version: 2 }]);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });
  });
}
