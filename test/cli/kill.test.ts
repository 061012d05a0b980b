import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open.js';
import { catalog, catalogAsync, tempDir } from '../support/cli.js';

const DATASETS = 30_000;

/** A DataHub file with one ~1 KB datasetProperties per dataset. */
function writeInput(file: string): void {
  const padding = 'x'.repeat(900);
  const records = Array.from({ length: DATASETS }, (_, i) => ({
    entityType: 'dataset',
    entityUrn: `urn:li:dataset:(urn:li:dataPlatform:postgres,db.public.t${i},PROD)`,
    changeType: 'UPSERT',
    aspectName: 'datasetProperties',
    aspect: { json: { name: `t${i}`, description: padding, customProperties: { i: String(i) } } },
  }));
  writeFileSync(file, JSON.stringify(records));
}

describe('catalog ingest killed with SIGKILL mid-run', () => {
  it('leaves the store consistent, and a re-run finishes without duplicate versions', async () => {
    const dir = tempDir();
    writeInput(path.join(dir, 'mcps.json'));
    const store = path.join(dir, 'store');
    writeFileSync(
      path.join(dir, 'recipe.yml'),
      `source:\n  type: file\n  config:\n    path: ./mcps.json\nsink:\n  type: catalog\n  config:\n    store: pglite:${store}\n`,
    );

    const child = catalogAsync(['ingest', '-c', path.join(dir, 'recipe.yml')], { env: { CATALOG_PROGRESS_SECONDS: '0.2' } });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // kill once a few batches are committed, while the run is still writing
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += String(d);
        const m = /([\d,]+) written/.exec(stderr.split('\n').filter((l) => l.includes('progress:')).pop() ?? '');
        if (m && Number(m[1]!.replace(/,/g, '')) >= 3_000) resolve();
      });
      child.on('exit', () => resolve());
    });
    expect(child.exitCode, `the run finished before it could be killed:\n${stderr}`).toBeNull();
    child.kill('SIGKILL');
    await exited;

    const partial = await openStore(`pglite:${store}`);
    const rows = await partial.driver.query<{ n: number; v: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE version > 0)::int AS v FROM metadata_aspect_v2 WHERE aspect = 'datasetProperties'`,
    );
    await partial.close();
    // whole batches of 1,000 work units or nothing: never a half-written batch
    expect(rows[0]!.n).toBeGreaterThanOrEqual(3_000);
    expect(rows[0]!.n).toBeLessThan(DATASETS);
    expect(rows[0]!.n % 1_000).toBe(0);
    expect(rows[0]!.v).toBe(0);

    const rerun = catalog(['ingest', '-c', path.join(dir, 'recipe.yml'), '-q']);
    expect(rerun.code, rerun.stderr).toBe(0);

    const final = await openStore(`pglite:${store}`);
    const counts = await final.driver.query<{ aspect: string; latest: number; history: number }>(
      `SELECT aspect, count(*) FILTER (WHERE version = 0)::int AS latest, count(*) FILTER (WHERE version > 0)::int AS history
         FROM metadata_aspect_v2 GROUP BY aspect ORDER BY aspect`,
    );
    const entities = await final.listUrns({ entityType: 'dataset', count: DATASETS + 10 });
    await final.close();
    expect(counts).toEqual([
      { aspect: 'datasetProperties', latest: DATASETS, history: 0 },
      { aspect: 'status', latest: DATASETS, history: 0 },
    ]);
    expect(entities).toHaveLength(DATASETS);
  }, 180_000);
});
