import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, tempDir } from '../support/cli.js';
import { openBackends } from '../../server/catalog.js';

describe('ingesting the seed business glossary', () => {
  const store = `pglite:${path.join(tempDir(), 'store')}`;
  const env = { CATALOG_STORE: store };

  it('runs the example recipe into the embedded store', () => {
    const out = catalog(['ingest', '-c', 'recipes/glossary.yml'], { env });
    expect(out.stderr).not.toContain('error');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Pipeline finished successfully; produced \d+ work units/);
  });

  it('leaves what it ingested searchable: the run indexes as it writes', async () => {
    const backends = await openBackends({ store });
    try {
      const r = await backends.search.search({ query: 'sensitive', types: ['glossaryTerm'], facets: [] });
      expect(r.hits.map((h) => h.urn)).toContain('urn:li:glossaryTerm:Classification.Sensitive');
      expect((await backends.search.search({ query: '*', types: ['glossaryNode'], facets: [] })).total).toBeGreaterThan(0);
    } finally {
      await backends.close();
    }
  });

  it('shows Classification.Sensitive with its info and the terms that inherit it', () => {
    const out = catalog(['get', '--urn', 'urn:li:glossaryTerm:Classification.Sensitive'], { env });
    expect(out.code).toBe(0);
    const entity = JSON.parse(out.stdout);
    expect(entity.glossaryTermInfo).toMatchObject({
      name: 'Sensitive',
      definition: 'Sensitive Data',
      parentNode: 'urn:li:glossaryNode:Classification',
      termSource: 'INTERNAL',
      sourceRef: 'DataHub',
    });
    expect(entity.ownership.owners.map((o: { owner: string }) => o.owner)).toEqual(['urn:li:corpuser:datahub']);
    expect(entity.relationships.inheritedBy.sort()).toEqual([
      'urn:li:glossaryTerm:PersonalInformation.Gender',
      'urn:li:glossaryTerm:PersonalInformation.ID',
      'urn:li:glossaryTerm:PersonalInformation.Name',
    ]);
  });

  it('re-running the same recipe writes no new versions', () => {
    const again = catalog(['ingest', '-c', 'recipes/glossary.yml'], { env });
    expect(again.code).toBe(0);
    const out = catalog(['get', '--urn', 'urn:li:glossaryTerm:Classification.Sensitive', '--aspect', 'glossaryTermInfo', '--aspect-version', '1'], { env });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('no aspect glossaryTermInfo');
  });

  it('soft-deletes and hard-deletes an entity', () => {
    const urn = 'urn:li:glossaryTerm:PersonalInformation.Address';
    expect(catalog(['delete', '--urn', urn], { env }).code).toBe(0);
    expect(JSON.parse(catalog(['get', '--urn', urn, '--aspect', 'status'], { env }).stdout).status).toEqual({ removed: true });
    expect(catalog(['delete', '--urn', urn, '--hard'], { env }).code).toBe(0);
    const gone = catalog(['get', '--urn', urn], { env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`entity not found: ${urn}`);
  });

  it('refuses a malformed URN with exit code 2', () => {
    const out = catalog(['get', '--urn', 'glossaryTerm:Sensitive'], { env });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('not a URN');
  });
});
