// What the kafka source reads from the brokers, through kafkajs's admin client: topic metadata
// (partitions, replication factor), topic configs (batched DescribeConfigs), and consumer groups
// with their committed offsets and lag (committed offset behind the high watermark, per topic).
import kafkajs, { type Admin, type KafkaConfig } from 'kafkajs';

// kafkajs is CommonJS: its values come through the default export under Node's ESM loader.
const { ConfigResourceTypes, Kafka, logLevel } = kafkajs;
import type { AllowDenyPattern } from '../../common/pattern.js';

export interface TopicMetadata {
  name: string;
  partitions: number;
  replicationFactor: number;
}

export interface GroupLag {
  groupId: string;
  state: string | null;
  /** Sum over the topic's partitions of (high watermark - committed offset); null when unknown. */
  lag: number | null;
}

/** Errors of a broken connection (as opposed to a refused request). */
export function isConnectionError(e: unknown): boolean {
  const seen = new Set<unknown>();
  for (let err = e as { name?: string; message?: string; cause?: unknown; originalError?: unknown } | undefined; err && !seen.has(err); ) {
    seen.add(err);
    if (/KafkaJSConnection(Closed)?Error|KafkaJSRequestTimeoutError|KafkaJSBrokerNotFound/.test(err.name ?? '')) return true;
    if (/ECONNREFUSED|ECONNRESET|EPIPE|Connection (error|closed|timeout)|Closed connection|socket hang up/i.test(err.message ?? '')) return true;
    err = (err.originalError ?? err.cause) as typeof err;
  }
  return false;
}

export class KafkaCluster {
  private readonly admin: Admin;

  constructor(config: KafkaConfig) {
    this.admin = new Kafka({ logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 }, ...config }).admin();
  }

  async connect(): Promise<void> {
    await this.admin.connect();
  }

  async topics(): Promise<TopicMetadata[]> {
    const names = await this.admin.listTopics();
    if (names.length === 0) return [];
    const { topics } = await this.admin.fetchTopicMetadata({ topics: names });
    return topics
      .map((t) => ({
        name: t.name,
        partitions: t.partitions.length,
        replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Topic configs (non-sensitive entries with a value), by topic. */
  async configs(topics: readonly string[]): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    if (topics.length === 0) return out;
    const res = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    for (const r of res.resources) {
      if (r.errorCode) continue;
      const entries: Record<string, string> = {};
      for (const e of r.configEntries) if (!e.isSensitive && e.configValue !== null && e.configValue !== undefined) entries[e.configName] = String(e.configValue);
      out.set(r.resourceName, entries);
    }
    return out;
  }

  /** Consumer groups by topic, with their lag on it. */
  async consumerGroups(pattern: AllowDenyPattern, onFiltered: (group: string) => void): Promise<Map<string, GroupLag[]>> {
    const { groups } = await this.admin.listGroups();
    const wanted = groups.filter((g) => {
      if (g.protocolType !== 'consumer' && g.protocolType !== '') return false;
      if (pattern.allowed(g.groupId)) return true;
      onFiltered(g.groupId);
      return false;
    });
    const described = wanted.length > 0 ? await this.admin.describeGroups(wanted.map((g) => g.groupId)) : { groups: [] };
    const state = new Map(described.groups.map((g) => [g.groupId, g.state]));
    const byTopic = new Map<string, GroupLag[]>();
    const highs = new Map<string, Map<number, number>>();
    for (const g of wanted) {
      const committed = await this.admin.fetchOffsets({ groupId: g.groupId });
      for (const t of committed) {
        const marks = highs.get(t.topic) ?? new Map((await this.admin.fetchTopicOffsets(t.topic)).map((p) => [p.partition, Number(p.high)]));
        highs.set(t.topic, marks);
        let lag = 0;
        let known = false;
        for (const p of t.partitions) {
          const offset = Number(p.offset);
          const high = marks.get(p.partition);
          if (offset < 0 || high === undefined) continue;
          lag += Math.max(0, high - offset);
          known = true;
        }
        const list = byTopic.get(t.topic) ?? [];
        list.push({ groupId: g.groupId, state: state.get(g.groupId) ?? null, lag: known ? lag : null });
        byTopic.set(t.topic, list);
      }
    }
    return byTopic;
  }

  async close(): Promise<void> {
    await this.admin.disconnect().catch(() => {});
  }
}

/**
 * Consumer groups whose ids differ only by a numeric suffix (a timestamp per job start, as the
 * seeds' Glue streaming job makes them) collapse into `prefix*` with a count.
 */
export function collapseGroups(groups: readonly GroupLag[]): Array<GroupLag & { members: number }> {
  const prefixOf = (id: string) => /^(.*?[^\d])\d{10,13}$/.exec(id)?.[1] ?? null;
  const counts = new Map<string, number>();
  for (const g of groups) {
    const p = prefixOf(g.groupId);
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const out = new Map<string, GroupLag & { members: number }>();
  for (const g of groups) {
    const p = prefixOf(g.groupId);
    const id = p && counts.get(p)! > 1 ? `${p}*` : g.groupId;
    const prev = out.get(id);
    if (!prev) out.set(id, { ...g, groupId: id, members: 1 });
    else {
      prev.members++;
      prev.lag = prev.lag === null || g.lag === null ? (prev.lag ?? g.lag) : Math.min(prev.lag, g.lag);
    }
  }
  return [...out.values()];
}
