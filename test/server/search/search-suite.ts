// The search conformance suite: every behaviour of the SearchEngine contract, run against each
// implementation. Entities are written through the store, and the indexer (subscribed to the
// store's bus) keeps the engine up to date, so documents, indexer and engine are tested together.
// The bus is in-process unless the caller brings another (Kafka): writes then wait for delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMcp, type MetadataChangeProposal } from '../../../model/mcp.js';
import { InProcessEventBus, type EventBus } from '../../../server/events/bus.js';
import { reindexAll, subscribeSearchIndexer } from '../../../server/search/indexer.js';
import type { SearchEngine, SearchQuery } from '../../../server/search/search-engine.js';
import type { MetadataStore } from '../../../server/store/store.js';
import { settledStore } from '../../support/settled-store.js';

export type MakeSearch = (bus: EventBus) => Promise<{ store: MetadataStore; engine: SearchEngine; dispose?: () => Promise<void> }>;

export interface SearchSuiteOptions {
  /** The event bus between the store and the indexer (default: in-process). */
  makeBus?: () => Promise<EventBus>;
}

const ds = (name: string, platform = 'postgres', env = 'PROD'): string => `urn:li:dataset:(urn:li:dataPlatform:${platform},${name},${env})`;
const stamp = { time: 1_700_000_000_000, actor: 'urn:li:corpuser:datahub' };
const tags = (...names: string[]) => ({ tags: names.map((n) => ({ tag: `urn:li:tag:${n}` })) });
const terms = (...names: string[]) => ({ terms: names.map((n) => ({ urn: `urn:li:glossaryTerm:${n}` })), auditStamp: stamp });
const field = (fieldPath: string, extra: Record<string, unknown> = {}) => ({
  fieldPath, nativeDataType: 'integer', type: { type: { 'com.linkedin.schema.NumberType': {} } }, ...extra,
});

interface DatasetSpec {
  name: string;
  platform?: string;
  description?: string;
  fields?: Array<ReturnType<typeof field>>;
  tags?: string[];
  terms?: string[];
  owners?: string[];
}

function dataset(spec: DatasetSpec): MetadataChangeProposal[] {
  const platform = spec.platform ?? 'postgres';
  const urn = ds(spec.name, platform);
  const short = spec.name.split('.').pop()!;
  const mcps = [makeMcp(urn, 'datasetProperties', { name: short, qualifiedName: spec.name, ...(spec.description ? { description: spec.description } : {}) })];
  if (spec.fields) {
    mcps.push(makeMcp(urn, 'schemaMetadata', {
      schemaName: spec.name, platform: `urn:li:dataPlatform:${platform}`, version: 0, hash: '', platformSchema: { 'com.linkedin.schema.MySqlDDL': { tableSchema: '' } }, fields: spec.fields,
    }));
  }
  if (spec.tags) mcps.push(makeMcp(urn, 'globalTags', tags(...spec.tags)));
  if (spec.terms) mcps.push(makeMcp(urn, 'glossaryTerms', terms(...spec.terms)));
  if (spec.owners) mcps.push(makeMcp(urn, 'ownership', { owners: spec.owners.map((o) => ({ owner: `urn:li:corpuser:${o}`, type: 'TECHNICAL_OWNER' })) }));
  return mcps;
}

