import { describe, expect, it } from 'vitest';
import { aspectOf, createTransformer, findPlugin, mcp, memoryCatalog, run, testContext } from './harness.js';

const USERS = 'urn:li:dataset:(urn:li:dataPlatform:postgres,tickit.public.users,DEV)';
const SCHEMA = 'urn:li:container:5190';
const DB = 'urn:li:container:a609';

describe('ownership transformers', () => {
  it('turn an ownershipType urn into type CUSTOM with that typeUrn', async () => {
    const out = await run(
      { type: 'simple_add_ownership', config: { owner_urns: ['urn:li:corpuser:jdoe'], ownership_type: 'urn:li:ownershipType:__system__producer' } },
      [mcp(USERS, 'status', { removed: false })],
    );
    expect(aspectOf(out, USERS, 'ownership')[0]?.owners).toEqual([
      { owner: 'urn:li:corpuser:jdoe', type: 'CUSTOM', typeUrn: 'urn:li:ownershipType:__system__producer' },
    ]);
  });

  it('keep one owner per (owner, type) and the source lastModified', async () => {
    const lastModified = { time: 5, actor: 'urn:li:corpuser:etl' };
    const out = await run({ type: 'simple_add_dataset_ownership', config: { owner_urns: ['urn:li:corpuser:jdoe'] } }, [
      mcp(USERS, 'ownership', { owners: [{ owner: 'urn:li:corpuser:jdoe', type: 'DATAOWNER' }, { owner: 'urn:li:corpuser:jdoe', type: 'TECHNICAL_OWNER' }], lastModified }),
    ]);
    expect(aspectOf(out, USERS, 'ownership')).toEqual([
      { owners: [{ owner: 'urn:li:corpuser:jdoe', type: 'DATAOWNER' }, { owner: 'urn:li:corpuser:jdoe', type: 'TECHNICAL_OWNER' }], ownerTypes: {}, lastModified },
    ]);
  });

  it('leave containers alone in the legacy dataset form but not in simple_add_ownership', async () => {
    const input = [mcp(SCHEMA, 'status', { removed: false }), mcp(USERS, 'status', { removed: false })];
    const legacy = await run({ type: 'simple_add_dataset_ownership', config: { owner_urns: ['urn:li:corpuser:a'] } }, input);
    const universal = await run({ type: 'simple_add_ownership', config: { owner_urns: ['urn:li:corpuser:a'] } }, input);
    expect(aspectOf(legacy, SCHEMA, 'ownership')).toHaveLength(0);
    expect(aspectOf(universal, SCHEMA, 'ownership')).toHaveLength(1);
  });

  it('accept the lowercase enum and reject an unknown ownership type', () => {
    const schema = findPlugin('simple_add_dataset_ownership').configSchema;
    expect(schema.safeParse({ owner_urns: [], ownership_type: 'producer' }).success).toBe(true);
    expect(schema.safeParse({ owner_urns: [], ownership_type: 'BOSS' }).success).toBe(false);
  });

  it('resolve add_dataset_ownership as an alias of add_ownership', async () => {
    const ctx = testContext({ baseDir: `${import.meta.dirname}/fixtures` });
    const out = await run({ type: 'add_dataset_ownership', config: { get_owners_to_add: './callables.js#ownersFor' } }, [mcp(USERS, 'status', { removed: false })], ctx);
    expect(aspectOf(out, USERS, 'ownership')[0]?.owners).toEqual([{ owner: 'urn:li:corpGroup:data-eng', type: 'TECHNICAL_OWNER' }]);
  });

  it('patch the owners into the containers of the browse path with is_container', async () => {
    const out = await run(
      { type: 'pattern_add_ownership', config: { owner_pattern: { rules: { '.*': ['urn:li:corpuser:a'] } }, is_container: true } },
      [mcp(USERS, 'browsePathsV2', { path: [{ id: DB, urn: DB }, { id: SCHEMA, urn: SCHEMA }] })],
    );
    const patches = out.filter((m) => m.changeType === 'PATCH');
    expect(patches.map((p) => p.entityUrn)).toEqual([DB, SCHEMA]);
    expect(patches[0]?.aspect).toEqual([{ op: 'add', path: '/owners/urn:li:corpuser:a/DATAOWNER', value: { owner: 'urn:li:corpuser:a', type: 'DATAOWNER' } }]);
  });

  it('clear the source owners with simple_remove_dataset_ownership', async () => {
    const out = await run({ type: 'simple_remove_dataset_ownership' }, [mcp(USERS, 'ownership', { owners: [{ owner: 'urn:li:corpuser:x', type: 'NONE' }] })]);
    expect(aspectOf(out, USERS, 'ownership')).toEqual([{ owners: [] }]);
  });

  it('strip patterns from owner names with pattern_cleanup_ownership', async () => {
    const out = await run({ type: 'pattern_cleanup_ownership', config: { pattern_for_cleanup: ['ABCDEF', '@example\\.com$'] } }, [
      mcp(USERS, 'ownership', { owners: [{ owner: 'urn:li:corpuser:ABCDEFjdoe@example.com', type: 'DATAOWNER' }] }),
    ]);
    expect(aspectOf(out, USERS, 'ownership')[0]?.owners).toEqual([{ owner: 'urn:li:corpuser:jdoe', type: 'DATAOWNER' }]);
  });

  it('make owners of tags with extract_ownership_from_tags, emitted when the stream ends', async () => {
    const out = await run({ type: 'extract_ownership_from_tags', config: { tag_pattern: 'owner:', is_user: false, email_domain: 'email.com' } }, [
      mcp(USERS, 'globalTags', { tags: [{ tag: 'urn:li:tag:owner:abc' }, { tag: 'urn:li:tag:pii' }] }),
    ]);
    expect(aspectOf(out, USERS, 'globalTags')).toHaveLength(1);
    expect(aspectOf(out, USERS, 'ownership')[0]?.owners).toEqual([{ owner: 'urn:li:corpGroup:abc@email.com', type: 'TECHNICAL_OWNER' }]);
  });
});

