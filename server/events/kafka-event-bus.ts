// The scale-out event bus: MetadataChangeLogs on Kafka, so the search and graph indexers can run
// in other processes (`catalog consume`) and several API processes can write.
//   topics      DataHub's names: MetadataChangeLog_Versioned_v1 and MetadataChangeLog_Timeseries_v1
//               (with an optional prefix), created by the bus when missing (brokers here refuse
//               auto-creation); values are the change log as JSON, keyed by entity URN, so every
//               change to one entity lands in one partition, in commit order.
//   producer    idempotent, acks=all, one in-flight request: no duplicates or reordering from retries.
//   subscribers one consumer group each (`<group>-<subscriber name>`, e.g. catalog-search-indexer),
//               so every indexer sees every log and a second process with the same indexer shares
//               the partitions. A partition's batch goes to the handler as one call; its offset is
//               committed only after the handler returned: at least once. Indexers are idempotent
//               (documents and edges are replaced by URN/aspect), so a redelivery changes nothing.
//               A handler that still fails after `attempts` tries is reported and the batch skipped,
//               so one poison batch cannot stop indexing; `catalog reindex` repairs what it missed.
//   drain()     waits until this process's consumer groups have committed every published offset.
import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { isTimeseriesAspect } from '../../model/aspects/registry.js';
import type { MetadataChangeLog } from '../../model/mcp.js';
import type { ChangeLogHandler, EventBus, SubscriberFailure } from './bus.js';


export const MCL_VERSIONED_TOPIC = 'MetadataChangeLog_Versioned_v1';
export const MCL_TIMESERIES_TOPIC = 'MetadataChangeLog_Timeseries_v1';

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId?: string;
  /** Prepended to the topic names (default none). */
  topicPrefix?: string;
  /** Consumer groups are `<groupPrefix>-<subscriber name>` (default `catalog`). */
  groupPrefix?: string;
  /** Partitions of topics the bus creates (default 4). */
  partitions?: number;
  /** Replication factor of topics the bus creates (default 1). */
  replicationFactor?: number;
  /** Where a new consumer group starts: the oldest kept log (default) or only new ones. */
  fromBeginning?: boolean;
  /** Tries per batch before it is reported and skipped (default 5, backing off 0.2 s, 0.4 s, …). */
  attempts?: number;
  /** How long drain() waits (default 60 s). */
  drainTimeoutMs?: number;
  onSubscriberError?: (failure: SubscriberFailure) => void;
  log?: (line: string) => void;
}

export class EventBusError extends Error {
  override name = 'EventBusError';
}

interface Subscriber {
  name: string;
  groupId: string;
  consumer: Consumer;
  active: boolean;
  started: Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class KafkaEventBus implements EventBus {
  readonly topics: readonly [string, string];
  private readonly subscribers = new Set<Subscriber>();
  private readonly stopping: Promise<void>[] = [];
  private count = 0;

  private constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly producer: Producer,
    private readonly options: KafkaEventBusOptions,
  ) {
    const prefix = options.topicPrefix ?? '';
    this.topics = [`${prefix}${MCL_VERSIONED_TOPIC}`, `${prefix}${MCL_TIMESERIES_TOPIC}`];
  }

