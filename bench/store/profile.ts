// Where the time of one apply() goes: wraps the store's driver so every statement inside the
// transaction is timed, and reports per batch of the insert / update / rewrite passes the median
// time of each statement, the SQL total and the rest (Node: validation, planning, JSON, driver).
//   node dist/bench/store/profile.js [--count N] [--postgres URL] [--engine pglite|postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeMcp, type MetadataChangeProposal } from '../../model/mcp.js';
import { datasetUrn } from '../../model/urn.js';
import { openStore } from '../../server/store/open.js';
import type { SqlExecutor } from '../../server/store/sql/driver.js';

function aspectOf(i: number, round: number): Record<string, unknown> {
  const customProperties: Record<string, string> = {};
  for (let k = 0; k < 12; k++) customProperties[`property_${k}`] = `value ${k} of dataset ${i} round ${round} `.padEnd(52, '.');
  return { name: `table_${i}`, description: `Bench dataset ${i}, round ${round}. `.padEnd(120, '~'), customProperties, tags: [] };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

async function profile(url: string, count: number, schema?: string): Promise<void> {
  const store = await openStore(url, schema ? { schema } : {});
  const driver = store.driver;
  let timings: Map<string, number> = new Map();
  const label = (sql: string): string => sql.replace(/\s+/g, ' ').trim().slice(0, 60);
  const timed = async <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await run();
    } finally {
      const k = label(key);
      timings.set(k, (timings.get(k) ?? 0) + performance.now() - t);
    }
  };
  const wrap = (exec: SqlExecutor): SqlExecutor => ({
    query: (sql, params) => timed(sql, () => exec.query(sql, params)),
    ...(exec.copyFrom && { copyFrom: (target: string, data: string) => timed(`COPY ${target}`, () => exec.copyFrom!(target, data)) }),
  });
  const original = driver.transaction.bind(driver);
  (driver as { transaction: typeof driver.transaction }).transaction = (fn) => {
    const t = performance.now();
    return original(async (tx) => {
      timings.set('(begin)', performance.now() - t);
      const r = await fn(wrap(tx));
      timings.set('(before commit)', performance.now());
      return r;
    }).finally(() => timings.set('(commit)', performance.now() - timings.get('(before commit)')!));
  };
  try {
    for (const [pass, round] of [['insert', 0], ['update', 1], ['rewrite', 1]] as const) {
      const perBatch: Array<Map<string, number>> = [];
      const totals: number[] = [];
      for (let start = 0; start < count; start += 1000) {
        const batch: MetadataChangeProposal[] = [];
        for (let i = start; i < start + 1000; i++) batch.push(makeMcp(datasetUrn('postgres', `bench.public.table_${i}`), 'datasetProperties', aspectOf(i, round)));
        timings = new Map();
        const t = performance.now();
        await store.apply(batch);
        totals.push(performance.now() - t);
        timings.delete('(before commit)');
        perBatch.push(timings);
      }
      const keys = new Set(perBatch.flatMap((m) => [...m.keys()]));
      console.log(`\n${pass}: median apply ${median(totals).toFixed(1)} ms per 1,000`);
      let sql = 0;
      for (const k of keys) {
        const m = median(perBatch.map((b) => b.get(k) ?? 0));
        sql += m;
        console.log(`  ${m.toFixed(1).padStart(6)} ms  ${k}`);
      }
      console.log(`  ${(median(totals) - sql).toFixed(1).padStart(6)} ms  (rest: Node-side work)`);
    }
  } finally {
    if (schema) await driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await store.close();
  }
}

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, postgres: { type: 'string' }, engine: { type: 'string' } } });
const count = Number(values.count);
const pgUrl = values.postgres ?? process.env.CATALOG_TEST_POSTGRES_URL;
if (values.engine !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-profile-'));
  console.log('== PGlite (file)');
  try {
    await profile(`pglite:${dir}`, count);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (values.engine !== 'pglite' && pgUrl) {
  console.log('\n== PostgreSQL server');
  await profile(pgUrl, count, `profile_${process.pid}`);
}
