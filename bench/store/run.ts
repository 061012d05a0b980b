// Store write throughput: N aspects of ~1 KB in batches of 1,000, first as new values (the
// insert path), then rewritten with changed values (the versioning path: history + update).
//   node dist/bench/store/run.js [--count N] [--batch B] [--postgres URL] [--concurrency C] [--repeat R]
// PGlite runs in a fresh temporary data directory; the PostgreSQL server (argument or
// CATALOG_TEST_POSTGRES_URL) in a fresh schema that is dropped afterwards. With --repeat R every
// figure is the median of R fresh runs. Besides wall-clock throughput each pass reports the CPU it
// cost: this process (Node + PGlite's WASM engine) and, for a local server, the backends serving
// the store's pool (from /proc). On a machine shared with other work the CPU figure is the stable
// one: aspects per CPU-second is what the pass reaches when it has a core to itself.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeMcp, type MetadataChangeProposal } from '../../model/mcp.js';
import { datasetUrn } from '../../model/urn.js';
import { openStore } from '../../server/store/open.js';
import type { SqlMetadataStore } from '../../server/store/sql-store.js';

interface PassResult {
  pass: string;
  aspects: number;
  seconds: number;
  /** CPU seconds of this process during the pass. */
  nodeCpu: number;
  /** CPU seconds of the server backends serving the store (0 for PGlite, or when /proc is not readable). */
  serverCpu: number;
}

const CLOCK_TICKS = 100;

/** utime + stime of a process in seconds, or 0 if it cannot be read (not local, gone). */
function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** The CPU seconds so far of the server backends with our application_name, by pid. */
async function backendCpu(store: SqlMetadataStore, appName: string | null): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!appName) return out;
  const rows = await store.driver.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [appName]);
  for (const { pid } of rows) out.set(pid, processCpu(pid));
  return out;
}

/** A datasetProperties-like aspect of about 1 KB whose content depends on (i, round). */
function aspectOf(i: number, round: number): Record<string, unknown> {
  const customProperties: Record<string, string> = {};
  for (let k = 0; k < 12; k++) customProperties[`property_${k}`] = `value ${k} of dataset ${i} round ${round} `.padEnd(52, '.');
  return { name: `table_${i}`, description: `Bench dataset ${i}, round ${round}. `.padEnd(120, '~'), customProperties, tags: [] };
}

function batches(count: number, batchSize: number, round: number): MetadataChangeProposal[][] {
  const out: MetadataChangeProposal[][] = [];
  for (let start = 0; start < count; start += batchSize) {
    const batch: MetadataChangeProposal[] = [];
    for (let i = start; i < Math.min(count, start + batchSize); i++) {
      batch.push(makeMcp(datasetUrn('postgres', `bench.public.table_${i}`), 'datasetProperties', aspectOf(i, round)));
    }
    out.push(batch);
  }
  return out;
}

/** Applies the batches with up to `concurrency` apply() calls in flight (1 = one after another). */
async function timePass(store: SqlMetadataStore, pass: string, work: MetadataChangeProposal[][], concurrency: number, appName: string | null): Promise<PassResult> {
  const before = await backendCpu(store, appName);
  const busy = (store.driver as { busyMillis?: () => number }).busyMillis?.bind(store.driver);
  const busyBefore = busy?.() ?? 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let aspects = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < work.length) {
      const batch = work[next++]!;
      await store.apply(batch);
      aspects += batch.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  let serverCpu = 0;
  for (const [pid, t] of await backendCpu(store, appName)) serverCpu += t - (before.get(pid) ?? 0);
  if (busy) console.log(`  ${pass}: PGlite worker busy ${fmt((busy() - busyBefore) / (aspects / 1000))} ms per 1,000 of ${fmt((seconds * 1e6) / aspects)} ms wall`);
  return { pass, aspects, seconds, nodeCpu: (used.user + used.system) / 1e6, serverCpu };
}

