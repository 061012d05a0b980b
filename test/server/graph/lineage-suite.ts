// The lineage graph conformance suite: every behaviour of the LineageGraph contract, fed the way
// the service feeds it (aspects written to the store, change logs through the bus, the indexer),
// run against each implementation (PGlite in `npm test`, the PostgreSQL server in the server project).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMcp, type MetadataChangeProposal } from '../../../model/mcp.js';
import { dataFlowUrn, dataJobUrn, datasetUrn, schemaFieldUrn } from '../../../model/urn.js';
import { InProcessEventBus, type EventBus } from '../../../server/events/bus.js';
import { reindexAll, subscribeLineageIndexer } from '../../../server/graph/indexer.js';
import type { LineageGraph, WalkResult } from '../../../server/graph/lineage-graph.js';
import { LineageQueryError } from '../../../server/graph/walk.js';
import type { MetadataStore } from '../../../server/store/store.js';
import { settledStore } from '../../support/settled-store.js';

export type MakeLineageFixture = (bus: EventBus) => Promise<{ store: MetadataStore; graph: LineageGraph; dispose?: () => Promise<void> }>;

export interface LineageSuiteOptions {
  /** The event bus between the store and the indexer (default: in-process). */
  makeBus?: () => Promise<EventBus>;
}

// The seeds' CDC chain: Postgres table -> Debezium topic -> S3 sink objects -> Hudi table -> Glue table.
const pg = datasetUrn('postgres', 'moma.public.artists');
const topic = datasetUrn('kafka', 'moma.public.artists');
const s3 = datasetUrn('s3', 'moma-lake/topics/moma.public.artists');
const hudi = datasetUrn('hudi', 'moma-lake/hudi/artists');
const glue = datasetUrn('glue', 'moma.artists');
const view = datasetUrn('postgres', 'moma.public.artists_view');
const flow = dataFlowUrn('airflow', 'moma_dw');
const loadJob = dataJobUrn(flow, 'load_artists');
const extractJob = dataJobUrn(flow, 'extract');
const warehouse = datasetUrn('postgres', 'dw.public.artists');
const field = schemaFieldUrn;
const fanSource = datasetUrn('postgres', 'fan.public.events');
const fanOut = Array.from({ length: 25 }, (_, i) => datasetUrn(i % 2 ? 'hive' : 'kafka', `fan.copy_${String(i).padStart(2, '0')}`));
const [cycA, cycB, cycC] = ['a', 'b', 'c'].map((n) => datasetUrn('mysql', `cycle.${n}`)) as [string, string, string];

const upstreams = (urn: string, ups: Array<[string, string]>, fine: MetadataChangeProposal['aspect'][] = []): MetadataChangeProposal =>
  makeMcp(urn, 'upstreamLineage', {
    upstreams: ups.map(([dataset, type]) => ({ dataset, type, auditStamp: { time: 0, actor: 'urn:li:corpuser:unknown' } })),
    ...(fine.length ? { fineGrainedLineages: fine } : {}),
  });
const fieldToField = (ups: string[], downs: string[], transformOperation?: string) => ({
  upstreamType: 'FIELD_SET', upstreams: ups, downstreamType: 'FIELD', downstreams: downs, ...(transformOperation ? { transformOperation } : {}),
});

const SEED: MetadataChangeProposal[] = [
  makeMcp(pg, 'datasetProperties', { name: 'artists' }),
  upstreams(topic, [[pg, 'COPY']], [fieldToField([field(pg, 'id')], [field(topic, 'id')]), fieldToField([field(pg, 'name')], [field(topic, 'name')])]),
  upstreams(s3, [[topic, 'COPY']], [fieldToField([field(topic, 'id')], [field(s3, 'id')])]),
  upstreams(hudi, [[s3, 'TRANSFORMED']]),
  upstreams(glue, [[hudi, 'COPY']]),
  makeMcp(view, 'upstreamLineage', {
    upstreams: [{ dataset: pg, type: 'VIEW', query: 'urn:li:query:view_artists' }],
    fineGrainedLineages: [
      fieldToField([field(pg, 'id')], [field(view, 'artist_id')], 'COPY: "artists"."id" AS "artist_id"'),
      fieldToField([field(pg, 'name'), field(pg, 'nationality')], [field(view, 'label')]),
    ],
  }),
  makeMcp(loadJob, 'dataJobInputOutput', { inputDatasets: [glue], outputDatasets: [warehouse], inputDatajobs: [extractJob] }),
  upstreams(fanSource, []),
  ...fanOut.map((urn) => upstreams(urn, [[fanSource, 'COPY']])),
  upstreams(cycB, [[cycA, 'TRANSFORMED']]),
  upstreams(cycC, [[cycB, 'TRANSFORMED']]),
  upstreams(cycA, [[cycC, 'TRANSFORMED']]),
];

