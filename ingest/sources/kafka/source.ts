// The `kafka` source, with DataHub's recipe keys: one dataset per topic (DataHub's kafka naming:
// the topic name, platform instance and env) with partitions, replication factor and the topic
// configs as properties, key and value schemas from the schema registry (TopicNameStrategy,
// TopicRecordNameStrategy, or topic_subject_map for RecordNameStrategy) as one schemaMetadata
// (KafkaSchema, key fields first, as DataHub writes it), every value version oldest first for the
// schema history, and the consumer groups reading each topic with their lag.
// Topics are listed once; configs are read per batch. A batch whose configs cannot be read (the
// broker dropped the connection, say) is a warning and its topics are still emitted from the
// metadata already read; a malformed schema is a warning naming topic, subject and version; an
// unreachable registry is one failure and the topics go on without schemas.
import type { RunContext, Source, SourcePlugin } from '../../api/plugin.js';
import { workUnit, type WorkUnit } from '../../api/workunit.js';
import { mapConcurrent } from '../../common/concurrency.js';
import { kafkaClientConfig } from '../../common/kafka/connection.js';
import { KAFKA_PLATFORM as PLATFORM, kafkaTopicUrn } from '../../common/naming/kafka.js';
import { AllowDenyPattern } from '../../common/pattern.js';
import { createRegistryClient } from '../../common/schema-registry/config.js';
import { convertWithReferences } from '../../common/schema-registry/convert.js';
import { RegistryError, type RegistrySchemaVersion, type RegistrySubject } from '../../common/schema-registry/registry.js';
import { conversionOptions } from '../../common/schema/config.js';
import { kafkaSchemaMetadata, otherSchema, type SchemaConversion } from '../../common/schema/types.js';
import { makeMcp, type AspectValue, type MetadataChangeProposal } from '../../../model/mcp.js';
import { dataPlatformInstanceUrn, datasetUrn } from '../../../model/urn.js';
import type { KafkaConfig } from 'kafkajs';
import { collapseGroups, isConnectionError, KafkaCluster, type GroupLag, type TopicMetadata } from './cluster.js';
import { kafkaSourceConfigSchema, type KafkaSourceConfig } from './config.js';
import { KafkaSourceReport } from './report.js';
import { TopicSchemaResolver } from './schemas.js';

export { KAFKA_PLATFORM as PLATFORM, kafkaTopicUrn } from '../../common/naming/kafka.js';
/** The custom property carrying the value subject's compatibility rule (read by the catalog's schema timeline). */
export const COMPATIBILITY_PROPERTY = 'schema.compatibility';


const stamp = (ms: number | null) => ({ time: ms ?? 0, actor: 'urn:li:corpuser:unknown' });

export class KafkaSource implements Source {
  readonly report = new KafkaSourceReport();
  private readonly topicPattern: AllowDenyPattern;
  private cluster: KafkaCluster | null = null;
  private resolver: TopicSchemaResolver | null = null;

  constructor(
    private readonly config: KafkaSourceConfig,
    private readonly ctx: RunContext,
    /** kafkajs settings laid over the ones from the config (tests: a socket factory). */
    private readonly clientOverrides: Partial<KafkaConfig> = {},
  ) {
    this.topicPattern = new AllowDenyPattern(config.topic_patterns);
  }

  private async connect(): Promise<KafkaCluster> {
    const { config, notes } = kafkaClientConfig(this.config.connection, this.ctx.baseDir, (v) => this.ctx.registerSecret(v));
    for (const n of notes) this.report.warning(n.title, n.message, this.config.connection.bootstrap);
    this.cluster = new KafkaCluster({ ...config, ...this.clientOverrides });
    await this.cluster.connect();
    return this.cluster;
  }

  private async schemaResolver(): Promise<TopicSchemaResolver | null> {
    const c = this.config;
    const url = c.connection.schema_registry_url ?? process.env.KAFKA_SCHEMAREGISTRY_URL ?? null;
    const type = c.schema_registry_type ?? c.schema_registry_class ?? 'confluent';
    if (!url && type !== 'glue') {
      this.report.info('No schema registry', 'connection.schema_registry_url is not set; topics are ingested without schemas');
      return null;
    }
    let resolver: TopicSchemaResolver | undefined;
    try {
      const client = createRegistryClient({ type, url, config: c.connection.schema_registry_config }, (v) => this.ctx.registerSecret(v));
      resolver = new TopicSchemaResolver(client, {
        topicSubjectMap: c.topic_subject_map,
        topicRecordNaming: !c.disable_topic_record_naming_strategy,
        history: c.include_schema_history,
      });
      const note = await resolver.init();
      if (note) this.report.info('Subjects not listed', note, client.describe);
      return resolver;
    } catch (e) {
      this.report.failure('Schema registry unreachable', `${(e as Error).message}; topics are ingested without schemas`, resolver?.client.describe ?? url ?? type);
      return null;
    }
  }

