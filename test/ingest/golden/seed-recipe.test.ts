import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Pipeline } from '../../../ingest/pipeline/pipeline.js';
import { RecipeDocument } from '../../../ingest/recipe/document.js';
import { resetClock, setClock } from '../../../ingest/transformers/common/clock.js';
import { tempDir } from '../../support/cli.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const golden = (f: string) => JSON.parse(readFileSync(path.join(here, '../transformers/golden', f), 'utf8')) as Array<Record<string, unknown>>;

describe('the seed recipe, run through the pipeline from a file source to a file sink', () => {
  beforeEach(() => setClock(() => 1_700_000_000_000));
  afterEach(() => resetClock());

  it("gives exactly DataHub's output aspects", async () => {
    const output = path.join(tempDir(), 'out.json');
    const doc = RecipeDocument.fromFile(path.join(here, 'seed-transformers.recipe.yml'), { ...process.env, ACCOUNT_ID: '111222333444', OUTPUT_FILE: output });
    const result = await Pipeline.create(doc).run();
    expect(result.exitCode).toBe(0);

    const written = JSON.parse(readFileSync(output, 'utf8')) as Array<Record<string, unknown>>;
    for (const record of written) {
      expect(record.systemMetadata).toMatchObject({ pipelineName: 'postgres-pipeline-tickit', runId: result.runId });
    }
    // The pipeline adds `status {removed:false}` for each entity (as DataHub's AutoStatusAspect) and stamps
    // systemMetadata; everything else must be exactly the transformers' golden output.
    const statuses = written.filter((r) => r.aspectName === 'status');
    expect(statuses.every((r) => (r.aspect as { json: unknown }).json !== undefined)).toBe(true);
    const rest = written.filter((r) => r.aspectName !== 'status').map(({ systemMetadata: _sm, ...r }) => r);
    expect(rest).toEqual(golden('seed-recipe.expected.json'));
  });
});