describe('domain transformers', () => {
  const marketing = { 'urn:li:domain:marketing': { domainProperties: { name: 'marketing' } } };

  it('resolve a domain given by name through the catalog', async () => {
    const ctx = testContext({ catalog: memoryCatalog(marketing) });
    const out = await run({ type: 'simple_add_dataset_domain', config: { domains: ['marketing'] } }, [mcp(USERS, 'status', { removed: false })], ctx);
    expect(aspectOf(out, USERS, 'domains')).toEqual([{ domains: ['urn:li:domain:marketing'] }]);
  });

  it('fail at create() on a domain name the catalog does not know', async () => {
    const ctx = testContext({ catalog: memoryCatalog() });
    await expect(createTransformer({ type: 'simple_add_domain', config: { domains: ['finance'] } }, ctx)).rejects.toThrow(/domain "finance" not found/);
  });

  it('need no catalog for domain urns', async () => {
    const out = await run({ type: 'simple_add_domain', config: { domains: ['urn:li:domain:hr'] } }, [mcp(USERS, 'domains', { domains: ['urn:li:domain:eng'] })]);
    expect(aspectOf(out, USERS, 'domains')).toEqual([{ domains: ['urn:li:domain:eng', 'urn:li:domain:hr'] }]);
  });

  it('skip entities that already have domains in the catalog with on_conflict DO_NOTHING', async () => {
    const ctx = testContext({ catalog: memoryCatalog({ [USERS]: { domains: { domains: ['urn:li:domain:eng'] } } }) });
    const out = await run({ type: 'simple_add_domain', config: { domains: ['urn:li:domain:hr'], on_conflict: 'DO_NOTHING' } }, [mcp(USERS, 'status', { removed: false })], ctx);
    expect(aspectOf(out, USERS, 'domains')).toHaveLength(0);
  });

  it('map tags to domains with domain_mapping_based_on_tags', async () => {
    const out = await run({ type: 'domain_mapping_based_on_tags', config: { domain_mapping: { NeedsDocumentation: 'urn:li:domain:docs' } } }, [
      mcp(USERS, 'globalTags', { tags: [{ tag: 'urn:li:tag:NeedsDocumentation' }] }),
    ]);
    expect(aspectOf(out, USERS, 'domains')).toEqual([{ domains: ['urn:li:domain:docs'] }]);
  });
});