  async *workunits(): AsyncIterable<WorkUnit> {
    const { report, config } = this;
    let cluster: KafkaCluster;
    let topics: TopicMetadata[];
    try {
      cluster = await this.connect();
      topics = await report.timeStage('Listing topics', () => cluster.topics());
    } catch (e) {
      report.failure('Kafka unreachable', (e as Error).message, config.connection.bootstrap);
      return;
    }
    const wanted = topics.filter((t) => {
      if (this.topicPattern.allowed(t.name)) return true;
      report.reportFiltered(t.name);
      return false;
    });
    this.resolver = await this.schemaResolver();
    const groups = config.include_consumer_groups ? await this.consumerGroups(cluster) : new Map<string, GroupLag[]>();

    for (let i = 0; i < wanted.length; i += config.topic_batch_size) {
      const batch = wanted.slice(i, i + config.topic_batch_size);
      let configs = new Map<string, Record<string, string>>();
      try {
        configs = await report.timeStage('Topic configs', () => cluster.configs(batch.map((t) => t.name)));
      } catch (e) {
        const title = isConnectionError(e) ? 'Broker connection lost' : 'Topic configs not read';
        for (const t of batch) report.warning(title, `${(e as Error).message}; the topic is ingested without its configs`, t.name);
      }
      // The topics of a batch are described in parallel (registry round trips dominate), then yielded in order.
      const described = await mapConcurrent(batch, config.max_workers, async (topic) => {
        try {
          return await report.timeStage('Metadata extraction', () => this.topic(topic, configs.get(topic.name) ?? null, groups.get(topic.name) ?? []));
        } catch (e) {
          report.failure('Failed to read topic', (e as Error).message, topic.name);
          return null;
        }
      });
      for (const mcps of described) {
        if (!mcps) continue;
        report.topicsScanned++;
        for (const mcp of mcps) yield workUnit(mcp, `${mcp.entityUrn}-${mcp.aspectName}-${report.eventsProduced}`);
      }
    }
  }

  private async consumerGroups(cluster: KafkaCluster): Promise<Map<string, GroupLag[]>> {
    try {
      const byTopic = await this.report.timeStage('Consumer groups', () =>
        cluster.consumerGroups(new AllowDenyPattern(this.config.consumer_group_pattern), (g) => this.report.reportFiltered(`consumer group ${g}`)),
      );
      this.report.consumerGroups = new Set([...byTopic.values()].flat().map((g) => g.groupId)).size;
      return byTopic;
    } catch (e) {
      this.report.warning('Consumer groups not read', `${(e as Error).message}; topics are ingested without their consumer groups`, this.config.connection.bootstrap);
      return new Map();
    }
  }

  /** Every aspect of one topic, built before any is yielded. */
  private async topic(topic: TopicMetadata, configs: Record<string, string> | null, groups: GroupLag[]): Promise<MetadataChangeProposal[]> {
    const { config } = this;
    const urn = kafkaTopicUrn(topic.name, config.env, config.platform_instance);
    const props: Record<string, string> = { Partitions: String(topic.partitions), 'Replication Factor': String(topic.replicationFactor) };
    for (const [k, v] of Object.entries(configs ?? {})) props[k] = v;
    const out: MetadataChangeProposal[] = [makeMcp(urn, 'status', { removed: false })];
    const schema = await this.schemas(topic.name, props);
    for (const s of schema.metadata) out.push(makeMcp(urn, 'schemaMetadata', s));
    const collapsed = collapseGroups(groups);
    if (collapsed.length > 0) {
      props['consumer.groups'] = collapsed.map((g) => g.groupId).join(',');
      for (const g of collapsed) {
        if (g.lag !== null) props[`consumer.group.${g.groupId}.lag`] = String(g.lag);
        if (g.members > 1) props[`consumer.group.${g.groupId}.count`] = String(g.members);
      }
    }
    const description = schema.value?.dataset.description;
    out.push(makeMcp(urn, 'datasetProperties', { name: topic.name, ...(description ? { description } : {}), customProperties: props }));
    out.push(makeMcp(urn, 'subTypes', { typeNames: ['Topic'] }));
    out.push(makeMcp(urn, 'browsePathsV2', { path: [{ id: config.env }, { id: PLATFORM }] }));
    if (config.platform_instance) out.push(makeMcp(urn, 'dataPlatformInstance', { platform: `urn:li:dataPlatform:${PLATFORM}`, instance: dataPlatformInstanceUrn(PLATFORM, config.platform_instance) }));
    const meta = schema.value?.dataset;
    if (meta?.globalTags) out.push(makeMcp(urn, 'globalTags', meta.globalTags as AspectValue));
    if (meta?.glossaryTerms) out.push(makeMcp(urn, 'glossaryTerms', meta.glossaryTerms as AspectValue));
    if (meta?.ownership) out.push(makeMcp(urn, 'ownership', meta.ownership as AspectValue));
    return out;
  }

