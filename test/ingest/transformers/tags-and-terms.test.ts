import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '../../../ingest/transformers/common/clock.js';
import { aspectOf, findPlugin, mcp, memoryCatalog, run, runTransformers, testContext, createTransformer } from './harness.js';

const USERS = 'urn:li:dataset:(urn:li:dataPlatform:postgres,tickit.public.users,DEV)';
const SALES = 'urn:li:dataset:(urn:li:dataPlatform:postgres,tickit.public.sales,DEV)';

beforeEach(() => setClock(() => 42));
afterEach(() => resetClock());

describe('tag transformers', () => {
  it('keep the source tags and add theirs, once per tag urn', async () => {
    const out = await run({ type: 'simple_add_dataset_tags', config: { tag_urns: ['urn:li:tag:AWS', 'urn:li:tag:pii'] } }, [
      mcp(USERS, 'globalTags', { tags: [{ tag: 'urn:li:tag:pii', context: 'source' }] }),
    ]);
    expect(aspectOf(out, USERS, 'globalTags')).toEqual([{ tags: [{ tag: 'urn:li:tag:pii', context: 'source' }, { tag: 'urn:li:tag:AWS' }] }]);
  });

  it('drop the source tags with replace_existing', async () => {
    const out = await run({ type: 'simple_add_dataset_tags', config: { tag_urns: ['urn:li:tag:AWS'], replace_existing: true } }, [
      mcp(USERS, 'globalTags', { tags: [{ tag: 'urn:li:tag:old' }] }),
    ]);
    expect(aspectOf(out, USERS, 'globalTags')).toEqual([{ tags: [{ tag: 'urn:li:tag:AWS' }] }]);
  });

  it('emit tagKey once per added tag when the stream ends', async () => {
    const out = await run({ type: 'simple_add_dataset_tags', config: { tag_urns: ['urn:li:tag:AWS'] } }, [
      mcp(USERS, 'status', { removed: false }),
      mcp(SALES, 'status', { removed: false }),
    ]);
    expect(out.filter((m) => m.aspectName === 'tagKey')).toEqual([
      { entityType: 'tag', entityUrn: 'urn:li:tag:AWS', changeType: 'UPSERT', aspectName: 'tagKey', aspect: { name: 'AWS' } },
    ]);
  });

  it('give no empty aspect at end of stream to a dataset they add nothing to', async () => {
    const out = await run({ type: 'pattern_add_dataset_tags', config: { tag_pattern: { rules: { '.*users.*': ['urn:li:tag:pii'] } } } }, [
      mcp(USERS, 'status', { removed: false }),
      mcp(SALES, 'status', { removed: false }),
    ]);
    expect(aspectOf(out, USERS, 'globalTags')).toHaveLength(1);
    expect(aspectOf(out, SALES, 'globalTags')).toHaveLength(0);
  });

  it('match pattern rules from the start of the urn, as Python re.match', async () => {
    const out = await run({ type: 'pattern_add_dataset_tags', config: { tag_pattern: { rules: { 'tickit': ['urn:li:tag:x'] } } } }, [
      mcp(USERS, 'status', { removed: false }),
    ]);
    expect(aspectOf(out, USERS, 'globalTags')).toHaveLength(0);
  });

  it('merge over the catalog tags with PATCH, emitted as an upsert', async () => {
    const catalog = memoryCatalog({ [USERS]: { globalTags: { tags: [{ tag: 'urn:li:tag:ui-added' }, { tag: 'urn:li:tag:AWS', context: 'old' }] } } });
    const out = await run(
      { type: 'simple_add_dataset_tags', config: { tag_urns: ['urn:li:tag:AWS'], semantics: 'PATCH' } },
      [mcp(USERS, 'status', { removed: false })],
      testContext({ catalog }),
    );
    const [upsert] = out.filter((m) => m.aspectName === 'globalTags');
    expect(upsert?.changeType).toBe('UPSERT');
    expect(upsert?.aspect).toEqual({ tags: [{ tag: 'urn:li:tag:ui-added' }, { tag: 'urn:li:tag:AWS' }] });
  });

  it('refuse PATCH at create() when the run has no catalog', async () => {
    await expect(createTransformer({ type: 'simple_add_dataset_tags', config: { tag_urns: ['urn:li:tag:a'], semantics: 'PATCH' } })).rejects.toThrow(
      /simple_add_dataset_tags: semantics: PATCH .* no catalog .* sink that writes to a catalog/,
    );
  });

  it('reject unknown config keys', () => {
    const result = findPlugin('simple_add_dataset_tags').configSchema.safeParse({ tag_urns: [], tag_urn: ['x'] });
    expect(result.success).toBe(false);
  });

  it('call a JavaScript function for add_dataset_tags, resolved against the recipe directory', async () => {
    const ctx = testContext({ baseDir: `${import.meta.dirname}/fixtures` });
    const out = await run({ type: 'add_dataset_tags', config: { get_tags_to_add: './callables.js#tagsFor' } }, [mcp(USERS, 'status', { removed: false })], ctx);
    expect(aspectOf(out, USERS, 'globalTags')).toEqual([{ tags: [{ tag: 'urn:li:tag:pii' }, { tag: 'urn:li:tag:gdpr', context: 'from callable' }] }]);
  });

  it('report a failing entity with its urn and carry on with the rest', async () => {
    const ctx = testContext({ baseDir: `${import.meta.dirname}/fixtures` });
    const { output, transformers } = await runTransformers(
      [{ type: 'add_dataset_tags', config: { get_tags_to_add: './callables.js#explode' } }],
      [mcp(SALES, 'globalTags', { tags: [] }), mcp(USERS, 'globalTags', { tags: [] })],
      ctx,
    );
    expect(aspectOf(output, SALES, 'globalTags')).toEqual([{ tags: [] }]);
    expect(aspectOf(output, USERS, 'globalTags')).toEqual([{ tags: [{ tag: 'urn:li:tag:ok' }] }]);
    const failures = transformers[0]!.report.failures.toJSON();
    expect(failures[0]).toMatchObject({ message: 'lookup service unavailable', context: [SALES] });
  });

  it('extract a tag from the dataset name with extract_dataset_tags', async () => {
    const urn = 'urn:li:dataset:(urn:li:dataPlatform:kafka,clusterid.USA-ops-team_table1,PROD)';
    const out = await run({ type: 'extract_dataset_tags', config: { extract_tags_regex: '.([^._]*)_' } }, [mcp(urn, 'status', { removed: false })]);
    expect(aspectOf(out, urn, 'globalTags')).toEqual([{ tags: [{ tag: 'urn:li:tag:USA-ops-team' }] }]);
  });
});

