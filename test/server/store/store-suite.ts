// The metadata store conformance suite: every behaviour of the MetadataStore contract, run
// against each implementation (PGlite here in `npm test`, the PostgreSQL server in the server
// project). One store per suite run; each test works on its own URNs.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMcp, type MetadataChangeLog, type MetadataChangeProposal, type PatchOperation } from '../../../model/mcp.js';
import { InProcessEventBus, type EventBus } from '../../../server/events/bus.js';
import { InvalidProposalError, StoreConflictError } from '../../../server/store/errors.js';
import type { MetadataStore } from '../../../server/store/store.js';

export type MakeStore = (bus: EventBus) => Promise<MetadataStore>;

let counter = 0;
/** A dataset URN no other test uses. */
const freshUrn = (name = 'table'): string => `urn:li:dataset:(urn:li:dataPlatform:suite,db.${name}_${process.pid}_${++counter},PROD)`;
const patch = (urn: string, aspectName: string, ops: PatchOperation[]): MetadataChangeProposal => ({
  entityType: 'dataset', entityUrn: urn, changeType: 'PATCH', aspectName, aspect: ops,
});

export function runStoreSuite(label: string, makeStore: MakeStore): void {
  describe(`metadata store conformance: ${label}`, () => {
    let store: MetadataStore;
    const bus = new InProcessEventBus({ onSubscriberError: () => {} });
    const published: MetadataChangeLog[] = [];
    bus.subscribe((logs) => void published.push(...logs), { name: 'recorder' });
    const logsFor = (urn: string): MetadataChangeLog[] => published.filter((l) => l.entityUrn === urn);

    beforeAll(async () => {
      store = await makeStore(bus);
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('versioned aspects', () => {
      it('stores a new aspect as version 0, numbered "1" in its systemMetadata, and emits one change log', async () => {
        const urn = freshUrn();
        const result = await store.apply([makeMcp(urn, 'datasetProperties', { name: 'orders' })]);
        expect(result.results).toEqual([{ urn, aspectName: 'datasetProperties', outcome: 'created', version: 1 }]);
        const stored = await store.getAspect(urn, 'datasetProperties');
        expect(stored).toMatchObject({ urn, aspectName: 'datasetProperties', version: 0, value: { name: 'orders' }, createdBy: 'urn:li:corpuser:datahub' });
        expect(stored!.systemMetadata).toMatchObject({ version: '1' });
        expect(logsFor(urn)).toHaveLength(1);
        expect(logsFor(urn)[0]).toMatchObject({ changeType: 'UPSERT', aspect: { name: 'orders' }, previousAspectValue: null, version: 1 });
      });

      it('keeps the previous value as history version 1 when the value changes', async () => {
        const urn = freshUrn();
        await store.apply([makeMcp(urn, 'datasetProperties', { name: 'v1' })]);
        const result = await store.apply([makeMcp(urn, 'datasetProperties', { name: 'v2' })], { actor: 'urn:li:corpuser:jdoe' });
        expect(result.results[0]).toMatchObject({ outcome: 'updated', version: 2 });
        const versions = await store.getAspectVersions(urn, 'datasetProperties');
        expect(versions.map((v) => [v.version, v.value.name])).toEqual([[0, 'v2'], [1, 'v1']]);
        expect(versions[0]!.createdBy).toBe('urn:li:corpuser:jdoe');
        expect(await store.getAspect(urn, 'datasetProperties', 1)).toMatchObject({ value: { name: 'v1' } });
        expect(logsFor(urn).at(-1)).toMatchObject({ previousAspectValue: { name: 'v1' }, aspect: { name: 'v2' }, created: { actor: 'urn:li:corpuser:jdoe' } });
      });

      it('creates no version and no change log for an identical value, whatever its key order, but refreshes lastObserved and runId', async () => {
        const urn = freshUrn();
        await store.apply([{ ...makeMcp(urn, 'datasetProperties', { name: 'x', customProperties: { a: '1', b: '2' } }), systemMetadata: { runId: 'run-1', lastObserved: 1000 } }]);
        const before = logsFor(urn).length;
        const result = await store.apply([
          { ...makeMcp(urn, 'datasetProperties', { customProperties: { b: '2', a: '1' }, name: 'x' }), systemMetadata: { runId: 'run-2', lastObserved: 2000 } },
        ]);
        expect(result.results[0]).toMatchObject({ outcome: 'unchanged', version: 1 });
        expect(result.logs).toEqual([]);
        expect(logsFor(urn)).toHaveLength(before);
        const versions = await store.getAspectVersions(urn, 'datasetProperties');
        expect(versions).toHaveLength(1);
        expect(versions[0]!.systemMetadata).toMatchObject({ runId: 'run-2', lastObserved: 2000, version: '1' });
      });

      it('gives the same aspect written twice in one batch consecutive versions, in order', async () => {
        const urn = freshUrn();
        const result = await store.apply([
          makeMcp(urn, 'datasetProperties', { name: 'a' }),
          makeMcp(urn, 'datasetProperties', { name: 'b' }),
          makeMcp(urn, 'datasetProperties', { name: 'c' }),
        ]);
        expect(result.results.map((r) => [r.outcome, r.version])).toEqual([['created', 1], ['updated', 2], ['updated', 3]]);
        const versions = await store.getAspectVersions(urn, 'datasetProperties');
        expect(versions.map((v) => [v.version, v.value.name, v.systemMetadata?.version])).toEqual([[0, 'c', '3'], [1, 'a', '1'], [2, 'b', '2']]);
      });

      it('keeps history versions contiguous from 1 across many batches', async () => {
        const urn = freshUrn();
        for (let i = 0; i < 6; i++) await store.apply([makeMcp(urn, 'datasetProperties', { name: `n${i}` }), makeMcp(urn, 'datasetProperties', { name: `m${i}` })]);
        const versions = await store.getAspectVersions(urn, 'datasetProperties');
        expect(versions.map((v) => v.version)).toEqual([0, ...Array.from({ length: 11 }, (_, i) => i + 1)]);
        expect(versions.slice(1).map((v) => v.value.name)).toEqual(['n0', 'm0', 'n1', 'm1', 'n2', 'm2', 'n3', 'm3', 'n4', 'm4', 'n5']);
      });

      it('stores aspects it does not know as opaque JSON', async () => {
        const urn = freshUrn();
        const value = { anything: [1, { nested: true }], 'odd key': null };
        await store.apply([makeMcp(urn, 'someFutureAspect', value)]);
        expect((await store.getAspect(urn, 'someFutureAspect'))?.value).toEqual(value);
      });

      it('returns null for an aspect or a version that does not exist', async () => {
        const urn = freshUrn();
        await store.apply([makeMcp(urn, 'status', { removed: false })]);
        expect(await store.getAspect(urn, 'ownership')).toBeNull();
        expect(await store.getAspect(urn, 'status', 7)).toBeNull();
      });
    });

    describe('batches are all or nothing', () => {
      it('rejects the whole batch when one aspect is invalid, naming its urn and aspect', async () => {
        const good = freshUrn();
        const bad = freshUrn();
        const attempt = store.apply([
          makeMcp(good, 'datasetProperties', { name: 'ok' }),
          { entityType: 'dataset', entityUrn: bad, changeType: 'UPSERT', aspectName: 'globalTags', aspect: 'not an object' as never },
        ]);
        await expect(attempt).rejects.toBeInstanceOf(InvalidProposalError);
        await expect(attempt).rejects.toThrow(bad);
        await expect(attempt).rejects.toThrow('globalTags');
        expect(await store.getAspect(good, 'datasetProperties')).toBeNull();
      });

      it('rolls back and publishes nothing when the database rejects a row mid-batch', async () => {
        const first = freshUrn();
        // A key the primary-key B-tree cannot hold (index rows max out near 2.7 KB, and random
        // hex does not compress below that): valid for the planner, refused by the database.
        const second = `urn:li:dataset:(urn:li:dataPlatform:pg,${randomBytes(8_000).toString('hex')},PROD)`;
        const attempt = store.apply([
          makeMcp(first, 'datasetProperties', { name: 'ok' }),
          makeMcp(second, 'datasetProperties', { name: 'unindexable key' }),
        ]);
        await expect(attempt).rejects.toThrow();
        expect(await store.getAspect(first, 'datasetProperties')).toBeNull();
        expect(logsFor(first)).toEqual([]);
      });

      it('stores any JSON string, NUL escapes, tabs, newlines and backslashes included (values are JSON text)', async () => {
        const urn = freshUrn();
        const name = 'nul \u0000 tab \t newline \n return \r backslash \\ quote " end';
        // A new latest row and a history row superseded inside the batch, then a guarded update.
        await store.apply([makeMcp(urn, 'datasetProperties', { name, description: 'first' }), makeMcp(urn, 'datasetProperties', { name, description: 'second' })]);
        await store.apply([makeMcp(urn, 'datasetProperties', { name, description: 'third' })]);
        const versions = await store.getAspectVersions(urn, 'datasetProperties');
        expect(versions.map((v) => [v.version, v.value.name, v.value.description])).toEqual([
          [0, name, 'third'],
          [1, name, 'first'],
          [2, name, 'second'],
        ]);
      });

      it('rejects a proposal without an aspect name', async () => {
        const urn = freshUrn();
        await expect(store.apply([{ entityType: 'dataset', entityUrn: urn, changeType: 'UPSERT', aspect: {} }])).rejects.toBeInstanceOf(InvalidProposalError);
      });
    });

    describe('conditional writes (If-Version-Match)', () => {
      it('writes when the expected version is the current one, "-1" meaning "absent"', async () => {
        const urn = freshUrn();
        await store.apply([{ ...makeMcp(urn, 'datasetProperties', { name: 'a' }), headers: { 'If-Version-Match': '-1' } }]);
        await store.apply([{ ...makeMcp(urn, 'datasetProperties', { name: 'b' }), headers: { 'If-Version-Match': '1' } }]);
        expect((await store.getAspect(urn, 'datasetProperties'))?.value).toEqual({ name: 'b' });
      });

      it('throws StoreConflictError and writes nothing of the batch when the version does not match', async () => {
        const urn = freshUrn();
        const other = freshUrn();
        await store.apply([makeMcp(urn, 'datasetProperties', { name: 'a' }), makeMcp(urn, 'datasetProperties', { name: 'b' })]);
        const attempt = store.apply([
          makeMcp(other, 'datasetProperties', { name: 'x' }),
          { ...makeMcp(urn, 'datasetProperties', { name: 'c' }), headers: { 'If-Version-Match': '1' } },
        ]);
        await expect(attempt).rejects.toBeInstanceOf(StoreConflictError);
        await expect(attempt).rejects.toThrow('expected version 1, actual version 2');
        expect((await store.getAspect(urn, 'datasetProperties'))?.value).toEqual({ name: 'b' });
        expect(await store.getAspect(other, 'datasetProperties')).toBeNull();
      });
    });

    describe('timeseries aspects', () => {
      it('appends points keyed by timestampMillis and never versions them', async () => {
        const urn = freshUrn();
        const result = await store.apply([
          makeMcp(urn, 'datasetProfile', { timestampMillis: 1000, rowCount: 10 }),
          makeMcp(urn, 'datasetProfile', { timestampMillis: 2000, rowCount: 20 }),
        ]);
        expect(result.results.map((r) => [r.outcome, r.version])).toEqual([['appended', null], ['appended', null]]);
        expect(result.logs).toHaveLength(2);
        const points = await store.getTimeseries(urn, 'datasetProfile');
        expect(points.map((p) => [p.timestampMillis, p.value.rowCount])).toEqual([[2000, 20], [1000, 10]]);
        expect(await store.getAspectVersions(urn, 'datasetProfile')).toEqual([]);
        expect((await store.getAspect(urn, 'datasetProfile'))?.value).toMatchObject({ rowCount: 20 });
      });

      it('replaces a point written again with the same timestamp, partition and messageId', async () => {
        const urn = freshUrn();
        await store.apply([makeMcp(urn, 'datasetProfile', { timestampMillis: 5, rowCount: 1 })]);
        await store.apply([makeMcp(urn, 'datasetProfile', { timestampMillis: 5, rowCount: 2 }), makeMcp(urn, 'datasetProfile', { timestampMillis: 5, rowCount: 3 })]);
        const points = await store.getTimeseries(urn, 'datasetProfile');
        expect(points.map((p) => p.value.rowCount)).toEqual([3]);
      });

      it('keeps points of different partitions or messageIds at the same timestamp apart', async () => {
        const urn = freshUrn();
        await store.apply([
          makeMcp(urn, 'operation', { timestampMillis: 7, operationType: 'INSERT', lastUpdatedTimestamp: 7, partitionSpec: { partition: 'p1', type: 'PARTITION' } }),
          makeMcp(urn, 'operation', { timestampMillis: 7, operationType: 'INSERT', lastUpdatedTimestamp: 7, partitionSpec: { partition: 'p2', type: 'PARTITION' } }),
          makeMcp(urn, 'operation', { timestampMillis: 7, operationType: 'UPDATE', lastUpdatedTimestamp: 7, messageId: 'm1' }),
        ]);
        expect(await store.getTimeseries(urn, 'operation')).toHaveLength(3);
      });

      it('answers a time range newest first, up to a limit', async () => {
        const urn = freshUrn();
        await store.apply([10, 20, 30, 40, 50].map((t) => makeMcp(urn, 'datasetProfile', { timestampMillis: t, rowCount: t })));
        const points = await store.getTimeseries(urn, 'datasetProfile', { startTimeMillis: 20, endTimeMillis: 40 });
        expect(points.map((p) => p.timestampMillis)).toEqual([40, 30, 20]);
        expect((await store.getTimeseries(urn, 'datasetProfile', { limit: 2 })).map((p) => p.timestampMillis)).toEqual([50, 40]);
      });

      it('rejects a timeseries aspect without a numeric timestampMillis', async () => {
        await expect(store.apply([makeMcp(freshUrn(), 'datasetProfile', { rowCount: 1 })])).rejects.toBeInstanceOf(InvalidProposalError);
      });
    });

    describe('PATCH', () => {
      it('adds and removes tags by urn without touching the others', async () => {
        const urn = freshUrn();
        await store.apply([makeMcp(urn, 'globalTags', { tags: [{ tag: 'urn:li:tag:a' }, { tag: 'urn:li:tag:b' }] })]);
        const result = await store.apply([
          patch(urn, 'globalTags', [
            { op: 'add', path: '/tags/urn:li:tag:c', value: { tag: 'urn:li:tag:c' } },
            { op: 'remove', path: '/tags/urn:li:tag:a' },
          ]),
        ]);
        expect(result.results[0]).toMatchObject({ outcome: 'updated', version: 2 });
        expect(result.logs[0]).toMatchObject({ changeType: 'UPSERT', aspect: { tags: [{ tag: 'urn:li:tag:b' }, { tag: 'urn:li:tag:c' }] } });
        expect((await store.getAspect(urn, 'globalTags'))?.value).toEqual({ tags: [{ tag: 'urn:li:tag:b' }, { tag: 'urn:li:tag:c' }] });
      });

      it('patches an aspect that does not exist yet from its default', async () => {
        const urn = freshUrn();
        await store.apply([patch(urn, 'status', [{ op: 'add', path: '/removed', value: false }])]);
        await store.apply([patch(urn, 'ownership', [{ op: 'add', path: '/owners/urn:li:corpuser:jdoe/TECHNICAL_OWNER', value: { owner: 'urn:li:corpuser:jdoe', type: 'TECHNICAL_OWNER' } }])]);
        expect((await store.getAspect(urn, 'status'))?.value).toEqual({ removed: false });
        expect((await store.getAspect(urn, 'ownership'))?.value).toMatchObject({ owners: [{ owner: 'urn:li:corpuser:jdoe', type: 'TECHNICAL_OWNER' }] });
      });

      it('applies patches in batch order on top of earlier writes of the same batch', async () => {
        const urn = freshUrn();
        await store.apply([
          makeMcp(urn, 'datasetProperties', { name: 't', customProperties: {} }),
          patch(urn, 'datasetProperties', [{ op: 'add', path: '/customProperties/a~1b', value: '1' }]),
          patch(urn, 'datasetProperties', [{ op: 'add', path: '/customProperties/c~0d', value: '2' }]),
        ]);
        const versions = await store.getAspectVersions(urn, 'datasetProperties');
        expect(versions[0]!.value).toEqual({ name: 't', customProperties: { 'a/b': '1', 'c~d': '2' } });
        expect(versions.map((v) => v.version)).toEqual([0, 1, 2]);
      });

      it('writes no version when a patch changes nothing', async () => {
        const urn = freshUrn();
        await store.apply([makeMcp(urn, 'globalTags', { tags: [{ tag: 'urn:li:tag:a' }] })]);
        const result = await store.apply([patch(urn, 'globalTags', [{ op: 'add', path: '/tags/urn:li:tag:a', value: { tag: 'urn:li:tag:a' } }])]);
        expect(result.results[0]!.outcome).toBe('unchanged');
        expect(await store.getAspectVersions(urn, 'globalTags')).toHaveLength(1);
      });

      it('rejects the batch when a patch fails, naming the urn and aspect', async () => {
        const urn = freshUrn();
        const attempt = store.apply([patch(urn, 'status', [{ op: 'test', path: '/removed', value: true }])]);
        await expect(attempt).rejects.toBeInstanceOf(InvalidProposalError);
        await expect(attempt).rejects.toThrow(`${urn} aspect status`);
      });
    });

    describe('deletes', () => {
      it('DELETE removes every version of one aspect and announces the previous value', async () => {
        const urn = freshUrn();
        await store.apply([makeMcp(urn, 'datasetProperties', { name: 'a' }), makeMcp(urn, 'datasetProperties', { name: 'b' }), makeMcp(urn, 'status', { removed: false })]);
        const result = await store.apply([{ entityType: 'dataset', entityUrn: urn, changeType: 'DELETE', aspectName: 'datasetProperties' }]);
        expect(result.results[0]).toMatchObject({ outcome: 'deleted' });
        expect(result.logs[0]).toMatchObject({ changeType: 'DELETE', aspectName: 'datasetProperties', previousAspectValue: { name: 'b' } });
        expect(await store.getAspectVersions(urn, 'datasetProperties')).toEqual([]);
        expect(await store.getEntity(urn)).toEqual({ status: { removed: false } });
      });

      it('starts again at version 1 when a deleted aspect is written again, even in the same batch', async () => {
        const urn = freshUrn();
        await store.apply([makeMcp(urn, 'datasetProperties', { name: 'a' }), makeMcp(urn, 'datasetProperties', { name: 'b' })]);
        await store.apply([
          { entityType: 'dataset', entityUrn: urn, changeType: 'DELETE', aspectName: 'datasetProperties' },
          makeMcp(urn, 'datasetProperties', { name: 'c' }),
          makeMcp(urn, 'datasetProperties', { name: 'd' }),
        ]);
        const versions = await store.getAspectVersions(urn, 'datasetProperties');
        expect(versions.map((v) => [v.version, v.value.name])).toEqual([[0, 'd'], [1, 'c']]);
      });

      it('soft delete sets status.removed and keeps everything else', async () => {
        const urn = freshUrn();
        await store.apply([makeMcp(urn, 'datasetProperties', { name: 'a' })]);
        await store.softDelete(urn);
        expect(await store.getEntity(urn)).toEqual({ datasetProperties: { name: 'a' }, status: { removed: true } });
      });

      it('hard delete removes every aspect, version and timeseries point and announces each aspect', async () => {
        const urn = freshUrn();
        const keep = freshUrn();
        await store.apply([
          makeMcp(urn, 'datasetProperties', { name: 'a' }),
          makeMcp(urn, 'datasetProperties', { name: 'b' }),
          makeMcp(urn, 'globalTags', { tags: [] }),
          makeMcp(urn, 'datasetProfile', { timestampMillis: 1, rowCount: 1 }),
          makeMcp(keep, 'status', { removed: false }),
        ]);
        const removed = await store.hardDelete(urn);
        expect(removed).toBe(4);
        expect(await store.getEntity(urn)).toBeNull();
        expect(await store.getAspectVersions(urn, 'datasetProperties')).toEqual([]);
        expect(await store.getTimeseries(urn, 'datasetProfile')).toEqual([]);
        expect(await store.getEntity(keep)).not.toBeNull();
        const deletes = logsFor(urn).filter((l) => l.changeType === 'DELETE');
        expect(deletes.map((l) => l.aspectName).sort()).toEqual(['datasetProfile', 'datasetProperties', 'globalTags']);
        expect(deletes.find((l) => l.aspectName === 'datasetProperties')?.previousAspectValue).toEqual({ name: 'b' });
      });
    });

    describe('reading entities', () => {
      it('returns the latest value of every aspect of an entity, or null for an unknown one', async () => {
        const urn = freshUrn();
        await store.apply([makeMcp(urn, 'status', { removed: false }), makeMcp(urn, 'datasetProperties', { name: 'a' }), makeMcp(urn, 'datasetProperties', { name: 'b' })]);
        expect(await store.getEntity(urn)).toEqual({ status: { removed: false }, datasetProperties: { name: 'b' } });
        expect(await store.getEntity(freshUrn())).toBeNull();
      });

      it('lists urns by entity type, sorted, with paging', async () => {
        const type = `suiteThing${process.pid}x${++counter}`;
        const urns = ['c', 'a', 'b'].map((n) => `urn:li:${type}:${n}`);
        await store.apply(urns.map((u) => ({ entityType: type, entityUrn: u, changeType: 'UPSERT' as const, aspectName: 'status', aspect: { removed: false } })));
        expect(await store.listUrns({ entityType: type })).toEqual([`urn:li:${type}:a`, `urn:li:${type}:b`, `urn:li:${type}:c`]);
        expect(await store.listUrns({ entityType: type, start: 1, count: 1 })).toEqual([`urn:li:${type}:b`]);
        await store.hardDelete(`urn:li:${type}:b`);
        expect(await store.listUrns({ entityType: type })).toEqual([`urn:li:${type}:a`, `urn:li:${type}:c`]);
      });
    });

    describe('change events', () => {
      it('publishes after the commit: a subscriber reading the store sees the new value', async () => {
        const urn = freshUrn();
        const seen: unknown[] = [];
        const unsubscribe = bus.subscribe(async (logs) => {
          for (const log of logs) if (log.entityUrn === urn) seen.push((await store.getAspect(urn, 'datasetProperties'))?.value);
        });
        await store.apply([makeMcp(urn, 'datasetProperties', { name: 'visible' })]);
        unsubscribe();
        expect(seen).toEqual([{ name: 'visible' }]);
      });

      it('keeps writing when a subscriber throws', async () => {
        const urn = freshUrn();
        const unsubscribe = bus.subscribe(() => {
          throw new Error('indexer down');
        });
        await expect(store.apply([makeMcp(urn, 'datasetProperties', { name: 'a' })])).resolves.toMatchObject({ results: [{ outcome: 'created' }] });
        unsubscribe();
        expect(logsFor(urn)).toHaveLength(1);
      });
    });
  });
}
