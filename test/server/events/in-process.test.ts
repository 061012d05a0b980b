// The event bus conformance suite on the in-process bus (the embedded default), and what only it
// promises: delivery before `publish` resolves, so a writer that awaited its write sees derived
// indexes up to date without drain(); and it is what `embedded` (or no events URL) opens.
import { describe, expect, it } from 'vitest';
import type { MetadataChangeLog } from '../../../model/mcp.js';
import { InProcessEventBus } from '../../../server/events/bus.js';
import { openEventBus } from '../../../server/events/open.js';
import { runBusSuite } from './bus-suite.js';

runBusSuite('InProcessEventBus', async ({ onSubscriberError }) => new InProcessEventBus({ onSubscriberError }));

const log: MetadataChangeLog = {
  entityType: 'dataset', entityUrn: 'urn:li:dataset:(urn:li:dataPlatform:postgres,bus.public.t,PROD)', changeType: 'UPSERT',
  aspectName: 'status', aspect: { removed: false }, created: { time: 1, actor: 'urn:li:corpuser:test' }, version: 0,
};

describe('InProcessEventBus', () => {
  it('has every subscriber done, async ones included, when publish resolves', async () => {
    const bus = new InProcessEventBus();
    const handled: string[] = [];
    bus.subscribe(async (logs) => {
      await new Promise((r) => setTimeout(r, 20));
      handled.push(...logs.map((l) => l.entityUrn));
    });
    await bus.publish([log]);
    expect(handled).toEqual([log.entityUrn]);
    await bus.close();
  });

  it('is what an `embedded` or absent events URL opens', async () => {
    for (const url of [undefined, 'embedded']) {
      const bus = await openEventBus(url);
      expect(bus).toBeInstanceOf(InProcessEventBus);
      await bus.close();
    }
  });
});
