import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '../../../ingest/transformers/common/clock.js';
import { transformers } from '../../../ingest/transformers/index.js';
import { aspectOf, mcp, memoryCatalog, run, testContext } from './harness.js';

const USERS = 'urn:li:dataset:(urn:li:dataPlatform:postgres,tickit.public.users,DEV)';
const CONTAINER = 'urn:li:container:5190';

beforeEach(() => setClock(() => 42));
afterEach(() => resetClock());

describe('the transformer registry', () => {
  it('has unique type names and aliases, each described, each config rejecting unknown keys', () => {
    const names = transformers.flatMap((p) => [p.type, ...(p.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const p of transformers) {
      expect(p.description.length).toBeGreaterThan(0);
      const result = p.configSchema.safeParse({ not_a_key: 1 });
      expect(result.success, p.type).toBe(false);
      expect(result.error?.issues.some((i) => i.code === 'unrecognized_keys'), p.type).toBe(true);
    }
  });
});

describe('schema field transformers', () => {
  const schema = {
    schemaName: 'tickit.public.users',
    fields: [
      { fieldPath: 'email', nativeDataType: 'VARCHAR', globalTags: { tags: [{ tag: 'urn:li:tag:source' }] } },
      { fieldPath: 'userid', nativeDataType: 'INTEGER' },
    ],
  };

  it('tag the fields whose path matches, first rule only', async () => {
    const out = await run(
      { type: 'pattern_add_dataset_schema_tags', config: { tag_pattern: { rules: { '.*mail': ['urn:li:tag:Email'], 'email': ['urn:li:tag:Other'] } } } },
      [mcp(USERS, 'schemaMetadata', schema)],
    );
    const [result] = aspectOf(out, USERS, 'schemaMetadata');
    expect(result?.fields).toEqual([
      { fieldPath: 'email', nativeDataType: 'VARCHAR', globalTags: { tags: [{ tag: 'urn:li:tag:source' }, { tag: 'urn:li:tag:Email' }] } },
      { fieldPath: 'userid', nativeDataType: 'INTEGER' },
    ]);
  });

  it('add glossary terms to fields, stamped by the clock', async () => {
    const out = await run({ type: 'pattern_add_dataset_schema_terms', config: { term_pattern: { rules: { 'user': ['urn:li:glossaryTerm:Id'] } } } }, [
      mcp(USERS, 'schemaMetadata', schema),
    ]);
    const fields = aspectOf(out, USERS, 'schemaMetadata')[0]?.fields as Array<Record<string, unknown>>;
    expect(fields[1]?.glossaryTerms).toEqual({ terms: [{ urn: 'urn:li:glossaryTerm:Id' }], auditStamp: { time: 42, actor: 'urn:li:corpUser:restEmitter' } });
  });

  it('bring in the catalog fields with PATCH', async () => {
    const catalog = memoryCatalog({ [USERS]: { schemaMetadata: { fields: [{ fieldPath: 'userid', glossaryTerms: { terms: [{ urn: 'urn:li:glossaryTerm:Key' }], auditStamp: { time: 1, actor: 'urn:li:corpuser:x' } } }] } } });
    const out = await run(
      { type: 'pattern_add_dataset_schema_terms', config: { term_pattern: { rules: { 'user': ['urn:li:glossaryTerm:Id'] } }, semantics: 'PATCH' } },
      [mcp(USERS, 'schemaMetadata', schema)],
      testContext({ catalog }),
    );
    const fields = aspectOf(out, USERS, 'schemaMetadata')[0]?.fields as Array<{ glossaryTerms?: { terms: unknown[] } }>;
    expect(fields[1]?.glossaryTerms?.terms).toEqual([{ urn: 'urn:li:glossaryTerm:Key' }, { urn: 'urn:li:glossaryTerm:Id' }]);
  });
});

describe('properties, status, browse paths, external URLs', () => {
  it('add custom properties, the config winning on a collision', async () => {
    const out = await run({ type: 'simple_add_dataset_properties', config: { properties: { team: 'core', tier: '1' } } }, [
      mcp(USERS, 'datasetProperties', { name: 'users', customProperties: { tier: '2', table_type: 'BASE TABLE' } }),
    ]);
    expect(aspectOf(out, USERS, 'datasetProperties')).toEqual([{ name: 'users', customProperties: { tier: '1', table_type: 'BASE TABLE', team: 'core' } }]);
  });

  it('use a resolver class for add_dataset_properties', async () => {
    const ctx = testContext({ baseDir: `${import.meta.dirname}/fixtures` });
    const out = await run({ type: 'add_dataset_properties', config: { add_properties_resolver_class: './callables.js#Resolver' } }, [mcp(USERS, 'status', { removed: false })], ctx);
    expect(aspectOf(out, USERS, 'datasetProperties')).toEqual([{ tags: [], customProperties: { source_urn: USERS } }]);
  });

  it('mark every dataset removed with mark_dataset_status', async () => {
    const out = await run({ type: 'mark_dataset_status', config: { removed: true } }, [mcp(USERS, 'status', { removed: false }), mcp(USERS, 'subTypes', { typeNames: ['Table'] })]);
    expect(aspectOf(out, USERS, 'status')).toEqual([{ removed: true }]);
  });

  it('build legacy browse paths from templates', async () => {
    const out = await run({ type: 'set_dataset_browse_path', config: { path_templates: ['/ENV/PLATFORM/DATASET_PARTS', '/data_warehouse/DATASET_PARTS'] } }, [
      mcp(USERS, 'status', { removed: false }),
    ]);
    expect(aspectOf(out, USERS, 'browsePaths')).toEqual([{ paths: ['/dev/postgres/tickit/public/users', '/data_warehouse/tickit/public/users'] }]);
  });

  it('put static nodes and container variables in browsePathsV2', async () => {
    const out = await run({ type: 'set_browse_path', config: { path: ['analytics', '$container[*]'], replace_existing: true } }, [
      mcp(USERS, 'browsePathsV2', { path: [{ id: 'prod' }, { id: CONTAINER, urn: CONTAINER }] }),
    ]);
    expect(aspectOf(out, USERS, 'browsePathsV2')).toEqual([{ path: [{ id: 'analytics' }, { id: CONTAINER, urn: CONTAINER }] }]);
  });

  it('rewrite external URLs with Python-style group references', async () => {
    const out = await run({ type: 'replace_external_url', config: { input_pattern: 'https://(\\w+)\\.example\\.com', replacement: 'https://\\1.internal' } }, [
      mcp(USERS, 'datasetProperties', { externalUrl: 'https://docs.example.com/users' }),
    ]);
    expect(aspectOf(out, USERS, 'datasetProperties')).toEqual([{ externalUrl: 'https://docs.internal/users' }]);
  });
});

describe('data products and attribution', () => {
  it('add matched datasets to a data product with one PATCH at end of stream', async () => {
    const out = await run({ type: 'pattern_add_dataset_dataproduct', config: { dataset_to_data_product_urns_pattern: { rules: { '.*users.*': 'urn:li:dataProduct:people' } } } }, [
      mcp(USERS, 'status', { removed: false }),
    ]);
    expect(out.at(-1)).toEqual({
      entityType: 'dataProduct',
      entityUrn: 'urn:li:dataProduct:people',
      changeType: 'PATCH',
      aspectName: 'dataProductProperties',
      aspect: [{ op: 'add', path: `/assets/${USERS}`, value: { destinationUrn: USERS } }],
    });
  });

  it('stamp attribution on tags, terms and owners with set_attribution', async () => {
    const out = await run({ type: 'set_attribution', config: { attribution_source: 'urn:li:platformResource:ingestion', source_detail: { pipeline: 'p' } } }, [
      mcp(USERS, 'globalTags', { tags: [{ tag: 'urn:li:tag:pii' }] }),
    ]);
    expect(aspectOf(out, USERS, 'globalTags')).toEqual([
      { tags: [{ tag: 'urn:li:tag:pii', attribution: { time: 42, actor: 'urn:li:corpuser:datahub', source: 'urn:li:platformResource:ingestion', sourceDetail: { pipeline: 'p' } } }] },
    ]);
  });
});
