// Smoke test for the real Kafka broker of scripts/services (kafka): KRaft single node on
// 127.0.0.1:59092, spoken to with kafkajs (the client the catalog's Kafka source uses).
import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from './engines.js';
import { kafkaClient, readMessages, runId } from './kafka-support.js';

let kafka: Kafka;
let admin: Admin;
// Seed-style name (seeds-streaming.md §2.2: <dataset>.<entity>[.<qualifier>].<format>), made unique.
const topic = `pagila.sales.smoke_${runId()}.json`;

beforeAll(async () => {
  const engine = await requireEngine('kafka');
  kafka = kafkaClient(engine.url, 'catalog-kafka-smoke');
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  if (!admin) return;
  const topics = await admin.listTopics();
  if (topics.includes(topic)) await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
});

describe('kafka (scripts/services up kafka)', () => {
  it('is a single KRaft node that advertises 127.0.0.1:59092', async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toEqual([expect.objectContaining({ nodeId: 1, host: '127.0.0.1', port: 59092 })]);
    expect(cluster.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('creates a topic, then produces and consumes a message on it', async () => {
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true })).toBe(true);
    expect(await admin.listTopics()).toContain(topic);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(1);

    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const value = { customer_id: 42, amount: 9.99, sale_ts: '2026-11-22T04:00:00Z' };
    try {
      const [sent] = await producer.send({
        topic,
        acks: -1,
        messages: [{ key: '42', value: JSON.stringify(value), headers: { source: 'smoke' } }],
      });
      expect(sent).toMatchObject({ topicName: topic, partition: 0, errorCode: 0 });
    } finally {
      await producer.disconnect();
    }

    const [message] = await readMessages(kafka, topic, 1);
    expect(message?.key?.toString()).toBe('42');
    expect(JSON.parse(message?.value?.toString() ?? 'null')).toEqual(value);
    expect(message?.headers?.source?.toString()).toBe('smoke');
    expect(message?.offset).toBe('0');
    expect((await admin.fetchTopicOffsets(topic))[0]).toMatchObject({ partition: 0, low: '0', high: '1' });
  });

  it('does not auto-create topics (auto.create.topics.enable=false)', async () => {
    const missing = `smoke.missing_${runId()}`;
    await expect(admin.fetchTopicMetadata({ topics: [missing] })).rejects.toThrow(/does not host this topic/);
    expect(await admin.listTopics()).not.toContain(missing);
  });
});
