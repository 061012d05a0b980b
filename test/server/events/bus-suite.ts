// The event bus conformance suite: what indexers rely on, run against each EventBus (in-process in
// `npm test`, Kafka in the services project). Delivery may be later and elsewhere (Kafka), so each
// test publishes, then waits with drain(), then checks what the subscribers got.
import { afterEach, describe, expect, it } from 'vitest';
import type { MetadataChangeLog } from '../../../model/mcp.js';
import type { EventBus, SubscriberFailure } from '../../../server/events/bus.js';

export type MakeBus = (options: { onSubscriberError: (failure: SubscriberFailure) => void }) => Promise<EventBus>;

const urn = (n: number) => `urn:li:dataset:(urn:li:dataPlatform:postgres,bus.public.t${n},PROD)`;
const log = (entity: number, version: number, aspectName = 'datasetProperties'): MetadataChangeLog => ({
  entityType: 'dataset', entityUrn: urn(entity), changeType: 'UPSERT', aspectName,
  aspect: { name: `t${entity}`, description: `v${version}` }, created: { time: version, actor: 'urn:li:corpuser:test' }, version,
});
const keyOf = (l: MetadataChangeLog) => `${l.entityUrn}#${l.version}`;

export function runBusSuite(label: string, makeBus: MakeBus): void {
  describe(`event bus conformance: ${label}`, () => {
    let bus: EventBus | undefined;
    const failures: SubscriberFailure[] = [];
    const open = async () => (bus = await makeBus({ onSubscriberError: (f) => failures.push(f) }));
    afterEach(async () => {
      await bus?.close();
      bus = undefined;
      failures.length = 0;
    });

    it('delivers every published log to every subscriber', async () => {
      const b = await open();
      const seen: Record<string, string[]> = { search: [], graph: [] };
      b.subscribe((logs) => void seen.search!.push(...logs.map(keyOf)), { name: 'search' });
      b.subscribe((logs) => void seen.graph!.push(...logs.map(keyOf)), { name: 'graph' });
      await b.publish([log(1, 1), log(2, 1)]);
      await b.publish([log(3, 1), log(1, 2, 'timeseriesLike')]);
      await b.publish([log(4, 1)]);
      await b.drain();
      const expected = [log(1, 1), log(2, 1), log(3, 1), log(1, 2), log(4, 1)].map(keyOf).sort();
      expect(seen.search!.sort()).toEqual(expected);
      expect(seen.graph!.sort()).toEqual(expected);
      expect(failures).toEqual([]);
    });

    it('keeps the logs of each entity in commit order', async () => {
      const b = await open();
      const versions = new Map<string, number[]>();
      b.subscribe((logs) => {
        for (const l of logs) versions.set(l.entityUrn, [...(versions.get(l.entityUrn) ?? []), l.version!]);
      }, { name: 'order' });
      for (let v = 1; v <= 15; v++) await b.publish([log(v % 3, v), log(10 + (v % 2), v)]);
      await b.drain();
      expect(versions.size).toBe(5);
      for (const [entity, seen] of versions) {
        expect(seen, entity).toEqual([...seen].sort((x, y) => x - y));
        expect(new Set(seen).size, entity).toBe(seen.length);
      }
      expect([...versions.values()].flat()).toHaveLength(30);
    });

    it('reports a subscriber that throws, by name, and still delivers to the others and returns to the writer', async () => {
      const b = await open();
      const healthy: string[] = [];
      b.subscribe(() => {
        throw new Error('index unavailable');
      }, { name: 'failing' });
      b.subscribe((logs) => void healthy.push(...logs.map(keyOf)), { name: 'healthy' });
      await expect(b.publish([log(7, 1)])).resolves.toBeUndefined();
      await b.drain();
      expect(healthy).toEqual([keyOf(log(7, 1))]);
      expect(failures.map((f) => [f.subscriber, (f.error as Error).message, f.logs.map(keyOf)])).toEqual([['failing', 'index unavailable', [keyOf(log(7, 1))]]]);
    });

    it('stops delivering to a subscriber once it unsubscribes', async () => {
      const b = await open();
      const gone: string[] = [];
      const staying: string[] = [];
      const unsubscribe = b.subscribe((logs) => void gone.push(...logs.map(keyOf)), { name: 'gone' });
      b.subscribe((logs) => void staying.push(...logs.map(keyOf)), { name: 'staying' });
      await b.publish([log(8, 1)]);
      await b.drain();
      expect(gone).toEqual([keyOf(log(8, 1))]);
      unsubscribe();
      await b.publish([log(8, 2)]);
      await b.drain();
      expect(gone).toEqual([keyOf(log(8, 1))]);
      expect(staying).toEqual([keyOf(log(8, 1)), keyOf(log(8, 2))]);
    });
  });
}
