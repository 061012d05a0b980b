import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Sink } from '../../../ingest/api/plugin.js';
import { workUnit } from '../../../ingest/api/workunit.js';
import { sinks } from '../../../ingest/sinks/index.js';
import { sources } from '../../../ingest/sources/index.js';
import type { MetadataChangeProposal } from '../../../model/mcp.js';
import { collectMcps, testContext } from '../sources/context.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const recipesDir = path.resolve(here, '../../../recipes');
const fileSinkPlugin = sinks.find((s) => s.type === 'file')!;
const fileSourcePlugin = sources.find((s) => s.type === 'file')!;
const glossaryPlugin = sources.find((s) => s.type === 'datahub-business-glossary')!;

const term = 'urn:li:glossaryTerm:Classification.Sensitive';
const proposals: MetadataChangeProposal[] = [
  {
    entityType: 'glossaryTerm',
    entityUrn: term,
    changeType: 'UPSERT',
    aspectName: 'glossaryTermInfo',
    aspect: { customProperties: { note: 'Données' }, name: 'Sensitive', definition: 'Sensitive Data', termSource: 'INTERNAL' },
    systemMetadata: { lastObserved: 1586847600000, runId: 'glossary-run', lastRunId: 'no-run-id-provided' },
  },
  {
    entityType: 'dataset',
    entityUrn: 'urn:li:dataset:(urn:li:dataPlatform:postgres,tickit.public.users,PROD)',
    changeType: 'PATCH',
    aspectName: 'globalTags',
    aspect: [{ op: 'add', path: '/tags/urn:li:tag:pii', value: { tag: 'urn:li:tag:pii' } }],
  },
  { entityType: 'tag', entityUrn: 'urn:li:tag:old', changeType: 'DELETE', aspectName: 'tagKey' },
];

async function openFileSink(config: Record<string, unknown>, baseDir: string): Promise<Sink> {
  return fileSinkPlugin.create(fileSinkPlugin.configSchema.parse(config), testContext(baseDir));
}

async function readBack(file: string, baseDir: string): Promise<MetadataChangeProposal[]> {
  const config = fileSourcePlugin.configSchema.parse({ path: file });
  return collectMcps(await fileSourcePlugin.create(config, testContext(baseDir)));
}

describe('the file sink', () => {
  it('writes a JSON array of MCPs exactly as DataHub\'s file sink does', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'file-sink-'));
    const sink = await openFileSink({ filename: 'out/mcps.json' }, d);
    await sink.write([workUnit(proposals[0]!)]);
    await sink.write([workUnit(proposals[2]!)]);
    await sink.close();
    const text = readFileSync(path.join(d, 'out', 'mcps.json'), 'utf8');
    expect(text).toBe(`[
{
    "entityType": "glossaryTerm",
    "entityUrn": "urn:li:glossaryTerm:Classification.Sensitive",
    "changeType": "UPSERT",
    "aspectName": "glossaryTermInfo",
    "aspect": {
        "json": {
            "customProperties": {
                "note": "Donn\\u00e9es"
            },
            "name": "Sensitive",
            "definition": "Sensitive Data",
            "termSource": "INTERNAL"
        }
    },
    "systemMetadata": {
        "lastObserved": 1586847600000,
        "runId": "glossary-run",
        "lastRunId": "no-run-id-provided"
    }
},
{
    "entityType": "tag",
    "entityUrn": "urn:li:tag:old",
    "changeType": "DELETE",
    "aspectName": "tagKey"
}
]`);
    expect(sink.report.toJSON()).toMatchObject({ total_records_written: 2, failures: [] });
  });

  it('writes an empty array when nothing came', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'file-sink-'));
    const sink = await openFileSink({ filename: 'empty.json' }, d);
    await sink.close();
    expect(JSON.parse(readFileSync(path.join(d, 'empty.json'), 'utf8'))).toEqual([]);
  });

  it('nests the aspect as JSON text with legacy_nested_json_string', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'file-sink-'));
    const sink = await openFileSink({ filename: 'legacy.json', legacy_nested_json_string: true }, d);
    await sink.write([workUnit(proposals[1]!)]);
    await sink.close();
    const [record] = JSON.parse(readFileSync(path.join(d, 'legacy.json'), 'utf8'));
    expect(record.aspect).toEqual({
      value: JSON.stringify(proposals[1]!.aspect),
      contentType: 'application/json-patch+json',
    });
  });

  for (const legacy_nested_json_string of [false, true]) {
    it(`gives back the same proposals when the file source reads what it wrote (legacy_nested_json_string: ${legacy_nested_json_string})`, async () => {
      const d = mkdtempSync(path.join(tmpdir(), 'file-sink-'));
      const sink = await openFileSink({ filename: 'round.json', legacy_nested_json_string }, d);
      await sink.write(proposals.map((p) => workUnit(p)));
      await sink.close();
      expect(await readBack('round.json', d)).toEqual(proposals);
    });
  }

  it('round-trips the seed glossary through a file', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'file-sink-'));
    const glossary = await glossaryPlugin.create(glossaryPlugin.configSchema.parse({ file: './business_glossary.yml' }), testContext(recipesDir));
    const mcps = await collectMcps(glossary);
    const sink = await openFileSink({ filename: 'glossary.json' }, d);
    for (let i = 0; i < mcps.length; i += 7) await sink.write(mcps.slice(i, i + 7).map((m) => workUnit(m)));
    await sink.close();
    expect(await readBack('glossary.json', d)).toEqual(mcps);
    expect(sink.report.toJSON()).toMatchObject({ total_records_written: mcps.length });
  });

  it('reads back a file written by hand in the same format as DataHub\'s golden files', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'file-sink-'));
    const golden = readFileSync(path.join(here, '../sources/business-glossary/seed_glossary_golden.json'), 'utf8');
    writeFileSync(path.join(d, 'golden.json'), golden);
    const mcps = await readBack('golden.json', d);
    expect(mcps).toHaveLength(30);
    expect(mcps[0]).toMatchObject({ entityUrn: 'urn:li:glossaryNode:Classification', aspectName: 'glossaryNodeInfo' });
  });
});
