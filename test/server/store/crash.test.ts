// A writer process killed with SIGKILL in the middle of its batches leaves a PGlite data
// directory that reopens consistent: each batch wholly present or wholly absent, versions
// contiguous, and writing can go on.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../server/store/open.js';
import { CRASH_DATASETS, crashBatch, datasetOf, MARKER_URN } from './fixtures/crash-batch.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Starts the writer, waits until it reports `commits` batches, then SIGKILLs it a random moment later. */
function writeAndKill(dataDir: string, firstBatch: number, commits: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', join(fixtures, 'ts-register.mjs'), join(fixtures, 'crash-writer.ts'), dataDir, String(firstBatch)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastCommitted = firstBatch - 1;
    let stderr = '';
    let killing = false;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const match of chunk.matchAll(/committed (\d+)/g)) lastCommitted = Number(match[1]);
      if (!killing && lastCommitted - firstBatch + 1 >= commits) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lastCommitted);
      else reject(new Error(`writer exited with ${code ?? signal} before it was killed:\n${stderr}`));
    });
  });
}

describe('a PGlite data directory after its writer is killed with SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reopens with every batch wholly present or absent, contiguous versions, and accepts more writes', async () => {
    let next = 0;
    for (let round = 0; round < 3; round++) {
      const lastReported = await writeAndKill(dir, next, 4 + round * 3);
      const store = await openStore(`pglite:${dir}`);
      try {
        const marker = await store.getAspect(MARKER_URN, 'crashMarker');
        const last = Number(marker?.value.batch);
        // A reported commit is durable; the batch in flight at the kill may or may not have landed.
        expect(last === lastReported || last === lastReported + 1).toBe(true);
        for (let i = 0; i < CRASH_DATASETS; i += 7) {
          const versions = await store.getAspectVersions(datasetOf(i), 'datasetProperties');
          expect(versions.map((v) => v.version)).toEqual(Array.from({ length: last + 1 }, (_, k) => k));
          expect(versions[0]!.value).toMatchObject({ customProperties: { batch: String(last) } });
          expect(versions.slice(1).map((v) => (v.value.customProperties as { batch: string }).batch)).toEqual(
            Array.from({ length: last }, (_, k) => String(k)),
          );
          expect(await store.getTimeseries(datasetOf(i), 'datasetProfile')).toHaveLength(last + 1);
        }
        await store.apply(crashBatch(last + 1));
        expect((await store.getAspect(MARKER_URN, 'crashMarker'))?.value).toEqual({ batch: last + 1 });
        next = last + 2;
      } finally {
        await store.close();
      }
    }
  }, 180_000);
});
