// Malformed `.hoodie` content, in broken copies of the fixtures made here: each problem is a
// warning naming the file, and the rest of the table and the other tables are still ingested.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, hudiUrn, ingest, type Captured } from './harness.js';

let dir: string;
const table = (name: string) => path.join(dir, name);

async function copyTable(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(table(to)), { recursive: true });
  await cp(path.join(FIXTURES, from), table(to), { recursive: true });
}

async function lastCompleted(timelineDir: string, suffix: string): Promise<string> {
  const names = (await readdir(timelineDir)).filter((n) => n.endsWith(suffix) && /^\d/.test(n)).sort();
  return path.join(timelineDir, names.at(-1)!);
}

const warnings = (run: Captured) => run.result.sourceReport!.warnings.toJSON();

describe('hudi source on malformed .hoodie folders', () => {
  let run: Captured;
  let truncatedAvro: string;
  let truncatedJson: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hudi-malformed-'));
    await copyTable('v6/artists_cow', 'no_properties');
    await unlink(path.join(table('no_properties'), '.hoodie/hoodie.properties'));

    await copyTable('v8/artworks_mor', 'truncated_avro');
    truncatedAvro = await lastCompleted(path.join(table('truncated_avro'), '.hoodie/timeline'), '.deltacommit');
    await truncate(truncatedAvro, Math.floor((await readFile(truncatedAvro)).length / 2));

    await copyTable('v6/artists_mor', 'truncated_json');
    truncatedJson = await lastCompleted(path.join(table('truncated_json'), '.hoodie'), '.deltacommit');
    await truncate(truncatedJson, 200);
    // A write in flight and a clean only requested, as a reader may find them mid-write.
    for (const f of ['20991231235959000.deltacommit.requested', '20991231235959000.deltacommit.inflight', '20991231235959999.clean.requested']) {
      await writeFile(path.join(table('truncated_json'), '.hoodie', f), '');
    }

    await copyTable('v6/artworks_cow', 'future_version');
    const props = path.join(table('future_version'), '.hoodie/hoodie.properties');
    await writeFile(props, (await readFile(props, 'utf8')).replace('hoodie.table.version=6', 'hoodie.table.version=42'));

    await copyTable('v8/artists_cow', 'healthy');
    await mkdir(path.join(dir, 'plain_folder/data'), { recursive: true });

    run = await ingest({ root: dir });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('still ingests every table, with no failures', () => {
    expect(run.urns()).toEqual(['future_version', 'healthy', 'no_properties', 'truncated_avro', 'truncated_json'].map((n) => hudiUrn(table(n))).sort());
    expect(run.result.sourceReport!.failures.toJSON()).toEqual([]);
  });

  it('names a missing hoodie.properties, and still reads the timeline, schema and operations', () => {
    const file = path.join(table('no_properties'), '.hoodie/hoodie.properties');
    expect(warnings(run)).toContainEqual(expect.objectContaining({ title: 'Missing hoodie.properties', context: [file] }));
    const urn = hudiUrn(table('no_properties'));
    const props = run.aspect(urn, 'datasetProperties')!;
    expect(props.name).toBe('no_properties');
    expect(props.customProperties['hudi.timeline.completed.commit']).toBe('4');
    expect(props.customProperties['hudi.table.type']).toBeUndefined();
    expect(run.all(urn, 'operation')).toHaveLength(4);
    expect(run.aspect(urn, 'schemaMetadata')!.fields.map((f: { fieldPath: string }) => f.fieldPath)).toContain('wiki_qid');
  });

  it('names a truncated 1.x (Avro) instant, keeps the instant as an operation of unknown type, and falls back to the previous schema', () => {
    expect(warnings(run)).toContainEqual(expect.objectContaining({ title: 'Unreadable commit metadata', context: expect.arrayContaining([truncatedAvro]) }));
    const urn = hudiUrn(table('truncated_avro'));
    const ops = run.all(urn, 'operation');
    expect(ops).toHaveLength(5);
    expect(ops.at(-1)).toMatchObject({ operationType: 'UNKNOWN', customProperties: { commit_metadata: 'unreadable' } });
    const fields = run.aspect(urn, 'schemaMetadata')!.fields.map((f: { fieldPath: string }) => f.fieldPath);
    expect(fields).toContain('dimensions');
    expect(fields).not.toContain('credit_line');
    expect(run.aspect(urn, 'datasetProperties')!.customProperties['hudi.timeline.completed.deltacommit']).toBe('4');
  });

  it('names a truncated 0.x (JSON) instant', () => {
    expect(warnings(run)).toContainEqual(expect.objectContaining({ title: 'Unreadable commit metadata', context: expect.arrayContaining([truncatedJson]) }));
    expect(run.all(hudiUrn(table('truncated_json')), 'operation')).toHaveLength(4);
  });

  it('counts pending instants by state and action, without operations or time-travel points for them', () => {
    const urn = hudiUrn(table('truncated_json'));
    const custom = run.aspect(urn, 'datasetProperties')!.customProperties;
    expect(custom).toMatchObject({
      'hudi.timeline.completed.deltacommit': '4',
      'hudi.timeline.inflight.deltacommit': '1',
      'hudi.timeline.requested.clean': '1',
      'hudi.time_travel_points.count': '4',
    });
    expect(custom['hudi.time_travel_points']).not.toContain('2099');
  });

  it('names an unknown table version, and reads the table in the layout found on disk', () => {
    const file = path.join(table('future_version'), '.hoodie/hoodie.properties');
    expect(warnings(run)).toContainEqual(expect.objectContaining({ title: 'Unknown Hudi table version', context: [file] }));
    const urn = hudiUrn(table('future_version'));
    expect(run.aspect(urn, 'datasetProperties')!.customProperties).toMatchObject({ 'hudi.table.version': '42', 'hudi.timeline.layout': '0.x' });
    expect(run.all(urn, 'operation')).toHaveLength(4);
  });

  it('reports a base path that is not a Hudi table as a failure naming it, and goes on', async () => {
    const other = await ingest({ base_paths: [path.join(dir, 'plain_folder'), table('healthy')] });
    expect(other.result.sourceReport!.failures.toJSON()).toEqual([
      expect.objectContaining({ title: 'Not a Hudi table', context: [path.join(dir, 'plain_folder')] }),
    ]);
    expect(other.urns()).toEqual([hudiUrn(table('healthy'))]);
  });
});
