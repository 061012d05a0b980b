// Lineage walk latency on a generated graph: N datasets and 3N dataset-level edges (each dataset
// takes three upstreams among the 2,000 datasets before it, on mixed platforms: a DAG with the
// fan-in and fan-out of a real lake), loaded straight into PgLineageGraph on PGlite in a fresh
// temporary data directory, then Q walks from random datasets, half upstream, half downstream.
//   node dist/bench/lineage/run.js [--datasets N] [--queries Q] [--hops H] [--postgres URL] [--graph bolt://host:7687]
// With --graph the edges go to that graph (Neo4j) under a label of the run's own, dropped after.
// Prints load time, and p50/p95/p99 of a walk (first page of 100) with the mean result size.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { datasetUrn } from '../../model/urn.js';
import type { GraphChange, LineageDirection } from '../../server/graph/lineage-graph.js';
import type { LineageGraph } from '../../server/graph/lineage-graph.js';
import { Neo4jLineageGraph } from '../../server/graph/neo4j/neo4j-lineage-graph.js';
import { PgLineageGraph } from '../../server/graph/pg/pg-lineage-graph.js';
import { openStore } from '../../server/store/open.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '1000' },
    hops: { type: 'string', default: '3' },
    postgres: { type: 'string' },
    graph: { type: 'string' },
  },
});
const N = Number(values.datasets);
const Q = Number(values.queries);
const HOPS = Number(values.hops);
const PLATFORMS = ['postgres', 'kafka', 's3', 'hudi', 'glue', 'hive'];
const WINDOW = 2_000;

/** mulberry32: the same graph on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const urnOf = (i: number): string => datasetUrn(PLATFORMS[i % PLATFORMS.length]!, `bench.schema_${Math.floor(i / 1000)}.table_${i}`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const dir = values.postgres ? null : mkdtempSync(join(tmpdir(), 'bench-lineage-'));
  const schema = `bench_lineage_${process.pid}`;
  const store = values.postgres ? await openStore(values.postgres, { schema }) : await openStore(`pglite:${dir}`);
  const graph: LineageGraph = values.graph
    ? await Neo4jLineageGraph.open({ url: values.graph, label: `Bench_${process.pid}` })
    : await PgLineageGraph.open(store.driver, values.postgres ? { schema } : {});
  try {
    const random = prng(42);
    const t0 = performance.now();
    let edges = 0;
    for (let from = 0; from < N; from += 1000) {
      const changes: GraphChange[] = [];
      for (let i = from; i < Math.min(N, from + 1000); i++) {
        if (i === 0) continue;
        const ups = new Set<number>();
        const span = Math.min(i, WINDOW);
        for (let k = 0; k < 3 && ups.size < span; k++) {
          let up = i - 1 - Math.floor(random() * span);
          while (ups.has(up)) up = i - 1 - Math.floor(random() * span);
          ups.add(up);
        }
        const downstream = urnOf(i);
        changes.push({
          kind: 'replaceEdges', sourceUrn: downstream, aspectName: 'upstreamLineage',
          edges: [...ups].map((u) => ({ upstream: urnOf(u), downstream, relationship: 'DownstreamOf' as const, fine: false, lineageType: 'TRANSFORMED' })),
        });
        edges += ups.size;
      }
      await graph.apply(changes);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    if (!values.graph) await store.driver.query('ANALYZE');
    console.log(`loaded ${N.toLocaleString('en')} datasets, ${edges.toLocaleString('en')} edges (count() = ${(await graph.count()).toLocaleString('en')}) in ${loadSeconds.toFixed(1)} s`);

    for (let i = 0; i < 50; i++) await graph.walk({ urn: urnOf(Math.floor(random() * N)), direction: 'DOWNSTREAM', maxHops: HOPS });
    const times: Record<LineageDirection, number[]> = { UPSTREAM: [], DOWNSTREAM: [] };
    const sizes: Record<LineageDirection, number[]> = { UPSTREAM: [], DOWNSTREAM: [] };
    for (let q = 0; q < Q; q++) {
      const direction: LineageDirection = q % 2 ? 'UPSTREAM' : 'DOWNSTREAM';
      // Start away from the ends so both directions have HOPS levels to walk.
      const urn = urnOf(WINDOW + Math.floor(random() * (N - 2 * WINDOW)));
      const start = performance.now();
      const result = await graph.walk({ urn, direction, maxHops: HOPS, count: 100 });
      times[direction].push(performance.now() - start);
      sizes[direction].push(result.total);
    }
    const all = [...times.UPSTREAM, ...times.DOWNSTREAM].sort((a, b) => a - b);
    const line = (label: string, ts: number[], ns: number[]): string => {
      const s = [...ts].sort((a, b) => a - b);
      const mean = ns.reduce((a, b) => a + b, 0) / Math.max(1, ns.length);
      return `${label.padEnd(10)} p50 ${percentile(s, 50).toFixed(2)} ms  p95 ${percentile(s, 95).toFixed(2)} ms  p99 ${percentile(s, 99).toFixed(2)} ms  (mean ${mean.toFixed(1)} nodes)`;
    };
    console.log(`${HOPS}-hop walks, ${Q} queries on ${values.graph ? 'Neo4j' : values.postgres ? 'PostgreSQL server' : 'PGlite (data directory)'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(line('upstream', times.UPSTREAM, sizes.UPSTREAM));
    console.log(line('downstream', times.DOWNSTREAM, sizes.DOWNSTREAM));
    console.log(line('all', all, [...sizes.UPSTREAM, ...sizes.DOWNSTREAM]));
  } finally {
    if (graph instanceof Neo4jLineageGraph) await graph.drop();
    await graph.close();
    if (values.postgres) await store.driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
