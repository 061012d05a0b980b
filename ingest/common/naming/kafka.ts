// The kafka naming rule (docs/NAMING.md): a topic's dataset is named by the topic name, prefixed
// by the platform instance. The kafka source names topics with it, and sources that draw lineage
// to topics (kafka-connect) do too.
import { dataPlatformInstanceUrn, datasetUrn } from '../../../model/urn.js';

export const KAFKA_PLATFORM = 'kafka';

export function kafkaTopicUrn(topic: string, env: string, platformInstance: string | null = null): string {
  return datasetUrn(KAFKA_PLATFORM, topic, env, platformInstance);
}

export function kafkaPlatformInstanceUrn(platformInstance: string | null): string | null {
  return platformInstance ? dataPlatformInstanceUrn(KAFKA_PLATFORM, platformInstance) : null;
}
