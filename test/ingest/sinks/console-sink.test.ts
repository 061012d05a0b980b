import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workUnit } from '../../../ingest/api/workunit.js';
import { sinks } from '../../../ingest/sinks/index.js';
import { sources } from '../../../ingest/sources/index.js';
import { makeMcp } from '../../../model/mcp.js';
import { collectMcps, testContext } from '../sources/context.js';

const consolePlugin = sinks.find((s) => s.type === 'console')!;
const mcps = [
  makeMcp('urn:li:tag:pii', 'tagProperties', { name: 'pii', description: 'Personal data' }),
  makeMcp('urn:li:tag:pii', 'status', { removed: false }),
];

describe('the console sink', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints each MCP as one line of JSON on stdout and counts them', async () => {
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const sink = await consolePlugin.create(consolePlugin.configSchema.parse({}), testContext(process.cwd()));
    await sink.write(mcps.map((m) => workUnit(m)));
    await sink.close();
    vi.restoreAllMocks();

    const lines = printed.join('').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { entityType: 'tag', entityUrn: 'urn:li:tag:pii', changeType: 'UPSERT', aspectName: 'tagProperties', aspect: { json: { name: 'pii', description: 'Personal data' } } },
      { entityType: 'tag', entityUrn: 'urn:li:tag:pii', changeType: 'UPSERT', aspectName: 'status', aspect: { json: { removed: false } } },
    ]);
    expect(sink.report.toJSON()).toMatchObject({ total_records_written: 2 });
  });

  it('prints lines the file source reads back as JSON Lines', async () => {
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const sink = await consolePlugin.create({}, testContext(process.cwd()));
    await sink.write(mcps.map((m) => workUnit(m)));
    vi.restoreAllMocks();

    const d = mkdtempSync(path.join(tmpdir(), 'console-sink-'));
    writeFileSync(path.join(d, 'out.jsonl'), printed.join(''));
    const fileSource = sources.find((s) => s.type === 'file')!;
    const source = await fileSource.create(fileSource.configSchema.parse({ path: 'out.jsonl' }), testContext(d));
    expect(await collectMcps(source)).toEqual(mcps);
  });
});
