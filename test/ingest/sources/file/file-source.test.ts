import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../../../ingest/api/plugin.js';
import { sources } from '../../../../ingest/sources/index.js';
import type { FileSourceReport } from '../../../../ingest/sources/file/report.js';
import { collect, collectMcps, testContext } from '../context.js';

const plugin = sources.find((s) => s.type === 'file')!;
const dataset = 'urn:li:dataset:(urn:li:dataPlatform:postgres,tickit.public.users,PROD)';

function dir(): string {
  return mkdtempSync(path.join(tmpdir(), 'file-source-'));
}

async function fileSource(config: Record<string, unknown>, baseDir: string): Promise<Source> {
  return plugin.create(plugin.configSchema.parse(config), testContext(baseDir));
}

/** A record exactly as DataHub's file sink writes it (aspect unpacked under `json`). */
const fileSinkRecord = {
  entityType: 'dataset',
  entityUrn: dataset,
  changeType: 'UPSERT',
  aspectName: 'datasetProperties',
  aspect: { json: { customProperties: {}, name: 'users', tags: [] } },
  systemMetadata: { lastObserved: 1586847600000, runId: 'postgres-2020_04_14-07_00_00', lastRunId: 'no-run-id-provided' },
};
/** The same proposal as files before DataHub 0.9.6 (and `legacy_nested_json_string`) hold it. */
const legacyRecord = {
  entityType: 'dataset',
  entityUrn: dataset,
  changeType: 'UPSERT',
  aspectName: 'status',
  aspect: { value: '{"removed": false}', contentType: 'application/json' },
};
const mceRecord = {
  auditHeader: null,
  proposedSnapshot: {
    'com.linkedin.pegasus2avro.metadata.snapshot.CorpUserSnapshot': {
      urn: 'urn:li:corpuser:datahub',
      aspects: [
        { 'com.linkedin.pegasus2avro.identity.CorpUserInfo': { active: true, email: 'datahub@linkedin.com', managerUrn: null } },
        { 'com.linkedin.pegasus2avro.common.Status': { removed: false } },
      ],
    },
  },
  proposedDelta: null,
};

