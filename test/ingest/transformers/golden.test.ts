import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '../../../ingest/transformers/common/clock.js';
import { fromFile, GOLDEN_DIR, readGolden, runTransformers, toFile, type Step } from './harness.js';

describe('the seed recipe transformers over TICKIT datasets', () => {
  beforeEach(() => setClock(() => 1_700_000_000_000));
  afterEach(() => resetClock());

  it('tag every dataset, mark users as Sensitive and make Database Administrators the owners', async () => {
    const steps = JSON.parse(readFileSync(join(GOLDEN_DIR, 'seed-recipe.transformers.json'), 'utf8')) as Step[];
    const input = readGolden('seed-recipe.input.json').map(fromFile);
    const { output } = await runTransformers(steps, input);
    expect(output.map(toFile)).toEqual(readGolden('seed-recipe.expected.json'));
  });
});
