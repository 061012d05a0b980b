// Cross-check of the committed Hudi fixtures (test/fixtures/hudi, written by real Spark + Hudi) with
// an independent reader: hudi-rs through its Python binding (PyPI `hudi`, scripts/services up hudi).
// It asserts the facts recorded in test/fixtures/hudi/expected.json, which the catalog's Hudi source
// is written against. The tables are read from a copy holding only the files git keeps (no empty
// directories), as a fresh clone has them.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest as ingestHudi } from '../ingest/sources/hudi/harness.js';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/hudi');
const SERVICES = process.env.CATALOG_SERVICES_DIR ?? path.join(ROOT, '.cache/services');
const PYTHON = path.join(SERVICES, 'hudi/venv/bin/python');
const READER = path.join(ROOT, 'test/services/hudi-read.py');

interface ExpectedCommit {
  instant: string;
  completionTime?: string;
  action: string;
  compaction: boolean;
  operationType: string | null;
  rowCountAfter: number | null;
  schemaFields: string[] | null;
}
interface ExpectedTable {
  layout: 'v6' | 'v8';
  name: string;
  path: string;
  tableType: 'COPY_ON_WRITE' | 'MERGE_ON_READ';
  tableVersion: number;
  timelineLayoutVersion: number;
  recordKey: string[];
  precombineField: string;
  partitionFields: string[];
  completed: { commit: number; deltacommit: number; compaction: number; other: number };
  commits: ExpectedCommit[];
  latest: {
    rowCount: number;
    recordKeys: number[];
    schemaFields: string[];
    partitions: string[];
    spotChecks: { key: number; present: boolean; field?: string; value?: unknown }[];
  };
}
interface Seen {
  path: string;
  errors?: Record<string, string>;
  table?: { name: string; type: string; isMor: boolean };
  schemaFields?: string[];
  partitionFields?: string[];
  timeline?: { commits: string[]; deltacommits: string[]; latestCommit: string; latestSchemaFields: string[] };
  snapshot?: { rowCount: number; columns: string[]; recordKeys: number[]; rows: Record<string, Record<string, unknown>> };
  fileSlices?: { partition: string; base: string; logs: string[] }[];
  timeTravel?: Record<string, number>;
}

const expected = (JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as { tables: ExpectedTable[] }).tables;
let copy: string;
const seen = new Map<string, Seen>();

/** Copies the files under `from` (never empty directories: git does not keep them). */
async function copyFiles(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    if (entry.isDirectory()) await copyFiles(src, path.join(to, entry.name));
    else if (entry.isFile()) {
      await mkdir(to, { recursive: true });
      await copyFile(src, path.join(to, entry.name));
    }
  }
}

beforeAll(async () => {
  if (!existsSync(PYTHON)) throw new Error(`hudi reader venv not found at ${PYTHON}; prepare it with: scripts/services up hudi`);
  copy = await mkdtemp(path.join(tmpdir(), 'hudi-fixtures-'));
  await copyFiles(FIXTURES, copy);
  const dirs = expected.map((t) => path.join(copy, t.path));
  const { stdout } = await run(PYTHON, [READER, ...dirs], { maxBuffer: 64 * 1024 * 1024 });
  for (const s of JSON.parse(stdout) as Seen[]) seen.set(path.relative(copy, s.path), s);
});

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

