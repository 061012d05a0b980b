// Writes through Kafka, as DataHub's MCE consumer does: MetadataChangeProposals read from
// `MetadataChangeProposal_v1` (JSON in DataHub's wire shape: the aspect as `{value, contentType}`,
// as the REST API takes it) are applied to the store one message at a time, through the same
// MetadataService as REST (validation, protected entity types). A proposal the catalog refuses
// (not JSON, invalid aspect, protected type) goes to `FailedMetadataChangeProposal_v1` with the
// reason, and the consumer goes on; any other failure (store unreachable) is retried from the
// last committed offset, so nothing is lost (at least once; an identical write is a no-op).
import { Kafka, Partitioners, logLevel, type Consumer, type Producer } from 'kafkajs';
import { ApiError } from '../services/errors.js';
import type { MetadataService } from '../services/metadata-service.js';
import { EventBusError, ensureTopics } from './kafka-event-bus.js';

export const MCP_TOPIC = 'MetadataChangeProposal_v1';
export const FAILED_MCP_TOPIC = 'FailedMetadataChangeProposal_v1';

export interface ProposalConsumerOptions {
  brokers: string[];
  topicPrefix?: string;
  /** The consumer group is `<groupPrefix>-mcp-consumer` (default `catalog`). */
  groupPrefix?: string;
  partitions?: number;
  replicationFactor?: number;
  fromBeginning?: boolean;
  /** Who the writes are attributed to (default DataHub's system user). */
  actor?: string;
  log?: (line: string) => void;
}

export interface ProposalConsumer {
  groupId: string;
  topics: { proposals: string; failed: string };
  close(): Promise<void>;
}

export async function consumeProposals(options: ProposalConsumerOptions, metadata: Pick<MetadataService, 'decode' | 'ingest'>): Promise<ProposalConsumer> {
  const prefix = options.topicPrefix ?? '';
  const topics = { proposals: `${prefix}${MCP_TOPIC}`, failed: `${prefix}${FAILED_MCP_TOPIC}` };
  const groupId = `${options.groupPrefix ?? 'catalog'}-mcp-consumer`;
  const kafka = new Kafka({ clientId: 'catalog-mcp-consumer', brokers: options.brokers, logLevel: logLevel.NOTHING, connectionTimeout: 5000 });
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new EventBusError(`Kafka at ${options.brokers.join(',')} does not answer (${(error as Error).message}); start it (scripts/services up kafka) or fix the events URL`);
  }
  try {
    await ensureTopics(admin, Object.values(topics), options);
  } finally {
    await admin.disconnect();
  }
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const consumer: Consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic: topics.proposals, fromBeginning: options.fromBeginning ?? true });
  const actor = options.actor ?? 'urn:li:corpuser:__datahub_system';
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      const raw = message.value?.toString('utf8') ?? '';
      let reason: string | null = null;
      try {
        await metadata.ingest(metadata.decode([JSON.parse(raw)]), actor);
      } catch (error) {
        if (error instanceof SyntaxError) reason = `not JSON: ${error.message}`;
        else if (error instanceof ApiError && error.code !== 'CONFLICT') reason = error.message;
        else throw error; // retried from the last committed offset
      }
      if (reason !== null) {
        options.log?.(`${topics.proposals}/${partition}@${message.offset} refused: ${reason}`);
        await producer.send({
          topic: topics.failed,
          acks: -1,
          messages: [{ key: message.key, value: JSON.stringify({ error: reason, topic: topics.proposals, partition, offset: message.offset, proposal: raw }) }],
        });
      }
    },
  });
  return {
    groupId,
    topics,
    close: async () => {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
