// Store write throughput: N aspects of ~1 KB in batches of 1,000, first as new values (the
// insert path), then rewritten with changed values (the versioning path: history + update).
//   node dist/bench/store/run.js [--count N] [--batch B] [--postgres URL] [--concurrency C]
// PGlite runs in a fresh temporary data directory; the PostgreSQL server (argument or
// CATALOG_TEST_POSTGRES_URL) in a fresh schema that is dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
async function timePass(store: SqlMetadataStore, pass: string, work: MetadataChangeProposal[][], concurrency: number): Promise<PassResult> {
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
  return { pass, aspects, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function runEngine(url: string, count: number, batchSize: number, concurrency: number, schema?: string): Promise<PassResult[]> {
  const store = await openStore(url, schema ? { schema } : {});
  try {
    // Build the proposals up front so the timing measures the store, not the generator.
    const first = batches(count, batchSize, 0);
    const second = batches(count, batchSize, 1);
    const third = batches(count, batchSize, 1);
    return [
      await timePass(store, 'insert (new aspects)', first, concurrency),
      await timePass(store, 'update (changed -> new version)', second, concurrency),
      await timePass(store, 'rewrite (identical, no-op)', third, concurrency),
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
    },
  });
  // PGlite is one session in this process: concurrency only applies to the server.
  const concurrency = Number(values.concurrency);
  const count = Number(values.count);
  const batchSize = Number(values.batch);
  const postgresUrl = values.postgres ?? process.env.CATALOG_TEST_POSTGRES_URL;
  const aspectBytes = JSON.stringify(aspectOf(0, 0)).length;
  console.log(`store write benchmark: ${count} aspects of ${aspectBytes} bytes, batches of ${batchSize}, server concurrency ${concurrency}`);

  const columns: Array<{ engine: string; results: PassResult[] }> = [];
  const dir = mkdtempSync(join(tmpdir(), 'catalog-bench-'));
  try {
    columns.push({ engine: 'PGlite (file)', results: await runEngine(`pglite:${dir}`, count, batchSize, 1) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (postgresUrl) {
    columns.push({ engine: 'PostgreSQL server', results: await runEngine(postgresUrl, count, batchSize, concurrency, `bench_${process.pid}`) });
  } else {
    console.log('(no PostgreSQL URL: pass --postgres URL or set CATALOG_TEST_POSTGRES_URL to include the server)');
  }

  const rows = columns[0]!.results.map((r, i) => [r.pass, ...columns.map((c) => c.results[i]!)]);
  const header = ['pass', ...columns.map((c) => `${c.engine} aspects/s`)];
  const cells = rows.map(([pass, ...results]) => [
    pass as string,
    ...(results as PassResult[]).map((r) => `${Math.round(r.aspects / r.seconds).toLocaleString('en-US')} (${r.seconds.toFixed(2)} s)`),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
