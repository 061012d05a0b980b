// Ingesting a Hudi table with a long timeline: N completed commits (each with its .requested and
// .inflight files, as Spark leaves them) generated from a real Spark-written table as template:
// test/fixtures/hudi/<layout>/artworks_cow (Hudi 0.15.0 for v6, 1.0.2 for v8). The template's
// hoodie.properties is copied as is; every generated commit is a byte copy of one of the template's
// own completed commit files (its 2nd commit, an upsert with the original schema, and its 4th, the
// upsert that added `credit_line`), switching every `--schema-every` commits, so the timeline holds
// N / schema-every schema versions. Instant times are one second apart from 2020-01-01.
// The hudi source then reads the table (properties, timeline, every commit's metadata, schema
// history, one operation per commit) into a counting sink; no data files are read.
//   node dist/bench/hudi/run.js [--commits N] [--layout v6|v8] [--schema-every K] [--repeat R]
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { silentLogger } from '../../ingest/api/logger.js';
import { HudiSource } from '../../ingest/sources/hudi/source.js';
import { hudiSourceConfigSchema } from '../../ingest/sources/hudi/config.js';

const { values } = parseArgs({
  options: {
    commits: { type: 'string', default: '10000' },
    layout: { type: 'string', default: 'v6' },
    'schema-every': { type: 'string', default: '1000' },
    repeat: { type: 'string', default: '3' },
  },
});
const N = Number(values.commits);
const layout = values.layout as 'v6' | 'v8';
const EVERY = Number(values['schema-every']);
const template = path.resolve('test/fixtures/hudi', layout, 'artworks_cow');

function instant(i: number, offsetMs = 0): string {
  const d = new Date(Date.UTC(2020, 0, 1) + i * 1000 + offsetMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}${p(d.getUTCMilliseconds(), 3)}`;
}

function generate(dir: string): void {
  const hoodie = path.join(template, '.hoodie');
  const timelineDir = layout === 'v8' ? path.join(hoodie, 'timeline') : hoodie;
  const completed = readdirSync(timelineDir).filter((f) => /^\d+(_\d+)?\.commit$/.test(f)).sort();
  const [, oldSchema, , newSchema] = completed.map((f) => readFileSync(path.join(timelineDir, f)));
  const requested = readFileSync(path.join(timelineDir, readdirSync(timelineDir).find((f) => f.endsWith('.commit.requested'))!));
  const inflight = readFileSync(path.join(timelineDir, readdirSync(timelineDir).find((f) => f.endsWith('.inflight'))!));
  const out = path.join(dir, '.hoodie', layout === 'v8' ? 'timeline' : '');
  mkdirSync(out, { recursive: true });
  cpSync(path.join(hoodie, 'hoodie.properties'), path.join(dir, '.hoodie', 'hoodie.properties'));
  for (let i = 0; i < N; i++) {
    const t = instant(i);
    const body = Math.floor(i / EVERY) % 2 === 0 ? oldSchema! : newSchema!;
    writeFileSync(path.join(out, `${t}.commit.requested`), requested);
    writeFileSync(path.join(out, `${t}.inflight`), inflight);
    writeFileSync(path.join(out, layout === 'v8' ? `${t}_${instant(i, 500)}.commit` : `${t}.commit`), body);
  }
}

const dir = mkdtempSync(path.join(tmpdir(), `bench-hudi-${layout}-`));
try {
  let t0 = performance.now();
  generate(dir);
  console.log(`generated ${N} commits (${3 * N} timeline files, ${layout} layout) in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const times: number[] = [];
  for (let r = 0; r < Number(values.repeat); r++) {
    const config = hudiSourceConfigSchema.parse({ base_paths: [dir] });
    const source = new HudiSource(config, {
      runId: 'bench', pipelineName: null, baseDir: process.cwd(), logger: silentLogger, catalog: null, registerSecret: () => {}, connectCatalog: null,
    });
    t0 = performance.now();
    const counts: Record<string, number> = {};
    for await (const wu of source.workunits()) counts[wu.mcp.aspectName!] = (counts[wu.mcp.aspectName!] ?? 0) + 1;
    const s = (performance.now() - t0) / 1000;
    times.push(s);
    const rep = source.report;
    console.log(`run ${r + 1}: ${s.toFixed(2)} s; instants ${rep.instantsRead}, commit metadata ${rep.commitMetadataRead}, schema versions ${rep.schemaVersionsEmitted}, operations ${rep.operationsEmitted}, aspects ${JSON.stringify(counts)}, warnings ${rep.warnings.size}`);
  }
  times.sort((a, b) => a - b);
  console.log(`median ${times[Math.floor(times.length / 2)]!.toFixed(2)} s (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
