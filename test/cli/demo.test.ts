import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, tempDir } from '../support/cli.js';

describe('catalog demo', () => {
  const dir = path.join(tempDir(), 'demo');
  const store = `pglite:${path.join(dir, 'store')}`;

  it('ingests TICKIT with the seed recipe and the glossary through the REST API, with nothing installed', () => {
    const out = catalog(['demo', '--port', '0', '--data-dir', dir, '--exit']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('business glossary: Pipeline finished successfully');
    expect(out.stderr).toContain('TICKIT (seed recipe): Pipeline finished successfully');
    expect(out.stderr).toMatch(/Hudi tables: Pipeline finished (successfully|with \d+ warning)/);
    expect(out.stdout).toMatch(/Admin API token \(shown once\): cat_/);
    // the whole demo (build a database, three ingestions over REST) in one process: minutes on a busy machine
  }, 180_000);

  it('leaves users tagged, classified Sensitive and owned by Database Administrators', () => {
    const out = catalog(['get', '--store', store, '--urn', 'urn:li:dataset:(urn:li:dataPlatform:postgres,tickit.public.users,DEV)']);
    expect(out.code, out.stderr).toBe(0);
    const users = JSON.parse(out.stdout);
    expect(users.globalTags.tags.map((t: { tag: string }) => t.tag)).toEqual(['urn:li:tag:AWS', 'urn:li:tag:111222333444', 'urn:li:tag:us-east-1']);
    expect(users.glossaryTerms.terms).toEqual([{ urn: 'urn:li:glossaryTerm:Classification.Sensitive' }]);
    expect(users.ownership.owners).toEqual([{ owner: 'urn:li:corpuser:Database Administrators', type: 'DATAOWNER' }]);
    expect(users.schemaMetadata.fields.map((f: { fieldPath: string }) => f.fieldPath)).toContain('email');
  });

  it('rebuilds search and lineage from the store with catalog reindex', () => {
    const out = catalog(['reindex', '--store', store]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/search: \d+ documents from \d+ entities/);
    // the demo's views give lineage edges (tables -> views, columns -> columns)
    expect(Number(/lineage: ([\d,]+) edges/.exec(out.stdout)?.[1]?.replace(/,/g, ''))).toBeGreaterThan(0);
  });

  it('refuses to wipe a directory it did not create', () => {
    const other = tempDir();
    const out = catalog(['demo', '--port', '0', '--data-dir', other, '--exit']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('is not a demo data directory');
  });
});
