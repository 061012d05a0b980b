import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../../../ingest/pipeline/pipeline.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const recipesDir = path.resolve(here, '../../../../recipes');

describe('the seed glossary recipe', () => {
  it('runs through the pipeline into a file, as DataHub writes it: the golden proposals, then a status per entity', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'glossary-recipe-'));
    copyFileSync(path.join(recipesDir, 'business_glossary.yml'), path.join(d, 'business_glossary.yml'));
    const recipe = readFileSync(path.join(recipesDir, 'glossary.yml'), 'utf8').replace(
      /sink:[\s\S]*$/,
      'sink:\n  type: file\n  config:\n    filename: ./glossary_events.json\n',
    );
    writeFileSync(path.join(d, 'recipe.yml'), recipe);

    const result = await Pipeline.create(path.join(d, 'recipe.yml')).run();
    expect(result.status).toBe('success');

    const written = JSON.parse(readFileSync(path.join(d, 'glossary_events.json'), 'utf8')) as Array<Record<string, unknown>>;
    for (const r of written) expect(r.systemMetadata).toMatchObject({ runId: expect.stringMatching(/^datahub-business-glossary-/) });
    const withoutMeta = written.map(({ systemMetadata: _, ...r }) => r);
    const golden = JSON.parse(readFileSync(path.join(here, 'seed_glossary_golden.json'), 'utf8'));
    expect(withoutMeta.slice(0, golden.length)).toEqual(golden);
    const statuses = withoutMeta.slice(golden.length);
    expect(statuses).toHaveLength(12);
    for (const s of statuses) expect(s).toMatchObject({ aspectName: 'status', aspect: { json: { removed: false } } });
  });
});
