import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pipeline } from '../../../ingest/pipeline/pipeline.js';
import { makeMcp } from '../../../model/mcp.js';
import { datasetUrn, schemaFieldUrn } from '../../../model/urn.js';
import { storeConnection } from '../../../server/catalog-connection.js';
import { createCatalog, type Catalog } from '../../../server/catalog.js';
import { listen, type RunningServer } from '../../../server/http.js';

const users = datasetUrn('postgres', 'tickit.public.users', 'DEV');
const SENSITIVE = 'urn:li:glossaryTerm:Classification.Sensitive';
let catalog: Catalog;
let server: RunningServer;
const token: Record<'editor' | 'reader', string> = { editor: '', reader: '' };

const field = (fieldPath: string, nativeDataType: string, nullable = true) => ({
  fieldPath, nativeDataType, nullable, isPartOfKey: fieldPath === 'userid', recursive: false,
  type: { type: { [`com.linkedin.schema.${nativeDataType === 'integer' ? 'NumberType' : 'StringType'}`]: {} } },
});
const schema = (fields: object[]) => ({
  schemaName: 'tickit.public.users', platform: 'urn:li:dataPlatform:postgres', version: 0, hash: '',
  platformSchema: { 'com.linkedin.schema.MySqlDDL': { tableSchema: '' } }, fields,
});

