// kafkajs helpers shared by the kafka and debezium smoke tests (scripts/services engines).
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

export function kafkaClient(brokers: string, clientId: string): Kafka {
  // NOTHING keeps kafkajs' retry chatter out of the test output; failures still throw.
  return new Kafka({ clientId, brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
}

/** Names that never collide with an earlier run's (the broker's data outlives a test run). */
export function runId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Reads `count` messages of `topic` from its beginning with a throwaway consumer group; rejects
 * after `timeoutMs` saying how many arrived.
 */
export async function readMessages(kafka: Kafka, topic: string, count: number, timeoutMs = 60_000): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `smoke-${runId()}`, allowAutoTopicCreation: false });
  const messages: KafkaMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${messages.length} of ${count} message(s) from ${topic} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ message }) => {
            messages.push(message);
            if (messages.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch((err: unknown) => {
          clearTimeout(timer);
          reject(err instanceof Error ? err : new Error(String(err)));
        });
    });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** Deletes the topics whose names start with `prefix` (a test's own), so runs leave the shared broker as they found it. */
export async function deleteTopicsWithPrefix(brokers: string, prefix: string): Promise<void> {
  const admin = kafkaClient(brokers, 'catalog-test-cleanup').admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 60_000 });
  } finally {
    await admin.disconnect();
  }
}