async function runEngine(url: string, count: number, batchSize: number, concurrency: number, schema?: string, pgliteWorker = false): Promise<PassResult[]> {
  // Name the server connections so their backends' CPU can be read (a local server only).
  const appName = url.startsWith('pglite:') ? null : `store_bench_${process.pid}`;
  if (appName) url += `${url.includes('?') ? '&' : '?'}application_name=${appName}`;
  const store = await openStore(url, schema ? { schema, poolSize: Math.max(4, concurrency) } : { pgliteWorker });
  try {
    // Build the proposals up front so the timing measures the store, not the generator.
    const first = batches(count, batchSize, 0);
    const second = batches(count, batchSize, 1);
    const third = batches(count, batchSize, 1);
    return [
      await timePass(store, 'insert (new aspects)', first, concurrency, appName),
      await timePass(store, 'update (changed -> new version)', second, concurrency, appName),
      await timePass(store, 'rewrite (identical, no-op)', third, concurrency, appName),
    ];
  } finally {
    if (schema) await store.driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await store.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '20000' },
      batch: { type: 'string', default: '1000' },
      postgres: { type: 'string' },
      concurrency: { type: 'string', default: '1' },
      repeat: { type: 'string', default: '1' },
      'pglite-worker': { type: 'boolean', default: false },
      'pglite-concurrency': { type: 'string' },
    },
  });
  // PGlite is one session: in this process concurrency would gain nothing (default 1); with
  // --pglite-worker the engine runs in a worker thread and 2 batches in flight overlap the work.
  const concurrency = Number(values.concurrency);
  const pgliteWorker = values['pglite-worker'];
  const pgliteConcurrency = Number(values['pglite-concurrency'] ?? (pgliteWorker ? 2 : 1));
  const count = Number(values.count);
  const batchSize = Number(values.batch);
  const postgresUrl = values.postgres ?? process.env.CATALOG_TEST_POSTGRES_URL;
  const aspectBytes = JSON.stringify(aspectOf(0, 0)).length;
  console.log(`store write benchmark: ${count} aspects of ${aspectBytes} bytes, batches of ${batchSize}, server concurrency ${concurrency}`);

  const repeat = Number(values.repeat);
  const loadBefore = loadavg()[0]!;
  const columns: Array<{ engine: string; results: PassResult[] }> = [];
  const pglite: PassResult[][] = [];
  for (let r = 0; r < repeat; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-bench-'));
    try {
      pglite.push(await runEngine(`pglite:${dir}`, count, batchSize, pgliteConcurrency, undefined, pgliteWorker));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  columns.push({ engine: `PGlite (file${pgliteWorker ? ', worker' : ''}, ${pgliteConcurrency} in flight)`, results: medians(pglite) });
  if (postgresUrl) {
    const server: PassResult[][] = [];
    for (let r = 0; r < repeat; r++) server.push(await runEngine(postgresUrl, count, batchSize, concurrency, `bench_${process.pid}_${r}`));
    columns.push({ engine: `PostgreSQL server (${concurrency} in flight)`, results: medians(server) });
  } else {
    console.log('(no PostgreSQL URL: pass --postgres URL or set CATALOG_TEST_POSTGRES_URL to include the server)');
  }

  const rows = columns[0]!.results.map((r, i) => [r.pass, ...columns.map((c) => c.results[i]!)]);
  const header = ['pass', ...columns.map((c) => `${c.engine} aspects/s`)];
  const cells = rows.map(([pass, ...results]) => [
    pass as string,
    ...(results as PassResult[]).map((r) => {
      const cpu = r.nodeCpu + r.serverCpu;
      const split = r.serverCpu > 0 ? ` = ${fmt((r.nodeCpu / r.aspects) * 1e6)} node + ${fmt((r.serverCpu / r.aspects) * 1e6)} server` : '';
      return `${fmt(r.aspects / r.seconds)}/s; CPU ${fmt((cpu / r.aspects) * 1e6)} ms per 1,000${split}; ${fmt(r.aspects / cpu)}/CPU-s`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
  console.log(`(medians of ${repeat} run${repeat === 1 ? '' : 's'}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${cpus().length} CPUs)`);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Per pass, the run with the median throughput (its CPU figures come along with it). */
function medians(runs: PassResult[][]): PassResult[] {
  return runs[0]!.map((_, i) => {
    const sorted = runs.map((r) => r[i]!).sort((a, b) => a.aspects / a.seconds - b.aspects / b.seconds);
    return sorted[Math.floor(sorted.length / 2)]!;
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