describe('the file source', () => {
  it('takes DataHub\'s config keys, with filename as a deprecated alias of path', () => {
    expect(plugin.configSchema.parse({ path: 'out.json' })).toEqual({
      path: 'out.json',
      file_extension: '.json',
      read_mode: 'AUTO',
      count_all_before_starting: true,
    });
    expect(plugin.configSchema.parse({ filename: 'a.json', read_mode: 'stream', file_extension: 'jsonl' })).toMatchObject({
      path: 'a.json',
      read_mode: 'STREAM',
      file_extension: '.jsonl',
    });
    expect(plugin.configSchema.safeParse({ path: 'a', filename: 'b' }).success).toBe(false);
    expect(plugin.configSchema.safeParse({}).success).toBe(false);
  });

  for (const read_mode of ['STREAM', 'BATCH'] as const) {
    it(`reads MCPs in both aspect forms and MCE snapshots from a JSON array (${read_mode})`, async () => {
      const d = dir();
      writeFileSync(path.join(d, 'mixed.json'), JSON.stringify([fileSinkRecord, legacyRecord, mceRecord], null, 4));
      const mcps = await collectMcps(await fileSource({ path: 'mixed.json', read_mode }, d));
      expect(mcps).toEqual([
        {
          entityType: 'dataset',
          entityUrn: dataset,
          changeType: 'UPSERT',
          aspectName: 'datasetProperties',
          aspect: { customProperties: {}, name: 'users', tags: [] },
          systemMetadata: fileSinkRecord.systemMetadata,
        },
        { entityType: 'dataset', entityUrn: dataset, changeType: 'UPSERT', aspectName: 'status', aspect: { removed: false } },
        {
          entityType: 'corpuser',
          entityUrn: 'urn:li:corpuser:datahub',
          changeType: 'UPSERT',
          aspectName: 'corpUserInfo',
          aspect: { active: true, email: 'datahub@linkedin.com' },
        },
        { entityType: 'corpuser', entityUrn: 'urn:li:corpuser:datahub', changeType: 'UPSERT', aspectName: 'status', aspect: { removed: false } },
      ]);
    });
  }

  it('reads JSON Lines, and names work units after the file and record index', async () => {
    const d = dir();
    writeFileSync(path.join(d, 'out.json'), `${JSON.stringify(fileSinkRecord)}\n${JSON.stringify(legacyRecord)}\n`);
    const wus = await collect(await fileSource({ path: 'out.json' }, d));
    expect(wus.map((wu) => wu.mcp.aspectName)).toEqual(['datasetProperties', 'status']);
    expect(wus[1]!.id).toBe(`file://${path.join(d, 'out.json')}:1`);
  });

  it('reads every file with the extension in a directory, in name order', async () => {
    const d = dir();
    mkdirSync(path.join(d, 'mces'));
    writeFileSync(path.join(d, 'mces', 'b.json'), JSON.stringify([legacyRecord]));
    writeFileSync(path.join(d, 'mces', 'a.json'), JSON.stringify([fileSinkRecord]));
    writeFileSync(path.join(d, 'mces', 'notes.txt'), 'not metadata');
    const source = await fileSource({ path: 'mces' }, d);
    expect((await collectMcps(source)).map((m) => m.aspectName)).toEqual(['datasetProperties', 'status']);
    expect((source.report as FileSourceReport).toJSON()).toMatchObject({ total_num_files: 2, num_files_read: 2, total_records: 2, records_read: 2 });
  });

  for (const read_mode of ['STREAM', 'AUTO'] as const) {
    it(`reports each malformed record with its file and index and reads the rest (${read_mode})`, async () => {
      const d = dir();
      const text = [
        JSON.stringify(fileSinkRecord),
        '{"entityUrn": "tickit.public.users", "changeType": "UPSERT", "aspectName": "status", "aspect": {"json": {"removed": false}}}',
        '{"entityUrn": "urn:li:tag:pii", "changeType": "UPSERT", "aspect": {"json": {}}}',
        '{"entityUrn": "urn:li:tag:pii", "changeType": "UPSERT", "aspectName": "status", "aspect": {"json": {"removed": fals}}}',
        '{"bucket": 1586847600000, "resource": "x"}',
        JSON.stringify(legacyRecord),
      ].join(',\n');
      writeFileSync(path.join(d, 'bad.json'), `[\n${text}\n]`);
      const source = await fileSource({ path: 'bad.json', read_mode }, d);
      const mcps = await collectMcps(source);
      expect(mcps.map((m) => m.aspectName)).toEqual(['datasetProperties', 'status']);
      const failures = source.report.failures.toJSON();
      expect(failures.map((f) => f.context).flat()).toEqual(['bad.json[1]', 'bad.json[2]', 'bad.json[3]', 'bad.json[4]']);
      expect(failures.map((f) => f.message)).toEqual([
        expect.stringContaining('not a URN'),
        'UPSERT proposal for urn:li:tag:pii has no aspectName',
        expect.stringContaining('not valid JSON'),
        expect.stringContaining('usage aggregations are not supported'),
      ]);
    });
  }

  it('reports a file whose array is never closed, after reading what it holds', async () => {
    const d = dir();
    writeFileSync(path.join(d, 'cut.json'), `[\n${JSON.stringify(fileSinkRecord)},\n${JSON.stringify(legacyRecord).slice(0, 40)}`);
    const source = await fileSource({ path: 'cut.json', read_mode: 'STREAM' }, d);
    expect((await collectMcps(source)).map((m) => m.aspectName)).toEqual(['datasetProperties']);
    expect(source.report.failures.toJSON().map((f) => f.title)).toEqual(['Malformed record', 'Truncated file']);
  });

  it('streams a large file record by record', async () => {
    const d = dir();
    const n = 5000;
    const records = Array.from({ length: n }, (_, i) => ({ ...fileSinkRecord, entityUrn: `urn:li:tag:t${i}`, entityType: 'tag' }));
    writeFileSync(path.join(d, 'big.json'), JSON.stringify(records, null, 4));
    const source = await fileSource({ path: 'big.json', read_mode: 'STREAM' }, d);
    const mcps = await collectMcps(source);
    expect(mcps).toHaveLength(n);
    expect(mcps[n - 1]!.entityUrn).toBe(`urn:li:tag:t${n - 1}`);
    expect((source.report as FileSourceReport).toJSON()).toMatchObject({ total_records: n, percentage_completion: 100 });
  });

  it('says which path it could not read', async () => {
    await expect(collectMcps(await fileSource({ path: 'nowhere.json' }, dir()))).rejects.toThrow('file source: cannot read nowhere.json: ENOENT');
  });
});