function properties(table: ExpectedTable): Record<string, string> {
  const text = readFileSync(path.join(FIXTURES, table.path, '.hoodie/hoodie.properties'), 'latin1');
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#') && l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

describe('hudi fixtures (committed files, no reader)', () => {
  it('cover both timeline layouts, both table types, partitioned and not', () => {
    expect(expected.map((t) => t.path).sort()).toEqual(
      ['artists_cow', 'artists_mor', 'artworks_cow', 'artworks_mor'].flatMap((n) => [`v6/${n}`, `v8/${n}`]).sort(),
    );
    for (const layout of ['v6', 'v8']) {
      const ts = expected.filter((t) => t.layout === layout);
      expect(new Set(ts.map((t) => t.tableType))).toEqual(new Set(['COPY_ON_WRITE', 'MERGE_ON_READ']));
      expect(ts.some((t) => t.partitionFields.length > 0) && ts.some((t) => t.partitionFields.length === 0)).toBe(true);
      expect(ts.some((t) => t.completed.compaction > 0)).toBe(true);
    }
  });

  it.each(expected.map((t) => [t.path, t] as const))('%s: hoodie.properties and timeline files agree with expected.json', (_, t) => {
    const p = properties(t);
    expect(p['hoodie.table.name']).toBe(t.name);
    expect(p['hoodie.table.type']).toBe(t.tableType);
    expect(Number(p['hoodie.table.version'])).toBe(t.tableVersion);
    expect(t.tableVersion).toBe(t.layout === 'v6' ? 6 : 8);
    expect(p['hoodie.table.recordkey.fields']).toBe(t.recordKey.join(','));
    expect(p['hoodie.table.precombine.field']).toBe(t.precombineField);
    expect(p['hoodie.table.partition.fields'] ?? '').toBe(t.partitionFields.join(','));
    // Completed instants: 0.x names them <instant>.<action> in .hoodie/, 1.x names them
    // <requested>_<completed>.<action> in .hoodie/timeline/.
    const dir = path.join(FIXTURES, t.path, '.hoodie', t.layout === 'v8' ? 'timeline' : '');
    const done = readdirSync(dir).sort().filter((f) => /^\d+(_\d+)?\.(commit|deltacommit)$/.test(f));
    expect(done).toEqual(
      t.commits.map((c) => `${c.instant}${c.completionTime ? `_${c.completionTime}` : ''}.${c.action}`),
    );
    expect(t.commits.filter((c) => c.action === 'deltacommit')).toHaveLength(t.completed.deltacommit);
    // A compaction completes as a commit whose plan is <instant>.compaction.requested.
    const compactions = t.commits.filter((c) => c.compaction);
    expect(compactions).toHaveLength(t.completed.compaction);
    for (const c of compactions) expect(existsSync(path.join(dir, `${c.instant}.compaction.requested`))).toBe(true);
    // The last write added one column; the commits before it carry the schema without it.
    expect(t.commits.at(-1)!.schemaFields).toEqual(t.latest.schemaFields);
    for (const c of t.commits.slice(0, -1)) expect(c.schemaFields).toEqual(t.latest.schemaFields.slice(0, -1));
  });
});

describe('hudi fixtures read by hudi-rs (scripts/services up hudi)', () => {
  it.each(expected.map((t) => [t.path, t] as const))('%s: table, schema, timeline, latest snapshot and time travel', (p, t) => {
    const s = seen.get(p);
    expect(s, `hudi-read.py printed nothing for ${p}`).toBeDefined();
    expect(s!.errors ?? {}).toEqual({});
    expect(s!.table).toEqual({ name: t.name, type: t.tableType, isMor: t.tableType === 'MERGE_ON_READ' });
    expect(s!.schemaFields).toEqual(t.latest.schemaFields);
    expect(s!.partitionFields).toEqual(t.partitionFields);

    const commits = t.commits.filter((c) => c.action === 'commit').map((c) => c.instant);
    const deltas = t.commits.filter((c) => c.action === 'deltacommit').map((c) => c.instant);
    expect(s!.timeline?.commits).toEqual(commits);
    expect(s!.timeline?.deltacommits).toEqual(deltas);
    expect(s!.timeline?.latestCommit).toBe(t.commits.at(-1)!.instant);
    expect(s!.timeline?.latestSchemaFields).toEqual(t.latest.schemaFields);

    // The latest snapshot: for MoR tables this merges log files (updates, deletes, the added column).
    expect(s!.snapshot?.rowCount).toBe(t.latest.rowCount);
    expect(s!.snapshot?.recordKeys).toEqual(t.latest.recordKeys);
    expect(s!.snapshot?.columns).toEqual(t.latest.schemaFields);
    for (const check of t.latest.spotChecks) {
      const row = s!.snapshot?.rows[String(check.key)];
      if (!check.present) expect(row, `record ${check.key} should be deleted`).toBeUndefined();
      else expect(row?.[check.field!], `record ${check.key}.${check.field}`).toEqual(check.value);
    }
    // Time travel to each completed instant gives the row count recorded after that write.
    expect(s!.timeTravel).toEqual(Object.fromEntries(t.commits.map((c) => [c.instant, c.rowCountAfter])));
    const partitions = [...new Set(s!.fileSlices?.map((f) => f.partition))].sort();
    expect(partitions).toEqual(t.latest.partitions);
  });
});

describe("the catalog's hudi source agrees with hudi-rs on the same files", () => {
  it.each(expected.map((t) => [t.path, t] as const))('%s: schema, partitions, commits, and (CoW) the profiled snapshot', async (p, t) => {
    const s = seen.get(p)!;
    const run = await ingestHudi({ base_paths: [path.join(copy, p)], profiling: { enabled: true } });
    expect(run.result.sourceReport!.failures.toJSON()).toEqual([]);
    const urn = run.urns()[0]!;
    const schema = run.aspect(urn, 'schemaMetadata')!;
    expect(schema.fields.map((f: { fieldPath: string }) => f.fieldPath).filter((f: string) => !f.startsWith('_hoodie_'))).toEqual(s.schemaFields);
    const custom = run.aspect(urn, 'datasetProperties')!.customProperties;
    const rsPartitions = [...new Set(s.fileSlices!.map((f) => f.partition))].filter((x) => x !== '').sort();
    expect(custom['hudi.partitions'] ?? '').toBe(rsPartitions.join(','));
    expect(run.all(urn, 'operation')).toHaveLength(s.timeline!.commits.length + s.timeline!.deltacommits.length);
    const profile = run.aspect(urn, 'datasetProfile')!;
    if (t.tableType === 'COPY_ON_WRITE') {
      expect(profile.rowCount).toBe(s.snapshot!.rowCount);
      const key = profile.fieldProfiles.find((f: { fieldPath: string }) => f.fieldPath === t.recordKey[0]);
      expect(key.uniqueCount).toBe(s.snapshot!.recordKeys.length);
      expect(Number(key.min)).toBe(Math.min(...s.snapshot!.recordKeys));
    } else {
      // Read-optimized view: base files only; hudi-rs merged the log files for its snapshot.
      expect(profile.partitionSpec.partition).toBe('READ_OPTIMIZED_VIEW');
    }
  });
});
