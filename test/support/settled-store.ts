// A store whose writes return only once the event bus has delivered them (bus.drain()), so a
// conformance suite reads derived indexes right after a write, whether the bus is in-process or
// Kafka (where indexers catch up a little later, possibly in another process).
import type { EventBus } from '../../server/events/bus.js';
import type { MetadataStore } from '../../server/store/store.js';

const WRITES = new Set<PropertyKey>(['apply', 'softDelete', 'hardDelete']);

export function settledStore(store: MetadataStore, bus: EventBus): MetadataStore {
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!WRITES.has(prop)) return value.bind(target);
      return async (...args: unknown[]) => {
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        await bus.drain();
        return result;
      };
    },
  });
}
