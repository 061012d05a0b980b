// Opens the event bus a URL names:
//   embedded (or nothing)     InProcessEventBus: subscribers run in this process, after each commit
//   kafka://host:9092[,host2:9092]   KafkaEventBus, options in the query string:
//       ?prefix=<topic prefix>&group=catalog&partitions=4&replication=1&from=earliest|latest
import { BackendUrlError, choiceParam, intParam, isEmbedded, nameParam, redactUrl } from '../backend-url.js';
import { InProcessEventBus, type EventBus, type SubscriberFailure } from './bus.js';

export const ACCEPTED_EVENT_URLS = [
  'embedded  (default: in-process, indexers run in the serving process)',
  'kafka://host:9092[,host2:9092]  (Kafka; ?prefix=&group=catalog&partitions=4&replication=1&from=earliest)',
];

export interface EventBusContext {
  onSubscriberError?: (failure: SubscriberFailure) => void;
  log?: (line: string) => void;
  clientId?: string;
}

export function parseKafkaUrl(url: string): { brokers: string[]; params: URL } {
  const match = /^kafka:\/\/([^/?#]+)\/?(\?.*)?$/.exec(url);
  if (!match) throw new BackendUrlError(`unsupported events URL "${redactUrl(url)}"; use one of:\n  ${ACCEPTED_EVENT_URLS.join('\n  ')}`);
  const brokers = match[1]!.split(',').map((b) => b.trim()).filter(Boolean);
  for (const broker of brokers) {
    if (!/^[^:\s]+:\d+$/.test(broker)) throw new BackendUrlError(`events URL "${redactUrl(url)}": broker "${broker}" must be host:port`);
  }
  return { brokers, params: new URL(`kafka://x/${match[2] ?? ''}`) };
}

export async function openEventBus(url: string | undefined, context: EventBusContext = {}): Promise<EventBus> {
  if (isEmbedded(url)) return new InProcessEventBus({ onSubscriberError: context.onSubscriberError });
  if (!url!.startsWith('kafka://')) {
    throw new BackendUrlError(`unsupported events URL "${redactUrl(url!)}"; use one of:\n  ${ACCEPTED_EVENT_URLS.join('\n  ')}`);
  }
  const { brokers, params } = parseKafkaUrl(url!);
  const { KafkaEventBus } = await import('./kafka-event-bus.js'); // on demand: kafkajs is only needed with Kafka
  return KafkaEventBus.open({
    brokers,
    clientId: context.clientId,
    topicPrefix: params.searchParams.has('prefix') ? nameParam(params, 'prefix', '') : '',
    groupPrefix: nameParam(params, 'group', 'catalog'),
    partitions: intParam(params, 'partitions', 4),
    replicationFactor: intParam(params, 'replication', 1),
    fromBeginning: choiceParam(params, 'from', ['earliest', 'latest'], 'earliest') === 'earliest',
    onSubscriberError: context.onSubscriberError,
    log: context.log,
  });
}