  /** The topic's schemaMetadata versions (oldest first) and the latest value conversion; adds subject properties to `props`. */
  private async schemas(topic: string, props: Record<string, string>): Promise<{ metadata: AspectValue[]; value: SchemaConversion | null }> {
    const resolver = this.resolver;
    const none = { metadata: [], value: null };
    if (!resolver) return none;
    const { report } = this;
    const options = conversionOptions(this.config);
    try {
      const subjects = await resolver.subjectsFor(topic);
      if (subjects.otherValues.length > 0) {
        report.warning('Several record subjects', `TopicRecordNameStrategy subjects ${[subjects.value!.name, ...subjects.otherValues].join(', ')}; the first is the value schema`, topic);
      }
      const convert = async (subject: RegistrySubject, v: RegistrySchemaVersion, isKeySchema: boolean): Promise<SchemaConversion | null> => {
        const c = await convertWithReferences(resolver.client, v, subject.group, { ...options, isKeySchema });
        for (const w of c.warnings) report.warning('Schema conversion warning', w.message, `${topic}: ${subject.name} version ${v.version}`);
        if (c.errors.length === 0) return c;
        report.malformedSchemas++;
        report.warning('Malformed schema', c.errors.map((e) => `${e.code}: ${e.message}`).join('; '), `${topic}: ${subject.name} version ${v.version}`);
        return null;
      };
      let key: SchemaConversion | null = null;
      if (subjects.key) {
        const latest = await resolver.latest(subjects.key);
        if (latest) {
          props['key.subject'] = subjects.key.name;
          props['key.schema.version'] = String(latest.version);
          key = await convert(subjects.key, latest, true);
        }
      }
      const versions = subjects.value ? await resolver.valueVersions(subjects.value) : [];
      const metadata: AspectValue[] = [];
      let value: SchemaConversion | null = null;
      for (const v of versions) {
        const c = await convert(subjects.value!, v, false);
        if (!c) continue;
        value = c;
        const aspect = kafkaSchemaMetadata(c, key ?? undefined, { schemaName: topic, version: v.version }) as AspectValue;
        aspect.created = stamp(v.createdAt);
        aspect.lastModified = stamp(v.createdAt);
        metadata.push(aspect);
      }
      if (subjects.value && versions.length > 0) {
        const last = versions[versions.length - 1]!;
        props['value.subject'] = subjects.value.name;
        props['value.schema.version'] = String(last.version);
        props['Schema Name'] = value?.schemaName ?? subjects.value.name;
        const compatibility = await resolver.client.compatibility(subjects.value).catch(() => null);
        if (compatibility) props[COMPATIBILITY_PROPERTY] = compatibility.toUpperCase();
      }
      if (metadata.length === 0 && key) {
        // Only a key schema: the value document is empty, as DataHub does for key-only topics.
        const noValue: SchemaConversion = { language: key.language, fields: [], platformSchema: otherSchema(''), hash: '', dataset: {}, errors: [], warnings: [] };
        metadata.push(kafkaSchemaMetadata(noValue, key, { schemaName: topic }) as AspectValue);
      }
      if (metadata.length > 0) report.topicsWithSchema++;
      report.schemaVersionsEmitted += metadata.length;
      return { metadata, value };
    } catch (e) {
      if (e instanceof RegistryError && e.code === 'unreachable') {
        report.failure('Schema registry unreachable', `${e.message}; the topic is ingested without a schema`, topic);
        return none;
      }
      report.warning('Schema not read', (e as Error).message, topic);
      return none;
    }
  }

  async close(): Promise<void> {
    await this.cluster?.close();
    await this.resolver?.client.close?.();
  }
}

export const kafkaSource: SourcePlugin<KafkaSourceConfig> = {
  type: 'kafka',
  description: 'Kafka topics (partitions, replication, configs, consumer groups with lag) with key and value schemas and their history from a Confluent, Apicurio or Glue schema registry',
  platform: PLATFORM,
  configSchema: kafkaSourceConfigSchema,
  create: (config, ctx) => new KafkaSource(config, ctx),
};