describe('term transformers', () => {
  it('keep the source auditStamp and add terms', async () => {
    const stamp = { time: 7, actor: 'urn:li:corpuser:jdoe' };
    const out = await run({ type: 'simple_add_dataset_terms', config: { term_urns: ['urn:li:glossaryTerm:Email'] } }, [
      mcp(USERS, 'glossaryTerms', { terms: [{ urn: 'urn:li:glossaryTerm:Name' }], auditStamp: stamp }),
    ]);
    expect(aspectOf(out, USERS, 'glossaryTerms')).toEqual([{ terms: [{ urn: 'urn:li:glossaryTerm:Name' }, { urn: 'urn:li:glossaryTerm:Email' }], auditStamp: stamp }]);
  });

  it('stamp new glossaryTerms with the clock and emit glossaryTermKey', async () => {
    const out = await run({ type: 'simple_add_dataset_terms', config: { term_urns: ['urn:li:glossaryTerm:Email'] } }, [mcp(USERS, 'status', { removed: false })]);
    expect(aspectOf(out, USERS, 'glossaryTerms')).toEqual([{ terms: [{ urn: 'urn:li:glossaryTerm:Email' }], auditStamp: { time: 42, actor: 'urn:li:corpUser:restEmitter' } }]);
    expect(aspectOf(out, 'urn:li:glossaryTerm:Email', 'glossaryTermKey')).toEqual([{ name: 'Email' }]);
  });

  it('map configured tags (dataset or column level) to terms with tags_to_term', async () => {
    const out = await run({ type: 'tags_to_term', config: { tags: ['pii', 'finance'] } }, [
      mcp(USERS, 'globalTags', { tags: [{ tag: 'urn:li:tag:snowflakedb.schema.pii:high' }] }),
      mcp(USERS, 'schemaMetadata', { fields: [{ fieldPath: 'amount', globalTags: { tags: [{ tag: 'urn:li:tag:finance' }] } }] }),
    ]);
    expect(aspectOf(out, USERS, 'glossaryTerms')).toEqual([
      { terms: [{ urn: 'urn:li:glossaryTerm:pii' }, { urn: 'urn:li:glossaryTerm:finance' }], auditStamp: { time: 42, actor: 'urn:li:corpUser:restEmitter' } },
    ]);
  });
});