  /** Connects, creates the change-log topics when missing, and readies the producer. */
  static async open(options: KafkaEventBusOptions): Promise<KafkaEventBus> {
    const kafka = new Kafka({
      clientId: options.clientId ?? 'catalog',
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 5000,
      retry: { retries: 5, initialRetryTime: 200 },
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
    } catch (error) {
      throw new EventBusError(
        `Kafka at ${options.brokers.join(',')} does not answer (${(error as Error).message}); start it (scripts/services up kafka, or docker compose up kafka) or fix the events URL`,
      );
    }
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    const bus = new KafkaEventBus(kafka, admin, producer, options);
    try {
      await bus.ensureTopics();
      await producer.connect();
    } catch (error) {
      await admin.disconnect();
      throw error;
    }
    return bus;
  }

  private ensureTopics(): Promise<void> {
    return ensureTopics(this.admin, this.topics, this.options);
  }

  async publish(logs: readonly MetadataChangeLog[]): Promise<void> {
    if (logs.length === 0) return;
    const [versioned, timeseries] = this.topics;
    const byTopic = new Map<string, Array<{ key: string; value: string }>>();
    for (const log of logs) {
      const topic = log.aspectName && isTimeseriesAspect(log.aspectName) ? timeseries : versioned;
      if (!byTopic.has(topic)) byTopic.set(topic, []);
      byTopic.get(topic)!.push({ key: log.entityUrn, value: JSON.stringify(log) });
    }
    try {
      await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } catch (error) {
      this.options.log?.(`could not publish ${logs.length} change log(s) to Kafka (${(error as Error).message}); search and lineage miss them until \`catalog reindex\``);
      throw error;
    }
  }

  subscribe(handler: ChangeLogHandler, options: { name?: string } = {}): () => void {
    const name = options.name ?? `subscriber-${++this.count}`;
    const groupId = this.groupId(name);
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { retries: 10 } });
    const subscriber: Subscriber = { name, groupId, consumer, active: true, started: Promise.resolve() };
    subscriber.started = this.run(subscriber, handler).catch((error: unknown) => this.report({ subscriber: name, error, logs: [] }));
    this.subscribers.add(subscriber);
    return () => {
      subscriber.active = false;
      this.subscribers.delete(subscriber);
      this.stopping.push(subscriber.started.then(() => consumer.disconnect()).catch(() => {}));
    };
  }

  /** Where this bus connects and how it names things (for other Kafka clients of the same catalog). */
  get settings(): Pick<KafkaEventBusOptions, 'brokers' | 'topicPrefix' | 'groupPrefix' | 'partitions' | 'replicationFactor' | 'fromBeginning'> {
    const { brokers, topicPrefix, groupPrefix, partitions, replicationFactor, fromBeginning } = this.options;
    return { brokers, topicPrefix, groupPrefix, partitions, replicationFactor, fromBeginning };
  }

  groupId(subscriberName: string): string {
    return `${this.options.groupPrefix ?? 'catalog'}-${subscriberName}`;
  }

  private async run(subscriber: Subscriber, handler: ChangeLogHandler): Promise<void> {
    const { consumer } = subscriber;
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topics], fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        const last = batch.messages.at(-1);
        if (!last) return;
        const logs: MetadataChangeLog[] = [];
        for (const message of batch.messages) {
          try {
            logs.push(JSON.parse(message.value?.toString('utf8') ?? 'null') as MetadataChangeLog);
          } catch (error) {
            this.report({ subscriber: subscriber.name, error: new EventBusError(`${batch.topic}/${batch.partition}@${message.offset} is not a change log: ${(error as Error).message}`), logs: [] });
          }
        }
        if (subscriber.active && logs.length) await this.deliver(subscriber, handler, logs, heartbeat);
        resolveOffset(last.offset);
        await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }]);
      },
    });
  }

  private async deliver(subscriber: Subscriber, handler: ChangeLogHandler, logs: MetadataChangeLog[], heartbeat: () => Promise<void>): Promise<void> {
    const attempts = Math.max(1, this.options.attempts ?? 5);
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(logs);
        return;
      } catch (error) {
        if (attempt >= attempts || !subscriber.active) {
          this.report({ subscriber: subscriber.name, error, logs });
          return;
        }
        await heartbeat();
        await sleep(200 * 2 ** (attempt - 1));
      }
    }
  }

  private report(failure: SubscriberFailure): void {
    try {
      if (this.options.onSubscriberError) this.options.onSubscriberError(failure);
      else process.emitWarning(`event bus subscriber "${failure.subscriber}" failed: ${String((failure.error as Error)?.message ?? failure.error)}`);
    } catch {
      // the reporter itself failed; the consumer goes on
    }
  }

  /** Waits until this process's subscribers have handled everything published so far. */
  drain(): Promise<void> {
    return this.waitForGroups([...this.subscribers].map((s) => s.groupId));
  }

  /**
   * Waits until the named consumer groups (in any process) have committed every offset published
   * so far: the way to know indexers running elsewhere have caught up.
   */
  async waitForGroups(groupIds: readonly string[], timeoutMs = this.options.drainTimeoutMs ?? 60_000): Promise<void> {
    if (!groupIds.length) return;
    const deadline = Date.now() + timeoutMs;
    // A busy broker answers some requests with "not the leader" for a moment: retried until the deadline.
    const retrying = async <T>(fn: () => Promise<T>): Promise<T> => {
      for (;;) {
        try {
          return await fn();
        } catch (error) {
          if (Date.now() > deadline) throw new EventBusError(`waiting for event subscribers: ${(error as Error).message}`);
          await sleep(200);
        }
      }
    };
    const ends = new Map<string, { low: number; high: number }>();
    for (const topic of this.topics) {
      for (const p of await retrying(() => this.admin.fetchTopicOffsets(topic))) ends.set(`${topic}/${p.partition}`, { low: Number(p.low), high: Number(p.high) });
    }
    for (;;) {
      const behind: string[] = [];
      for (const groupId of groupIds) {
        const committed = new Map<string, number>();
        for (const t of await retrying(() => this.admin.fetchOffsets({ groupId, topics: [...this.topics] }))) {
          for (const p of t.partitions) committed.set(`${t.topic}/${p.partition}`, Number(p.offset));
        }
        for (const [key, { low, high }] of ends) {
          if (high > low && (committed.get(key) ?? -1) < high) behind.push(`${groupId} ${key}`);
        }
      }
      if (!behind.length) return;
      if (Date.now() > deadline) throw new EventBusError(`event subscribers did not catch up within ${timeoutMs} ms: ${behind.slice(0, 5).join(', ')}`);
      await sleep(50);
    }
  }

  async close(): Promise<void> {
    for (const subscriber of this.subscribers) subscriber.active = false;
    await Promise.all([...this.subscribers].map((s) => s.started.then(() => s.consumer.disconnect()).catch(() => {})));
    this.subscribers.clear();
    await Promise.all(this.stopping);
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}

/**
 * Creates the topics that are missing and waits until every partition has a leader (a busy
 * broker may take a while; `waitForLeaders` alone gives up after a few seconds).
 */
export async function ensureTopics(
  admin: Admin,
  topics: readonly string[],
  options: { partitions?: number; replicationFactor?: number; timeoutMs?: number } = {},
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length) {
    try {
      await admin.createTopics({
        waitForLeaders: false,
        timeout: 30_000,
        topics: missing.map((topic) => ({ topic, numPartitions: options.partitions ?? 4, replicationFactor: options.replicationFactor ?? 1 })),
      });
    } catch (error) {
      if (!/already exists/i.test((error as Error).message)) {
        throw new EventBusError(`could not create the topics ${missing.join(', ')} (${(error as Error).message}); create them, keyed by entity URN, or allow this client to`);
      }
    }
  }
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics: [...topics] });
      if (meta.length === topics.length && meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw new EventBusError(`the topics ${topics.join(', ')} have no leader yet (${(error as Error).message})`);
    }
    if (Date.now() > deadline) throw new EventBusError(`the topics ${topics.join(', ')} have no leader after ${options.timeoutMs ?? 120_000} ms`);
    await sleep(200);
  }
}