const degrees = (result: WalkResult): Array<[string, number]> => result.nodes.map((n) => [n.urn, n.degree]);
const sorted = (pairs: Array<[string, number]>): Array<[string, number]> =>
  [...pairs].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

export function runLineageSuite(label: string, makeFixture: MakeLineageFixture, options: LineageSuiteOptions = {}): void {
  describe(`lineage graph conformance: ${label}`, () => {
    let store: MetadataStore;
    let graph: LineageGraph;
    let bus: EventBus;
    let dispose: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      bus = options.makeBus ? await options.makeBus() : new InProcessEventBus({ onSubscriberError: (f) => { throw f.error; } });
      let raw: MetadataStore;
      ({ store: raw, graph, dispose } = await makeFixture(bus));
      subscribeLineageIndexer(bus, graph);
      store = settledStore(raw, bus);
      await store.apply(SEED);
    });
    afterAll(async () => {
      await dispose?.();
      await graph?.close();
      await store?.close();
      await bus?.close();
    });

    describe('entity-level walks', () => {
      it('follows the CDC chain downstream hop by hop, each node at its smallest degree with one shortest path', async () => {
        const result = await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6 });
        expect(degrees(result)).toEqual(sorted([[topic, 1], [view, 1], [s3, 2], [hudi, 3], [glue, 4], [loadJob, 5], [warehouse, 6]]));
        expect(result.countsPerHop).toEqual({ 1: 2, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1 });
        expect(result.total).toBe(7);
        expect(result.truncated).toBe(false);
        const glueNode = result.nodes.find((n) => n.urn === glue)!;
        expect(glueNode).toMatchObject({ entityType: 'dataset', platform: 'glue', path: [pg, topic, s3, hudi, glue], relationship: 'DownstreamOf', lineageType: 'COPY' });
        expect(result.nodes.find((n) => n.urn === view)).toMatchObject({ lineageType: 'VIEW', via: 'urn:li:query:view_artists' });
      });

      it('stops at maxHops', async () => {
        const result = await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 2 });
        expect(degrees(result)).toEqual(sorted([[topic, 1], [view, 1], [s3, 2]]));
        expect(result.countsPerHop).toEqual({ 1: 2, 2: 1 });
        expect(degrees(await graph.walk({ urn: pg, direction: 'DOWNSTREAM' }))).toEqual(sorted([[topic, 1], [view, 1]]));
      });

      it('walks upstream from the Glue table back to the Postgres source', async () => {
        const result = await graph.walk({ urn: glue, direction: 'UPSTREAM', maxHops: 10 });
        expect(degrees(result)).toEqual([[hudi, 1], [s3, 2], [topic, 3], [pg, 4]]);
        expect(result.nodes.at(-1)!.path).toEqual([glue, hudi, s3, topic, pg]);
      });

      it('goes through jobs: a job consumes its inputs, produces its outputs and runs after its input jobs', async () => {
        const up = await graph.walk({ urn: warehouse, direction: 'UPSTREAM', maxHops: 3 });
        expect(degrees(up)).toEqual(sorted([[loadJob, 1], [extractJob, 2], [glue, 2], [hudi, 3]]));
        expect(up.nodes[0]).toMatchObject({ urn: loadJob, entityType: 'dataJob', platform: 'airflow', relationship: 'Produces' });
        expect(up.nodes.find((n) => n.urn === glue)).toMatchObject({ relationship: 'Consumes' });
        expect(up.nodes.find((n) => n.urn === extractJob)).toMatchObject({ relationship: 'DownstreamOf' });
        const down = await graph.walk({ urn: extractJob, direction: 'DOWNSTREAM', maxHops: 5 });
        expect(degrees(down)).toEqual([[loadJob, 1], [warehouse, 2]]);
      });

      it('filters results by platform and entity type but still walks through what it filters out', async () => {
        const byPlatform = await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6, filters: { platforms: ['s3', 'glue'] } });
        expect(degrees(byPlatform)).toEqual([[s3, 2], [glue, 4]]);
        expect(byPlatform.countsPerHop).toEqual({ 2: 1, 4: 1 });
        const byType = await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6, filters: { entityTypes: ['dataJob'] } });
        expect(degrees(byType)).toEqual([[loadJob, 5]]);
        const both = await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6, filters: { platforms: ['postgres'], entityTypes: ['dataset'] } });
        expect(degrees(both)).toEqual(sorted([[view, 1], [warehouse, 6]]));
      });

      it('pages a fan-out in (degree, urn) order with stable totals and per-hop counts', async () => {
        const seen: string[] = [];
        for (let start = 0; start < 30; start += 10) {
          const page = await graph.walk({ urn: fanSource, direction: 'DOWNSTREAM', maxHops: 3, start, count: 10 });
          expect(page).toMatchObject({ start, total: 25, countsPerHop: { 1: 25 } });
          expect(page.count).toBe(Math.min(10, 25 - start));
          seen.push(...page.nodes.map((n) => n.urn));
        }
        expect(seen).toEqual([...fanOut].sort());
        const hive = await graph.walk({ urn: fanSource, direction: 'DOWNSTREAM', filters: { platforms: ['hive'] }, count: 5 });
        expect(hive).toMatchObject({ total: 12, count: 5 });
      });

      it('is cycle-safe: each node of a cycle once, whatever the depth', async () => {
        expect(degrees(await graph.walk({ urn: cycA, direction: 'DOWNSTREAM', maxHops: 50 }))).toEqual([[cycB, 1], [cycC, 2]]);
        expect(degrees(await graph.walk({ urn: cycA, direction: 'UPSTREAM', maxHops: 50 }))).toEqual([[cycC, 1], [cycB, 2]]);
      });

      it('answers an unknown node with nothing, and refuses a bad query with a message', async () => {
        expect(await graph.walk({ urn: datasetUrn('postgres', 'nowhere.t'), direction: 'DOWNSTREAM', maxHops: 3 })).toMatchObject({ total: 0, nodes: [], countsPerHop: {} });
        await expect(graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 0 })).rejects.toThrow(LineageQueryError);
        await expect(graph.walk({ urn: pg, direction: 'SIDEWAYS' as 'UPSTREAM' })).rejects.toThrow(/UPSTREAM or DOWNSTREAM/);
      });

      it('keeps column edges out of entity walks', async () => {
        const result = await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6 });
        expect(result.nodes.every((n) => n.entityType !== 'schemaField')).toBe(true);
      });
    });

    describe('column-level lineage', () => {
      it('follows fine-grained lineage across datasets', async () => {
        const result = await graph.walkColumns({ schemaFieldUrn: field(pg, 'id'), direction: 'DOWNSTREAM', maxHops: 5 });
        expect(degrees(result)).toEqual(sorted([[field(topic, 'id'), 1], [field(view, 'artist_id'), 1], [field(s3, 'id'), 2]]));
        expect(result.nodes.find((n) => n.urn === field(s3, 'id'))).toMatchObject({ entityType: 'schemaField', platform: 's3', path: [field(pg, 'id'), field(topic, 'id'), field(s3, 'id')] });
      });

      it('walks a derived column upstream to every column it was computed from', async () => {
        const result = await graph.walkColumns({ schemaFieldUrn: field(view, 'label'), direction: 'UPSTREAM', maxHops: 3 });
        expect(degrees(result)).toEqual(sorted([[field(pg, 'name'), 1], [field(pg, 'nationality'), 1]]));
      });
    });

    describe('impact analysis', () => {
      it('finds everything downstream of a dataset, however far', async () => {
        const result = await graph.impact(pg);
        expect(result.total).toBe(7);
        expect(result.nodes.map((n) => n.urn)).toContain(warehouse);
        expect(await graph.impact(pg, { filters: { platforms: ['postgres'] } })).toMatchObject({ total: 2 });
      });

      it('finds everything downstream of a column', async () => {
        const result = await graph.impact(field(pg, 'name'));
        expect(degrees(result)).toEqual(sorted([[field(topic, 'name'), 1], [field(view, 'label'), 1]]));
      });
    });

    describe('kept up to date from change logs', () => {
      const src1 = datasetUrn('postgres', 'upd.public.src1');
      const src2 = datasetUrn('postgres', 'upd.public.src2');
      const tgt = datasetUrn('kafka', 'upd.topic');

      it('replaces the edges of an aspect when it is written again', async () => {
        await store.apply([upstreams(tgt, [[src1, 'COPY']])]);
        expect(degrees(await graph.walk({ urn: tgt, direction: 'UPSTREAM' }))).toEqual([[src1, 1]]);
        await store.apply([upstreams(tgt, [[src2, 'TRANSFORMED']])]);
        expect(degrees(await graph.walk({ urn: tgt, direction: 'UPSTREAM' }))).toEqual([[src2, 1]]);
        expect(await graph.walk({ urn: src1, direction: 'DOWNSTREAM' })).toMatchObject({ total: 0 });
      });

      it('applies PATCHes by the value they produce, and drops the edges when the aspect is deleted', async () => {
        await store.apply([{ entityType: 'dataset', entityUrn: tgt, changeType: 'PATCH', aspectName: 'upstreamLineage', aspect: [
          { op: 'add', path: `/upstreams/${encodeURIComponent(src1)}`, value: { dataset: src1, type: 'COPY' } },
        ] }]);
        const after = await graph.walk({ urn: tgt, direction: 'UPSTREAM' });
        expect(after.nodes.map((n) => n.urn).sort()).toEqual([src1, src2].sort());
        await store.apply([{ entityType: 'dataset', entityUrn: tgt, changeType: 'DELETE', aspectName: 'upstreamLineage' }]);
        expect(await graph.walk({ urn: tgt, direction: 'UPSTREAM' })).toMatchObject({ total: 0 });
      });

      it('skips a soft-deleted node (and what lies only beyond it) unless asked, and brings it back when restored', async () => {
        await store.softDelete(hudi);
        expect(degrees(await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6 }))).toEqual(sorted([[topic, 1], [view, 1], [s3, 2]]));
        expect(await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6, includeRemoved: true })).toMatchObject({ total: 7 });
        await store.apply([makeMcp(hudi, 'status', { removed: false })]);
        expect(await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6 })).toMatchObject({ total: 7 });
      });

      it('a hard delete removes the edges its aspects implied; edges other aspects imply stay, as in the store', async () => {
        const a = datasetUrn('postgres', 'gone.a');
        const b = datasetUrn('kafka', 'gone.b');
        const c = datasetUrn('s3', 'gone/c');
        await store.apply([upstreams(b, [[a, 'COPY']], [fieldToField([field(a, 'x')], [field(b, 'x')])]), upstreams(c, [[b, 'COPY']], [fieldToField([field(b, 'x')], [field(c, 'x')])])]);
        expect(await graph.walk({ urn: a, direction: 'DOWNSTREAM', maxHops: 3 })).toMatchObject({ total: 2 });
        await store.hardDelete(b);
        expect(await graph.walk({ urn: a, direction: 'DOWNSTREAM', maxHops: 3 })).toMatchObject({ total: 0 });
        expect(degrees(await graph.walk({ urn: c, direction: 'UPSTREAM', maxHops: 3 }))).toEqual([[b, 1]]);
        expect(degrees(await graph.walkColumns({ schemaFieldUrn: field(c, 'x'), direction: 'UPSTREAM', maxHops: 3 }))).toEqual([[field(b, 'x'), 1]]);
        await store.hardDelete(c);
        expect(await graph.walk({ urn: c, direction: 'UPSTREAM', maxHops: 3 })).toMatchObject({ total: 0 });
      });

      it('replaceEdges and removeNode work directly too (the calls reindex and other feeders use)', async () => {
        const p = datasetUrn('postgres', 'direct.p');
        const q = datasetUrn('kafka', 'direct.q');
        await graph.replaceEdges(q, 'upstreamLineage', [{ upstream: p, downstream: q, relationship: 'DownstreamOf', fine: false, lineageType: 'COPY' }]);
        expect(degrees(await graph.walk({ urn: p, direction: 'DOWNSTREAM' }))).toEqual([[q, 1]]);
        await graph.removeNode(q);
        expect(await graph.walk({ urn: p, direction: 'DOWNSTREAM' })).toMatchObject({ total: 0 });
      });

      it('one batch of writes lands in the graph as one change, the last write of an aspect winning', async () => {
        const x = datasetUrn('hive', 'batch.x');
        const y = datasetUrn('hive', 'batch.y');
        const z = datasetUrn('hive', 'batch.z');
        await store.apply([upstreams(z, [[x, 'COPY']]), upstreams(z, [[y, 'COPY']])]);
        expect(degrees(await graph.walk({ urn: z, direction: 'UPSTREAM' }))).toEqual([[y, 1]]);
      });
    });

    describe('rebuilding from the store', () => {
      it('reindexAll gives back the same graph', async () => {
        const before = await graph.count();
        const walkBefore = await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6 });
        await graph.reset();
        expect(await graph.count()).toBe(0);
        const result = await reindexAll(store, graph, { batchSize: 7 });
        expect(result.edges).toBe(before);
        expect(await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6 })).toEqual(walkBefore);
      });

      it('keeps soft deletes across a rebuild', async () => {
        await store.softDelete(s3);
        await reindexAll(store, graph);
        expect(degrees(await graph.walk({ urn: pg, direction: 'DOWNSTREAM', maxHops: 6 }))).toEqual(sorted([[topic, 1], [view, 1]]));
        await store.apply([makeMcp(s3, 'status', { removed: false })]);
      });
    });
  });
}
