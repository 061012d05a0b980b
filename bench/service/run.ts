// `catalog serve` on a generated catalog at the scale: N datasets (20 columns each, a
// description, 2 tags, 1 glossary term, 1 owner) and 3N lineage edges (each dataset takes three
// upstreams among the 2,000 before it), written through the store with the search and lineage
// indexers subscribed, as `catalog ingest` writes them, into a PGlite data directory. Then the
// server is started as users start it, and the bench measures:
//   cold start  from spawning `catalog serve` to the first search answered with results;
//   latency     search (default facets), autocomplete and 3-hop lineage over GraphQL, from the client;
//   memory      the server's resident set after the queries (VmRSS) and its peak (VmHWM).
//   node dist/bench/service/run.js [--datasets 100000] [--queries 300] [--dir D]
// --dir keeps the data directory (built once, reused by later runs: the build takes minutes).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { makeMcp, type MetadataChangeProposal } from '../../model/mcp.js';
import { datasetUrn } from '../../model/urn.js';
import { openBackends } from '../../server/catalog.js';
import { subscribeLineageIndexer } from '../../server/graph/indexer.js';
import { subscribeSearchIndexer } from '../../server/search/indexer.js';

const { values } = parseArgs({ options: { datasets: { type: 'string', default: '100000' }, queries: { type: 'string', default: '300' }, dir: { type: 'string' } } });
const N = Number(values.datasets);
const Q = Number(values.queries);
const WINDOW = 2_000;
const WORDS = ('account address agent amount balance batch billing booking campaign card carrier catalog category channel claim '
  + 'client commission contract cost country coupon credit currency customer delivery deposit device discount event '
  + 'expense fee forecast fraud freight inventory invoice item journal ledger lead listing loan location margin member '
  + 'merchant order partner payment payout plan policy price product promotion purchase quote rate refund region '
  + 'reservation return revenue reward risk route sale season seller session shipment sku status stock store subscription '
  + 'supplier tax ticket transaction transfer user vendor venue visit wallet warehouse').split(' ');
const PLATFORMS = ['postgres', 'kafka', 's3', 'hudi', 'glue', 'hive'];

let seed = 42;
const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const nameOf = (i: number): string => `${WORDS[i % WORDS.length]}_${WORDS[Math.floor(i / WORDS.length) % WORDS.length]}_${i}`;
const urnOf = (i: number): string => datasetUrn(PLATFORMS[i % PLATFORMS.length]!, `warehouse.schema_${Math.floor(i / 1000)}.${nameOf(i)}`);
const stamp = { time: 1_700_000_000_000, actor: 'urn:li:corpuser:bench' };

function dataset(i: number): MetadataChangeProposal[] {
  const urn = urnOf(i);
  const platform = `urn:li:dataPlatform:${PLATFORMS[i % PLATFORMS.length]}`;
  const fields = Array.from({ length: 20 }, (_, c) => ({
    fieldPath: `${pick(WORDS)}_${c === 0 ? 'id' : pick(['id', 'name', 'amount', 'date', 'code', 'count'])}_${c}`,
    nativeDataType: 'varchar', type: { type: { 'com.linkedin.schema.StringType': {} } },
    ...(c < 5 ? { description: `The ${pick(WORDS)} ${pick(WORDS)}` } : {}),
  }));
  const mcps = [
    makeMcp(urn, 'datasetProperties', { name: nameOf(i), qualifiedName: `warehouse.schema_${Math.floor(i / 1000)}.${nameOf(i)}`, description: `The ${pick(WORDS)} and ${pick(WORDS)} of every ${pick(WORDS)}, refreshed daily` }),
    makeMcp(urn, 'schemaMetadata', { schemaName: nameOf(i), platform, version: 0, hash: '', platformSchema: { 'com.linkedin.schema.MySqlDDL': { tableSchema: '' } }, fields }),
    makeMcp(urn, 'globalTags', { tags: [{ tag: `urn:li:tag:tag${i % 30}` }, { tag: `urn:li:tag:tag${(i * 7) % 30}` }] }),
    makeMcp(urn, 'glossaryTerms', { terms: [{ urn: `urn:li:glossaryTerm:Term${i % 50}` }], auditStamp: stamp }),
    makeMcp(urn, 'ownership', { owners: [{ owner: `urn:li:corpuser:user${i % 200}`, type: 'TECHNICAL_OWNER' }] }),
  ];
  if (i >= 3) {
    const ups = new Set<number>();
    while (ups.size < 3) ups.add(Math.max(0, i - 1 - Math.floor(rand() * Math.min(i, WINDOW))));
    mcps.push(makeMcp(urn, 'upstreamLineage', { upstreams: [...ups].map((u) => ({ dataset: urnOf(u), type: 'TRANSFORMED', auditStamp: stamp })) }));
  }
  return mcps;
}

