// Topic names of a cluster, for plugins that only need to know which topics exist (the
// schema-registry source, to leave subjects a topic claims to the kafka source).
import kafkajs, { type KafkaConfig } from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

export async function listTopicNames(config: KafkaConfig): Promise<string[]> {
  const admin = new Kafka({ ...config, logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}
