// Search latency on a generated catalog: N datasets (20 columns each, tags, glossary terms,
// owners, descriptions) indexed into the embedded engine (MemorySearchEngine, or PgSearchEngine with
// --engine pg) on PGlite in memory, then a mix of queries
// (exact names, prefixes, words, typos, description and column words, with facets and filters)
// and autocomplete prefixes, each timed from the caller.
//   node dist/bench/search/run.js [--count N] [--queries Q] [--engine memory|pg] [--search http://host:9200]
// With --search the documents go to that Elasticsearch under an index of the run's own, dropped after.
// Documents go in through engine.index() in batches of 500, as `reindexAll` feeds them; the store's
// write path is measured by bench/store.
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import type { SearchDocument } from '../../server/search/document.js';
import { EsSearchEngine } from '../../server/search/elasticsearch/es-search-engine.js';
import { MemorySearchEngine } from '../../server/search/memory/memory-search-engine.js';
import { PgSearchEngine } from '../../server/search/pg/pg-search-engine.js';
import type { SearchEngine, SearchQuery } from '../../server/search/search-engine.js';
import { PgliteDriver } from '../../server/store/sql/pglite-driver.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '20000' }, queries: { type: 'string', default: '300' }, search: { type: 'string' }, engine: { type: 'string', default: 'memory' } } });
const N = Number(values.count);
const Q = Number(values.queries);

const WORDS = ('account address agent amount balance batch billing booking campaign card carrier catalog category channel claim '
  + 'client commission contract cost country coupon credit currency customer delivery deposit device discount event '
  + 'expense fee forecast fraud freight inventory invoice item journal ledger lead listing loan location margin member '
  + 'merchant order partner payment payout plan policy price product promotion purchase quote rate refund region '
  + 'reservation return revenue reward risk route sale season seller session shipment sku status stock store subscription '
  + 'supplier tax ticket transaction transfer user vendor venue visit wallet warehouse').split(' ');
let seed = 42;
const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function doc(i: number): SearchDocument {
  const name = `${pick(WORDS)}_${pick(WORDS)}${i % 3 === 0 ? '' : `_${i % 997}`}`;
  const qualifiedName = `db${i % 50}.schema${i % 20}.${name}`;
  const columns = Array.from({ length: 20 }, (_, c) => `${pick(WORDS)}_${c === 0 ? 'id' : pick(['id', 'name', 'amount', 'date', 'code', 'count'])}`);
  return {
    urn: `urn:li:dataset:(urn:li:dataPlatform:${pick(['postgres', 'kafka', 'glue', 'hudi'])},${qualifiedName}_${i},PROD)`,
    entityType: 'dataset', name, qualifiedName, description: `The ${pick(WORDS)} and ${pick(WORDS)} of every ${pick(WORDS)}, refreshed daily`,
    platform: pick(['postgres', 'kafka', 'glue', 'hudi']), origin: pick(['PROD', 'PROD', 'PROD', 'DEV']), removed: i % 100 === 0,
    typeNames: [pick(['Table', 'View', 'Topic'])], tags: [`urn:li:tag:tag${i % 30}`, `urn:li:tag:tag${(i * 7) % 30}`],
    glossaryTerms: [`urn:li:glossaryTerm:Term${i % 50}`], fieldPaths: columns, fieldDescriptions: columns.slice(0, 5).map((c) => `The ${c.replace('_', ' ')}`),
    fieldTags: i % 5 === 0 ? ['urn:li:tag:pii'] : [], fieldGlossaryTerms: [], owners: [`urn:li:corpuser:user${i % 200}`], domains: [], container: `urn:li:container:db${i % 50}`,
  };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function timeAll(label: string, runs: Array<() => Promise<unknown>>): Promise<void> {
  for (const run of runs.slice(0, 20)) await run(); // warm-up
  const ms: number[] = [];
  for (const run of runs) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  const fmt = (x: number): string => x.toFixed(x < 1 ? 2 : 1);
  console.log(`${label.padEnd(34)} n=${ms.length}  p50 ${fmt(percentile(ms, 50))} ms  p95 ${fmt(percentile(ms, 95))} ms  max ${fmt(Math.max(...ms))} ms`);
}

const driver = await PgliteDriver.open({ dataDir: null });
const engine: SearchEngine = values.search
  ? await EsSearchEngine.open({ node: values.search, index: `catalog_bench_${process.pid}`, refresh: false })
  : values.engine === 'pg' ? await PgSearchEngine.open(driver) : await MemorySearchEngine.open(driver);
let t = performance.now();
for (let i = 0; i < N; i += 500) await engine.index(Array.from({ length: Math.min(500, N - i) }, (_, k) => doc(i + k)));
if (engine instanceof EsSearchEngine) await engine.count(); // refreshes
console.log(`${values.search ? 'elasticsearch' : values.engine}: indexed ${N} datasets in ${((performance.now() - t) / 1000).toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)}; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

const typo = (w: string): string => (w.length > 4 ? w.slice(0, 2) + w[3] + w[2] + w.slice(4) : w);
const queries: Array<Partial<SearchQuery> & { query: string }> = [];
for (let k = 0; k < Q; k++) {
  const a = pick(WORDS);
  const b = pick(WORDS);
  const mix: Array<Partial<SearchQuery> & { query: string }> = [
    { query: `${a}_${b}` }, { query: a.slice(0, 4) }, { query: `${a} ${b}` }, { query: typo(a) }, { query: `${a} refreshed` },
    { query: a, filter: { and: [{ field: 'platform', values: ['postgres'] }, { not: { field: 'tags', values: ['urn:li:tag:tag3'] } }] } },
  ];
  queries.push(mix[k % mix.length]!);
}
await timeAll('search (facets, count 10)', queries.map((q) => () => engine.search({ count: 10, ...q })));
await timeAll('search (no facets, count 10)', queries.map((q) => () => engine.search({ count: 10, facets: [], ...q })));
const prefixes = Array.from({ length: Q }, () => pick(WORDS).slice(0, 1 + Math.floor(rand() * 4)));
await timeAll('autocomplete (limit 10)', prefixes.map((p) => () => engine.autocomplete(p, { limit: 10 })));
t = performance.now();
await engine.search({ query: '*', count: 10 });
console.log(`match-all with facets: ${(performance.now() - t).toFixed(1)} ms`);
if (engine instanceof EsSearchEngine) await engine.drop();
await engine.close();
await driver.close();
