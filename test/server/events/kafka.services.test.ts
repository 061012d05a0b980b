// The event bus on a real Kafka broker (scripts/services up kafka): the bus conformance suite, what
// only Kafka adds (DataHub's topics and keys, redelivery, catching up later), and the search and
// lineage conformance suites with their indexers fed through Kafka consumer groups.
import { afterAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { makeMcp, toWireMcp, type MetadataChangeLog } from '../../../model/mcp.js';
import { consumeProposals } from '../../../server/events/kafka-proposals.js';
import { MetadataService } from '../../../server/services/metadata-service.js';
import { deleteTopicsWithPrefix, readMessages } from '../../services/kafka-support.js';
import { KafkaEventBus, type KafkaEventBusOptions } from '../../../server/events/kafka-event-bus.js';
import { openEventBus } from '../../../server/events/open.js';
import { PgLineageGraph } from '../../../server/graph/pg/pg-lineage-graph.js';
import { MemorySearchEngine } from '../../../server/search/memory/memory-search-engine.js';
import { openStore } from '../../../server/store/open.js';
import { requireEngine } from '../../services/engines.js';
import { runLineageSuite } from '../graph/lineage-suite.js';
import { runSearchSuite } from '../search/search-suite.js';
import { runBusSuite } from './bus-suite.js';

const run = `t${process.pid}_${Date.now().toString(36)}`;
let counter = 0;
const unique = () => `${run}_${++counter}_`;

afterAll(async () => {
  await deleteTopicsWithPrefix((await requireEngine('kafka')).url, `${run}_`);
});

async function kafkaBus(options: Partial<KafkaEventBusOptions> = {}): Promise<KafkaEventBus> {
  const { url } = await requireEngine('kafka');
  const id = unique();
  return KafkaEventBus.open({ brokers: [url], topicPrefix: id, groupPrefix: `${id}catalog`, partitions: 3, attempts: 2, ...options });
}

runBusSuite('KafkaEventBus', ({ onSubscriberError }) => kafkaBus({ onSubscriberError }));

describe('KafkaEventBus', () => {
  it('writes DataHub\'s change-log topics, keyed by entity URN, the log as JSON; timeseries logs on their own topic', async () => {
    const { url } = await requireEngine('kafka');
    const prefix = unique();
    const bus = await openEventBus(`kafka://${url}?prefix=${prefix}&partitions=2`);
    const store = await openStore('pglite:memory', { bus });
    const urn = 'urn:li:dataset:(urn:li:dataPlatform:postgres,kafka.public.t,PROD)';
    try {
      expect(bus).toBeInstanceOf(KafkaEventBus);
      await store.apply([makeMcp(urn, 'datasetProperties', { name: 't' }), makeMcp(urn, 'datasetProfile', { timestampMillis: 1, rowCount: 3 })]);
      const kafka = new Kafka({ brokers: [url], logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      const topics = await admin.listTopics();
      await admin.disconnect();
      expect(topics).toEqual(expect.arrayContaining([`${prefix}MetadataChangeLog_Versioned_v1`, `${prefix}MetadataChangeLog_Timeseries_v1`]));
      const read = async (topic: string) => {
        const consumer = kafka.consumer({ groupId: `${prefix}reader-${topic}` });
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        const got: Array<{ key: string; value: MetadataChangeLog }> = [];
        await new Promise<void>((resolve) => {
          void consumer.run({ eachMessage: async ({ message }) => {
            got.push({ key: message.key!.toString(), value: JSON.parse(message.value!.toString()) });
            resolve();
          } });
        });
        await consumer.disconnect();
        return got;
      };
      const [versioned] = await read(`${prefix}MetadataChangeLog_Versioned_v1`);
      expect(versioned).toMatchObject({ key: urn, value: { entityUrn: urn, aspectName: 'datasetProperties', changeType: 'UPSERT', aspect: { name: 't' } } });
      const [timeseries] = await read(`${prefix}MetadataChangeLog_Timeseries_v1`);
      expect(timeseries).toMatchObject({ key: urn, value: { aspectName: 'datasetProfile', aspect: { rowCount: 3 } } });
    } finally {
      await store.close();
      await bus.close();
    }
  });

  it('delivers again a batch whose handler failed (at least once), without reporting it', async () => {
    const failures: unknown[] = [];
    const bus = await kafkaBus({ attempts: 3, onSubscriberError: (f) => failures.push(f) });
    try {
      let calls = 0;
      const handled: string[] = [];
      bus.subscribe((logs) => {
        if (++calls === 1) throw new Error('search engine restarting');
        handled.push(...logs.map((l) => l.entityUrn));
      }, { name: 'flaky' });
      await bus.publish([{ ...makeMcp('urn:li:tag:retry', 'tagProperties', { name: 'retry' }), created: { time: 1, actor: 'urn:li:corpuser:test' } }]);
      await bus.drain();
      expect(calls).toBe(2);
      expect(handled).toEqual(['urn:li:tag:retry']);
      expect(failures).toEqual([]);
    } finally {
      await bus.close();
    }
  });

  it('a subscriber that starts later (an indexer process started after the writes) catches up from the topic', async () => {
    const { url } = await requireEngine('kafka');
    const id = unique();
    const options = { brokers: [url], topicPrefix: id, groupPrefix: `${id}catalog`, partitions: 2 };
    const writer = await KafkaEventBus.open(options);
    const tags = Array.from({ length: 12 }, (_, i) => `urn:li:tag:late${i}`);
    await writer.publish(tags.map((t) => ({ ...makeMcp(t, 'tagProperties', { name: t }), created: { time: 1, actor: 'urn:li:corpuser:test' } })));
    await writer.close();
    const indexer = await KafkaEventBus.open(options);
    try {
      const seen: string[] = [];
      indexer.subscribe((logs) => void seen.push(...logs.map((l) => l.entityUrn)), { name: 'late' });
      await indexer.drain();
      expect(seen.sort()).toEqual([...tags].sort());
      await expect(indexer.waitForGroups([indexer.groupId('late')], 1000)).resolves.toBeUndefined();
    } finally {
      await indexer.close();
    }
  });

  it('applies proposals from MetadataChangeProposal_v1 to the store, and sends refused ones to FailedMetadataChangeProposal_v1 with the reason', async () => {
    const { url } = await requireEngine('kafka');
    const id = unique();
    const store = await openStore('pglite:memory');
    const consumer = await consumeProposals({ brokers: [url], topicPrefix: id, groupPrefix: `${id}catalog`, partitions: 2 }, new MetadataService(store));
    const kafka = new Kafka({ brokers: [url], logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const good = 'urn:li:glossaryTerm:Finance.Revenue';
    try {
      await producer.send({ topic: consumer.topics.proposals, messages: [
        { key: good, value: JSON.stringify(toWireMcp(makeMcp(good, 'glossaryTermInfo', { name: 'Revenue', definition: 'Income', termSource: 'INTERNAL' }))) },
        { key: 'urn:li:glossaryTerm:bad', value: JSON.stringify(toWireMcp(makeMcp('urn:li:glossaryTerm:bad', 'glossaryTermInfo', { name: 1 }))) },
        { key: 'x', value: '{not json' },
      ] });
      const failed = await readMessages(kafka, consumer.topics.failed, 2);
      const reasons = failed.map((m) => JSON.parse(m.value!.toString()) as { error: string; proposal: string });
      expect(reasons.map((r) => r.error)).toEqual([expect.stringContaining('glossaryTermInfo'), expect.stringMatching(/^not JSON/)]);
      expect(reasons[1]!.proposal).toBe('{not json');
      for (let i = 0; i < 100 && !(await store.getAspect(good, 'glossaryTermInfo')); i++) await new Promise((r) => setTimeout(r, 100));
      expect((await store.getAspect(good, 'glossaryTermInfo'))?.value).toMatchObject({ name: 'Revenue', definition: 'Income' });
      expect(await store.getAspect('urn:li:glossaryTerm:bad', 'glossaryTermInfo')).toBeNull();
    } finally {
      await producer.disconnect();
      await consumer.close();
      await store.close();
    }
  });

  it('says how to start Kafka when no broker answers', async () => {
    await expect(KafkaEventBus.open({ brokers: ['127.0.0.1:9'] })).rejects.toThrow(/Kafka at 127\.0\.0\.1:9 does not answer.*scripts\/services up kafka/);
  });
});

runSearchSuite('MemorySearchEngine on PGlite, indexed through Kafka', async (bus) => {
  const store = await openStore('pglite:memory', { bus });
  return { store, engine: await MemorySearchEngine.open(store.driver) };
}, { makeBus: () => kafkaBus() });

runLineageSuite('PGlite, indexed through Kafka', async (bus) => {
  const store = await openStore('pglite:memory', { bus });
  return { store, graph: await PgLineageGraph.open(store.driver) };
}, { makeBus: () => kafkaBus() });