beforeAll(async () => {
  catalog = await createCatalog({ store: 'pglite:memory', auth: true });
  token.editor = (await catalog.tokens.create({ name: 'ed', role: 'editor' })).token;
  token.reader = (await catalog.tokens.create({ name: 'rd', role: 'reader' })).token;
  const glossary = await Pipeline.create(path.resolve('recipes/glossary.yml'), { connectCatalog: async () => storeConnection(catalog.store, false) }).run();
  expect(glossary.exitCode).toBe(0);
  await catalog.store.apply([
    makeMcp(users, 'schemaMetadata', schema([field('userid', 'integer', false), field('email', 'varchar(100)')])),
    makeMcp(users, 'schemaMetadata', schema([field('userid', 'integer', false), field('email', 'varchar(200)'), field('phone', 'char(14)')])),
    makeMcp(users, 'datasetProperties', { name: 'users', description: 'Registered users', customProperties: { table_type: 'BASE TABLE' } }),
    makeMcp(users, 'glossaryTerms', { terms: [{ urn: SENSITIVE }], auditStamp: { time: 0, actor: 'urn:li:corpuser:datahub' } }),
    makeMcp(users, 'ownership', { owners: [{ owner: 'urn:li:corpuser:Database Administrators', type: 'DATAOWNER' }] }),
    makeMcp(users, 'datasetProfile', { timestampMillis: 1_000, rowCount: 10, columnCount: 3, fieldProfiles: [{ fieldPath: 'email', nullCount: 1 }] }),
    makeMcp(users, 'datasetProfile', { timestampMillis: 2_000, rowCount: 12, columnCount: 3, fieldProfiles: [] }),
  ]);
  server = await listen(catalog, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  await catalog.close();
});

async function gql(query: string, variables: Record<string, unknown> = {}, as: string | null = token.reader) {
  const res = await fetch(`${server.url}/api/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(as ? { Authorization: `Bearer ${as}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

describe('GraphQL', () => {
  it('refuses a request without a token with 401', async () => {
    expect((await gql('{ me { urn } }', {}, null)).status).toBe(401);
  });

  it('returns a dataset with properties, schema, terms, owners and profiles over a time range', async () => {
    const { body } = await gql(
      `query($urn: String!) { dataset(urn: $urn) {
        name origin platform { name } properties { description customProperties { key value } }
        schemaMetadata { fields { fieldPath nativeDataType nullable isPartOfKey } }
        glossaryTerms { terms { term { urn name definition } } }
        ownership { owners { owner type } }
        datasetProfiles(startTimeMillis: 1500) { timestampMillis rowCount }
      } }`,
      { urn: users },
    );
    expect(body.errors).toBeUndefined();
    const d = body.data.dataset;
    expect(d).toMatchObject({ name: 'users', origin: 'DEV', platform: { name: 'postgres' }, properties: { description: 'Registered users' } });
    expect(d.schemaMetadata.fields.map((f: { fieldPath: string }) => f.fieldPath)).toEqual(['userid', 'email', 'phone']);
    expect(d.glossaryTerms.terms[0].term).toEqual({ urn: SENSITIVE, name: 'Sensitive', definition: 'Sensitive Data' });
    expect(d.ownership.owners).toEqual([{ owner: 'urn:li:corpuser:Database Administrators', type: 'DATAOWNER' }]);
    expect(d.datasetProfiles).toEqual([{ timestampMillis: 2000, rowCount: 12 }]);
  });

  it('shows a glossary term with the terms that inherit it and the datasets carrying it', async () => {
    const { body } = await gql(`{ glossaryTerm(urn: "${SENSITIVE}") { name parentNode { name } inheritedBy { urn } datasets { urn } } }`);
    expect(body.data.glossaryTerm.parentNode).toEqual({ name: 'Classification' });
    expect(body.data.glossaryTerm.inheritedBy.map((t: { urn: string }) => t.urn).sort()).toEqual([
      'urn:li:glossaryTerm:PersonalInformation.Gender', 'urn:li:glossaryTerm:PersonalInformation.ID', 'urn:li:glossaryTerm:PersonalInformation.Name',
    ]);
    expect(body.data.glossaryTerm.datasets).toEqual([{ urn: users }]);
  });

  it('lists the glossary tree from its root nodes', async () => {
    const { body } = await gql('{ getRootGlossaryNodes { name children { name } } }');
    const classification = body.data.getRootGlossaryNodes.find((n: { name: string }) => n.name === 'Classification');
    expect(classification.children.map((c: { name: string }) => c.name).sort()).toEqual(['Confidential', 'HighlyConfidential', 'Sensitive']);
  });

  it('gives the schema timeline with the fields added and changed per version', async () => {
    const { body } = await gql(`{ schemaTimeline(urn: "${users}") { version changes { fieldPath change before after } } }`);
    const [v1, v2] = body.data.schemaTimeline;
    expect(v1.changes.map((c: { fieldPath: string; change: string }) => `${c.change} ${c.fieldPath}`)).toEqual(['ADDED userid', 'ADDED email']);
    expect(v2.changes).toEqual([
      { fieldPath: 'email', change: 'TYPE_CHANGED', before: 'varchar(100)', after: 'varchar(200)' },
      { fieldPath: 'phone', change: 'ADDED', before: null, after: 'char(14)' },
    ]);
  });

  it('refuses a mutation from a reader with FORBIDDEN, and nothing changes', async () => {
    const { body } = await gql(`mutation { addTag(input: { tagUrn: "urn:li:tag:pii", resourceUrn: "${users}" }) }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await catalog.store.getAspect(users, 'globalTags')).toBeNull();
  });

  it('lets an editor tag the dataset and a column, then shows both', async () => {
    const add = await gql(
      `mutation { a: addTag(input: { tagUrn: "urn:li:tag:pii", resourceUrn: "${users}" })
                  b: addTag(input: { tagUrn: "urn:li:tag:email", resourceUrn: "${users}", subResourceType: DATASET_FIELD, subResource: "email" }) }`,
      {},
      token.editor,
    );
    expect(add.body).toEqual({ data: { a: true, b: true } });
    const { body } = await gql(`{ dataset(urn: "${users}") { tags { tags { tag { urn } } } schemaMetadata { fields { fieldPath tags { tags { tag { name } } } } } } }`);
    expect(body.data.dataset.tags.tags).toEqual([{ tag: { urn: 'urn:li:tag:pii' } }]);
    const email = body.data.dataset.schemaMetadata.fields.find((f: { fieldPath: string }) => f.fieldPath === 'email');
    expect(email.tags.tags).toEqual([{ tag: { name: 'email' } }]);
  });

  it('adds and removes terms and owners, and updates descriptions, as an editor', async () => {
    const run = (m: string) => gql(`mutation { ${m} }`, {}, token.editor);
    expect((await run(`addTerm(input: { termUrn: "urn:li:glossaryTerm:PersonalInformation.Email", resourceUrn: "${users}", subResourceType: DATASET_FIELD, subResource: "email" })`)).body.data).toEqual({ addTerm: true });
    expect((await run(`addOwner(input: { ownerUrn: "urn:li:corpuser:jdoe", resourceUrn: "${users}", type: "TECHNICAL_OWNER" })`)).body.data).toEqual({ addOwner: true });
    expect((await run(`removeOwner(input: { ownerUrn: "urn:li:corpuser:Database Administrators", resourceUrn: "${users}" })`)).body.data).toEqual({ removeOwner: true });
    expect((await run(`updateDescription(input: { description: "Buyers and sellers", resourceUrn: "${users}" })`)).body.data).toEqual({ updateDescription: true });
    expect((await run(`updateDescription(input: { description: "Where to reach them", resourceUrn: "${users}", subResourceType: DATASET_FIELD, subResource: "email" })`)).body.data).toEqual({ updateDescription: true });
    const { body } = await gql(`{ dataset(urn: "${users}") { editableDescription ownership { owners { owner } } schemaMetadata { fields { fieldPath description glossaryTerms { terms { term { urn } } } } } } }`);
    expect(body.data.dataset.editableDescription).toBe('Buyers and sellers');
    expect(body.data.dataset.ownership.owners).toEqual([{ owner: 'urn:li:corpuser:jdoe' }]);
    const email = body.data.dataset.schemaMetadata.fields.find((f: { fieldPath: string }) => f.fieldPath === 'email');
    expect(email).toMatchObject({ description: 'Where to reach them', glossaryTerms: { terms: [{ term: { urn: 'urn:li:glossaryTerm:PersonalInformation.Email' } }] } });
    expect(schemaFieldUrn(users, 'email')).toContain('email');
  });

  it('creates tags and glossary terms, refusing duplicates', async () => {
    const created = await gql('mutation { createTag(input: { name: "Gold", description: "Curated" }) }', {}, token.editor);
    expect(created.body.data).toEqual({ createTag: 'urn:li:tag:Gold' });
    const again = await gql('mutation { createTag(input: { name: "Gold" }) }', {}, token.editor);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const term = await gql('mutation { createGlossaryTerm(input: { name: "Phone", description: "A phone number", parentNode: "PersonalInformation" }) }', {}, token.editor);
    expect(term.body.data).toEqual({ createGlossaryTerm: 'urn:li:glossaryTerm:PersonalInformation.Phone' });
  });

  it('rejects queries deeper than the depth limit', async () => {
    const deep = `{ glossaryTerm(urn: "${SENSITIVE}") { parentNode { parentNode { parentNode { parentNode { parentNode { parentNode { parentNode { parentNode { parentNode { parentNode { name } } } } } } } } } } } }`;
    const { status, body } = await gql(deep);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/exceeds maximum operation depth/);
  });

  it('rejects queries over the cost limit', async () => {
    const fields = Array.from({ length: 60 }, (_, i) => `d${i}: dataset(urn: "${users}") { ${Array.from({ length: 90 }, (_, j) => `n${j}: name`).join(' ')} }`).join(' ');
    const { body } = await gql(`{ ${fields} }`);
    expect(body.errors?.[0]?.message).toMatch(/query cost \d+ exceeds the limit/);
  });
});