/** A TICKIT-like catalog: the seeds' ticket-sales tables, plus names chosen to land in each ranking tier. */
const TICKIT: DatasetSpec[] = [
  { name: 'tickit.public.users', description: 'Registered buyers and sellers', tags: ['pii'], terms: ['Customer'], owners: ['jdoe'],
    fields: [field('userid'), field('username'), field('email', { description: 'Contact address', globalTags: tags('pii') })] },
  { name: 'tickit.public.venue', description: 'Where events happen', owners: ['asmith'], fields: [field('venueid'), field('venuename')] },
  { name: 'tickit.public.category', description: 'Event categories', fields: [field('catid'), field('catgroup')] },
  { name: 'tickit.public.date', description: 'Calendar dimension', fields: [field('dateid'), field('caldate')] },
  { name: 'tickit.public.event', description: 'Shows and games', terms: ['Revenue'], fields: [field('eventid'), field('eventname')] },
  { name: 'tickit.public.listing', description: 'Tickets offered for sale', tags: ['gold'], owners: ['jdoe'], fields: [field('listid'), field('numtickets')] },
  { name: 'tickit.public.listing_archive', description: 'Old offers' },
  { name: 'tickit.public.sales_by_listing', description: 'Aggregated view' },
  { name: 'tickit.public.marketplace', description: 'One row for every listing ever published' },
  { name: 'tickit.public.sales', description: 'Tickets sold', tags: ['gold'], terms: ['Revenue'], owners: ['asmith'],
    fields: [field('salesid'), field('listing_id', { description: 'The offer this sale came from' }), field('pricepaid', { glossaryTerms: terms('Revenue') })] },
  { name: 'tickit.sales', platform: 'kafka', description: 'Sales change events', tags: ['pii'] },
];