async function build(dir: string): Promise<void> {
  const t = performance.now();
  const backends = await openBackends({ store: `pglite:${dir}` });
  subscribeLineageIndexer(backends.bus, backends.graph);
  subscribeSearchIndexer(backends.bus, backends.store, backends.search);
  let edges = 0;
  for (let i = 0; i < N; i += 250) {
    const mcps = Array.from({ length: Math.min(250, N - i) }, (_, k) => dataset(i + k)).flat();
    edges += mcps.filter((m) => m.aspectName === 'upstreamLineage').length * 3;
    await backends.store.apply(mcps);
    await backends.bus.drain();
    if ((i / 250) % 40 === 0) console.log(`  built ${i + 250} datasets, ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  await backends.close();
  writeFileSync(join(dir, 'bench-complete'), JSON.stringify({ datasets: N, edges }));
  console.log(`built ${N} datasets and ${edges} edges in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

const percentile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'bench-service-'));
  try {
    if (!existsSync(join(dir, 'bench-complete'))) await build(dir);
    const { datasets, edges } = JSON.parse(readFileSync(join(dir, 'bench-complete'), 'utf8')) as { datasets: number; edges: number };
    const port = 18_000 + (process.pid % 1000);
    const cli = fileURLToPath(new URL('../../cli/main.js', import.meta.url));
    const started = performance.now();
    const server = spawn(process.execPath, [cli, 'serve', '--store', `pglite:${dir}`, '--port', String(port), '--no-auth'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const gql = async (query: string, variables: Record<string, unknown>): Promise<any> => {
      const res = await fetch(`http://127.0.0.1:${port}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const SEARCH = 'query($q: String!) { searchAcrossEntities(input: { query: $q, count: 10 }) { total searchResults { entity { urn } } facets { field } } }';
    let coldStart = 0;
    for (;;) {
      try {
        const r = await gql(SEARCH, { q: 'payment' });
        if (r.searchAcrossEntities.total > 0) {
          coldStart = performance.now() - started;
          break;
        }
      } catch {
        if (server.exitCode !== null) throw new Error('catalog serve exited');
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const time = async (label: string, runs: Array<() => Promise<unknown>>): Promise<string> => {
      for (const run of runs.slice(0, 10)) await run();
      const ms: number[] = [];
      for (const run of runs) {
        const t = performance.now();
        await run();
        ms.push(performance.now() - t);
      }
      return `| ${label} | ${percentile(ms, 50).toFixed(1)} ms | ${percentile(ms, 95).toFixed(1)} ms |`;
    };
    const typo = (w: string): string => (w.length > 4 ? w.slice(0, 2) + w[3] + w[2] + w.slice(4) : w);
    const queries = Array.from({ length: Q }, (_, k) => [pick(WORDS), pick(WORDS).slice(0, 4), `${pick(WORDS)} ${pick(WORDS)}`, typo(pick(WORDS)), nameOf(Math.floor(rand() * N))][k % 5]!);
    const rows = [
      await time('search, default facets (GraphQL)', queries.map((q) => () => gql(SEARCH, { q }))),
      await time('autocomplete (GraphQL)', queries.map((q) => () => gql('query($q: String!) { autoComplete(input: { query: $q, limit: 10 }) { suggestions } }', { q: q.slice(0, 1 + Math.floor(rand() * 4)) }))),
      await time('lineage, 3 hops, first 100 (GraphQL)', Array.from({ length: Q }, (_, k) => () => gql(
        'query($urn: String!, $d: LineageDirection!) { searchAcrossLineage(input: { urn: $urn, direction: $d, maxHops: 3, count: 100 }) { total } }',
        { urn: urnOf(Math.floor(rand() * N)), d: k % 2 ? 'UPSTREAM' : 'DOWNSTREAM' },
      ))),
    ];
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const mb = (key: string): string => `${Math.round(Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? 0) / 1024)} MB`;
    server.kill('SIGTERM');
    console.log(`\n${datasets} datasets, ${edges} edges; load average ${loadavg()[0]!.toFixed(1)}\n`);
    console.log('| measure | p50 | p95 |\n|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(`\ncold start (spawn to first search answered): ${(coldStart / 1000).toFixed(2)} s`);
    console.log(`server memory after the queries: VmRSS ${mb('VmRSS')}, peak VmHWM ${mb('VmHWM')}`);
  } finally {
    if (!values.dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