export function runSearchSuite(label: string, makeSearch: MakeSearch, options: SearchSuiteOptions = {}): void {
  describe(`search conformance: ${label}`, () => {
    let store: MetadataStore;
    let engine: SearchEngine;
    let bus: EventBus;
    let dispose: (() => Promise<void>) | undefined;
    const search = (q: Partial<SearchQuery> & { query: string }) => engine.search({ facets: [], ...q });
    const names = async (q: Partial<SearchQuery> & { query: string }) => (await search({ count: 50, ...q })).hits.map((h) => h.name);

    beforeAll(async () => {
      bus = options.makeBus ? await options.makeBus() : new InProcessEventBus({ onSubscriberError: (f) => { throw f.error; } });
      let raw: MetadataStore;
      ({ store: raw, engine, dispose } = await makeSearch(bus));
      subscribeSearchIndexer(bus, raw, engine);
      store = settledStore(raw, bus);
      await store.apply(TICKIT.flatMap(dataset));
      await store.apply([
        makeMcp('urn:li:glossaryNode:Finance', 'glossaryNodeInfo', { name: 'Finance', definition: 'Money matters' }),
        makeMcp('urn:li:glossaryTerm:Revenue', 'glossaryTermInfo', { name: 'Revenue', definition: 'Income from ticket sales', termSource: 'INTERNAL', parentNode: 'urn:li:glossaryNode:Finance' }),
        makeMcp('urn:li:tag:pii', 'tagProperties', { name: 'pii', description: 'Personal data' }),
        makeMcp('urn:li:corpuser:jdoe', 'corpUserInfo', { active: true, displayName: 'Jane Doe', email: 'jdoe@example.com', title: 'Data engineer' }),
        makeMcp('urn:li:container:tickitdb', 'containerProperties', { name: 'tickit', description: 'The TICKIT database' }),
        makeMcp('urn:li:dataFlow:(airflow,tickit_nightly,prod)', 'dataFlowInfo', { name: 'tickit_nightly', description: 'Loads the sales' }),
      ]);
    });
    afterAll(async () => {
      await dispose?.();
      await engine?.close();
      await store?.close();
      await bus?.close();
    });

    describe('ranking', () => {
      it('puts the exact name first, then prefix, word, description and column matches, in that order', async () => {
        const r = await search({ query: 'listing', count: 10, explain: true });
        expect(r.hits.map((h) => [h.name, h.explanation?.rule])).toEqual([
          ['listing', 'exact_name'], ['listing_archive', 'prefix'], ['sales_by_listing', 'word'], ['marketplace', 'description'], ['sales', 'column'],
        ]);
      });

      it('matches a qualified name ahead of everything that only shares its words', async () => {
        const r = await search({ query: 'public.users', explain: true });
        expect(r.hits[0]).toMatchObject({ name: 'users', explanation: { rule: 'qualified_name' } });
      });

      it('finds a name through a typo (trigrams) and says so', async () => {
        const r = await search({ query: 'lisitng', explain: true });
        expect(r.hits[0]).toMatchObject({ name: 'listing', explanation: { rule: 'fuzzy' } });
        expect(r.hits[0]!.explanation!.reason).toContain('"lisitng" ~ "listing"');
        expect(r.hits.every((h) => h.explanation!.rule === 'fuzzy')).toBe(true);
      });

      it('ranks a name match above a match in descriptions, tags and terms', async () => {
        const r = await search({ query: 'sales', explain: true, count: 20 });
        expect(r.hits.slice(0, 2).map((h) => h.name)).toEqual(['sales', 'sales']);
        expect(r.hits[2]).toMatchObject({ name: 'sales_by_listing', explanation: { rule: 'prefix' } });
        const rules = r.hits.map((h) => h.explanation!.rule);
        expect(rules.indexOf('description')).toBeGreaterThan(rules.lastIndexOf('prefix'));
      });

      it('searches entity tags, glossary terms, column tags and editable descriptions', async () => {
        expect(await names({ query: 'pii', types: ['dataset'] })).toEqual(expect.arrayContaining(['users', 'sales']));
        expect(await names({ query: 'revenue', types: ['dataset'] })).toEqual(expect.arrayContaining(['event', 'sales']));
        expect(await names({ query: 'contact address' })).toEqual(['users']);
      });

      it('explains which fields matched', async () => {
        const r = await search({ query: 'offer', explain: true, types: ['dataset'] });
        const sales = r.hits.find((h) => h.name === 'sales')!;
        expect(sales.explanation).toMatchObject({ rule: 'column', matchedFields: [{ name: 'fieldDescriptions', value: 'The offer this sale came from' }] });
        expect(r.hits.find((h) => h.name === 'listing_archive')!.explanation).toMatchObject({ rule: 'description', matchedFields: [{ name: 'description', value: 'Old offers' }] });
      });
    });

    describe('entity types', () => {
      it('indexes glossary terms and nodes, tags, users, containers and flows with their names', async () => {
        expect((await search({ query: 'revenue', types: ['glossaryTerm'] })).hits).toEqual([{ urn: 'urn:li:glossaryTerm:Revenue', entityType: 'glossaryTerm', name: 'Revenue' }]);
        expect(await names({ query: 'jane' })).toEqual(['Jane Doe']);
        expect(await names({ query: 'finance', types: ['glossaryNode'] })).toEqual(['Finance']);
        expect(await names({ query: 'tickit', types: ['container', 'dataFlow'] })).toEqual(['tickit', 'tickit_nightly']);
        expect(await names({ query: 'personal', types: ['tag'] })).toEqual(['pii']);
      });
    });

    describe('facets and filters', () => {
      it('counts facet values over everything that matched, not just the page', async () => {
        const r = await engine.search({ query: '*', types: ['dataset'], count: 1, facets: ['platform', 'tags', 'owners', '_entityType', 'glossaryTerms', 'fieldTags'] });
        expect(r.total).toBe(11);
        const facet = (f: string) => Object.fromEntries(r.facets.find((x) => x.field === f)!.values.map((v) => [v.value, v.count]));
        expect(facet('platform')).toEqual({ postgres: 10, kafka: 1 });
        expect(facet('tags')).toEqual({ 'urn:li:tag:pii': 2, 'urn:li:tag:gold': 2 });
        expect(facet('owners')).toEqual({ 'urn:li:corpuser:jdoe': 2, 'urn:li:corpuser:asmith': 2 });
        expect(facet('glossaryTerms')).toEqual({ 'urn:li:glossaryTerm:Revenue': 2, 'urn:li:glossaryTerm:Customer': 1 });
        expect(facet('fieldTags')).toEqual({ 'urn:li:tag:pii': 1 });
        expect(facet('_entityType')).toEqual({ dataset: 11 });
      });

      it('combines filters with and, or and not', async () => {
        const pii = { field: 'tags', values: ['urn:li:tag:pii'] } as const;
        const kafka = { field: 'platform', values: ['kafka'] } as const;
        expect(await names({ query: '*', filter: { and: [pii, kafka] } })).toEqual(['sales']);
        expect(await names({ query: '*', filter: { and: [pii, { not: kafka }] } })).toEqual(['users']);
        expect(await names({ query: '*', filter: { or: [pii, { field: 'glossaryTerms', values: ['urn:li:glossaryTerm:Revenue'] }] } })).toEqual(['event', 'sales', 'sales', 'users']);
        expect(await names({ query: '*', filter: { field: 'owners', values: ['urn:li:corpuser:jdoe'], negated: true }, types: ['dataset'] })).not.toContain('users');
        expect(await names({ query: '*', filter: { field: 'fieldGlossaryTerms', condition: 'EXISTS' } })).toEqual(['sales']);
        expect(await names({ query: '*', filter: { field: 'urn', condition: 'START_WITH', values: ['urn:li:dataset:(urn:li:dataPlatform:kafka'] } })).toEqual(['sales']);
      });

      it('rejects an unknown field with a message naming the fields that exist', async () => {
        await expect(engine.search({ query: '*', filter: { field: 'colour' as never, values: ['red'] } })).rejects.toThrow(/unknown filter field "colour"; use one of _entityType/);
      });
    });

    describe('paging', () => {
      it('pages through every result once, in a stable order, with the total', async () => {
        const all = await search({ query: '*', types: ['dataset'], count: 100 });
        const seen: string[] = [];
        for (let start = 0; start < all.total; start += 4) {
          const page = await search({ query: '*', types: ['dataset'], start, count: 4 });
          expect(page.total).toBe(all.total);
          seen.push(...page.hits.map((h) => h.urn));
        }
        expect(seen).toEqual(all.hits.map((h) => h.urn));
        expect(new Set(seen).size).toBe(11);
      });
    });

    describe('autocomplete', () => {
      it('completes name prefixes first, then words inside names, then near spellings', async () => {
        const s = await engine.autocomplete('lis', { types: ['dataset'] });
        expect(s.map((x) => [x.text, x.rule])).toEqual([['listing', 'prefix'], ['listing_archive', 'prefix'], ['sales_by_listing', 'word']]);
        expect((await engine.autocomplete('arch')).map((x) => x.text)).toEqual(['listing_archive']);
        expect((await engine.autocomplete('lisitng', { limit: 1 }))[0]).toMatchObject({ text: 'listing', rule: 'fuzzy' });
        expect(await engine.autocomplete('sa', { types: ['dataFlow'] })).toEqual([]);
        expect(await engine.autocomplete('s', { limit: 2 })).toHaveLength(2);
      });
    });

    describe('kept up to date from the bus', () => {
      it('hides soft-deleted entities unless asked, and shows them again when restored', async () => {
        const urn = ds('tickit.public.venue');
        await store.softDelete(urn);
        const venue = { query: 'venue', types: ['dataset'] };
        expect(await names(venue)).toEqual([]);
        expect(await engine.autocomplete('venu', { types: ['dataset'] })).toEqual([]);
        expect(await names({ ...venue, includeRemoved: true })).toEqual(['venue']);
        expect(await names({ ...venue, filter: { field: 'removed', values: ['true'] } })).toEqual(['venue']);
        await store.apply([makeMcp(urn, 'status', { removed: false })]);
        expect(await names(venue)).toEqual(['venue']);
      });

      it('reflects a new description, editable column metadata and a hard delete', async () => {
        const urn = ds('tickit.public.date');
        await store.apply([makeMcp(urn, 'editableDatasetProperties', { description: 'Fiscal calendar' })]);
        expect(await names({ query: 'fiscal' })).toEqual(['date']);
        await store.apply([makeMcp(urn, 'editableSchemaMetadata', { editableSchemaFieldInfo: [{ fieldPath: 'caldate', description: 'Day of sale', globalTags: tags('temporal') }] })]);
        expect(await names({ query: '*', filter: { field: 'fieldTags', values: ['urn:li:tag:temporal'] } })).toEqual(['date']);
        await store.hardDelete(urn);
        expect(await names({ query: 'fiscal', includeRemoved: true })).toEqual([]);
      });

      it('rebuilds the same index from the store', async () => {
        const before = await search({ query: 'sales', count: 50 });
        const report = await reindexAll(store, engine);
        expect(report.indexed).toBe(await engine.count());
        expect(await search({ query: 'sales', count: 50 })).toEqual(before);
      });
    });
  });
}
