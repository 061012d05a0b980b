// The `schema-registry` source: every subject (Confluent, Apicurio ccompat), artifact (Apicurio
// native) or schema (Glue) as a dataset on the registry's own platform, unless a Kafka topic
// claims it (then the kafka source describes it with its topic). Every version is emitted oldest
// first with its registration time, so the catalog's schema history starts at the registry's
// first version (docs/ARCHITECTURE.md, "Schema history"); the compatibility level and references
// are dataset properties. A version that does not parse is a warning naming subject and version;
// a subject the registry fails on is a failure; an unreachable registry ends the run's listing
// with a failure. Nothing else is lost.
import type { RunContext, Source, SourcePlugin } from '../../api/plugin.js';
import { workUnit, type WorkUnit } from '../../api/workunit.js';
import { mapConcurrent } from '../../common/concurrency.js';
import { kafkaClientConfig } from '../../common/kafka/connection.js';
import { listTopicNames } from '../../common/kafka/topics.js';
import { AllowDenyPattern } from '../../common/pattern.js';
import { createRegistryClient } from '../../common/schema-registry/config.js';
import { convertWithReferences } from '../../common/schema-registry/convert.js';
import { RegistryError, type RegistrySchemaVersion, type RegistrySubject, type SchemaRegistryClient } from '../../common/schema-registry/registry.js';
import { conversionOptions } from '../../common/schema/config.js';
import { schemaMetadata, type SchemaConversion } from '../../common/schema/types.js';
import { makeMcp, type AspectValue, type MetadataChangeProposal } from '../../../model/mcp.js';
import { dataPlatformInstanceUrn, datasetUrn } from '../../../model/urn.js';
import { DEFAULT_PLATFORMS, schemaRegistrySourceConfigSchema, type SchemaRegistrySourceConfig } from './config.js';
import { SchemaRegistrySourceReport } from './report.js';

/** The custom property carrying the compatibility rule (read by the catalog's schema timeline). */
export const COMPATIBILITY_PROPERTY = 'schema.compatibility';

/** Subjects a topic claims: TopicNameStrategy (`t-key`, `t-value`) and TopicRecordNameStrategy (`t-<record>`). */
export function claimedBy(subject: string, topics: ReadonlySet<string>): string | null {
  for (const suffix of ['-key', '-value']) if (subject.endsWith(suffix) && topics.has(subject.slice(0, -suffix.length))) return subject.slice(0, -suffix.length);
  // `<topic>-<record full name>`: a record name has no dashes, so the split is at the last one.
  const dash = subject.lastIndexOf('-');
  if (dash > 0 && /^[A-Za-z_][A-Za-z0-9_.]*$/.test(subject.slice(dash + 1)) && topics.has(subject.slice(0, dash))) return subject.slice(0, dash);
  return null;
}

const stamp = (ms: number | null) => ({ time: ms ?? 0, actor: 'urn:li:corpuser:unknown' });

export class SchemaRegistrySource implements Source {
  readonly report = new SchemaRegistrySourceReport();
  private readonly pattern: AllowDenyPattern;
  private client: SchemaRegistryClient | null = null;
  private readonly platform: string;

  constructor(
    private readonly config: SchemaRegistrySourceConfig,
    private readonly ctx: RunContext,
  ) {
    this.pattern = new AllowDenyPattern(config.subject_pattern);
    const type = config.schema_registry_type ?? config.schema_registry_class ?? 'confluent';
    this.platform = config.platform ?? DEFAULT_PLATFORMS[type];
  }

  private registry(): SchemaRegistryClient {
    if (!this.client) {
      const c = this.config;
      this.client = createRegistryClient(
        {
          type: c.schema_registry_type ?? c.schema_registry_class ?? 'confluent',
          url: c.schema_registry_url ?? process.env.KAFKA_SCHEMAREGISTRY_URL ?? null,
          config: c.schema_registry_config,
        },
        (v) => this.ctx.registerSecret(v),
      );
    }
    return this.client;
  }

  private urn(subject: string): string {
    return datasetUrn(this.platform, subject, this.config.env, this.config.platform_instance);
  }

  private async claimingTopics(): Promise<Set<string>> {
    const conn = this.config.kafka_connection;
    if (!conn) return new Set();
    const { config, notes } = kafkaClientConfig(conn, this.ctx.baseDir, (v) => this.ctx.registerSecret(v));
    for (const n of notes) this.report.warning(n.title, n.message);
    return new Set(await listTopicNames(config));
  }

  async *workunits(): AsyncIterable<WorkUnit> {
    let client: SchemaRegistryClient;
    let subjects: RegistrySubject[];
    let topics: Set<string>;
    try {
      client = this.registry();
      subjects = await this.report.timeStage('Listing subjects', () => client.subjects());
    } catch (e) {
      this.report.failure('Schema registry unreachable', (e as Error).message, this.client?.describe);
      return;
    }
    try {
      topics = await this.claimingTopics();
    } catch (e) {
      this.report.failure('Kafka unreachable', `${(e as Error).message}; subjects claimed by topics cannot be told apart, so none is ingested`, this.config.kafka_connection?.bootstrap);
      return;
    }
    this.report.subjectsListed = subjects.length;
    const wanted = subjects.filter((subject) => {
      if (!this.pattern.allowed(subject.name)) {
        this.report.reportFiltered(subject.name);
        return false;
      }
      const topic = claimedBy(subject.name, topics);
      if (topic === null) return true;
      this.report.subjectsClaimedByTopics++;
      this.report.info('Subject claimed by a topic', 'left to the kafka source, which describes it with its topic', `${subject.name} -> ${topic}`);
      return false;
    });
    let registryDown = false;
    // Subjects are read in parallel (registry round trips dominate), a hundred at a time, and yielded in order.
    for (let i = 0; i < wanted.length && !registryDown; i += 100) {
      const described = await mapConcurrent(wanted.slice(i, i + 100), this.config.max_workers, async (subject) => {
        if (registryDown) return null;
        try {
          return await this.report.timeStage('Metadata extraction', () => this.subject(client, subject));
        } catch (e) {
          const unreachable = e instanceof RegistryError && e.code === 'unreachable';
          if (unreachable) {
            if (!registryDown) this.report.failure('Schema registry unreachable', (e as Error).message, subject.name);
            registryDown = true;
          } else this.report.failure('Failed to read subject', (e as Error).message, subject.name);
          return null;
        }
      });
      for (const mcps of described) {
        if (!mcps) continue;
        this.report.subjectsIngested++;
        for (const mcp of mcps) yield workUnit(mcp, `${mcp.entityUrn}-${mcp.aspectName}-${this.report.eventsProduced}`);
      }
    }
  }

  /** Every aspect of one subject, built before any is yielded so a failure leaves no half. */
  private async subject(client: SchemaRegistryClient, subject: RegistrySubject): Promise<MetadataChangeProposal[]> {
    const { config, report } = this;
    const all = config.include_schema_history ? await client.versions(subject) : [await client.latest(subject)].filter((v): v is RegistrySchemaVersion => v !== null);
    report.versionsRead += all.length;
    const urn = this.urn(subject.name);
    const options = conversionOptions(config);
    const out: MetadataChangeProposal[] = [makeMcp(urn, 'status', { removed: false })];
    let latest: { version: RegistrySchemaVersion; conversion: SchemaConversion } | null = null;
    for (const version of all) {
      const conversion = await convertWithReferences(client, version, subject.group, options);
      for (const w of conversion.warnings) report.warning('Schema conversion warning', w.message, `${subject.name} version ${version.version}${w.at ? ` at ${w.at}` : ''}`);
      if (conversion.errors.length > 0) {
        report.malformedSchemas++;
        report.warning('Malformed schema', conversion.errors.map((e) => `${e.code}: ${e.message}`).join('; '), `${subject.name} version ${version.version}`);
        continue;
      }
      const aspect = schemaMetadata(conversion, { schemaName: subject.name, platform: this.platform, version: version.version }) as AspectValue;
      aspect.created = stamp(version.createdAt);
      aspect.lastModified = stamp(version.createdAt);
      out.push(makeMcp(urn, 'schemaMetadata', aspect));
      report.schemaVersionsEmitted++;
      latest = { version, conversion };
    }
    const last = all[all.length - 1];
    const compatibility = await client.compatibility(subject).catch((e: unknown) => {
      report.warning('Compatibility level unknown', (e as Error).message, subject.name);
      return null;
    });
    const props: Record<string, string> = { 'schema.registry': client.type, 'schema.subject': subject.name };
    if (subject.group) props['schema.group'] = subject.group;
    if (last) {
      props['schema.type'] = last.language;
      props['schema.version'] = String(last.version);
      props['schema.versions'] = String(all.length);
      if (last.id) props['schema.id'] = last.id;
      if (last.references.length > 0) props['schema.references'] = JSON.stringify(last.references);
    }
    if (compatibility) props[COMPATIBILITY_PROPERTY] = compatibility.toUpperCase();
    const description = latest?.conversion.dataset.description;
    out.push(makeMcp(urn, 'datasetProperties', { name: subject.name, ...(description ? { description } : {}), customProperties: props }));
    out.push(makeMcp(urn, 'subTypes', { typeNames: ['Schema'] }));
    out.push(makeMcp(urn, 'browsePathsV2', { path: [{ id: config.env.toLowerCase() }, { id: this.platform }, ...(subject.group ? [{ id: subject.group }] : [])] }));
    if (config.platform_instance) out.push(makeMcp(urn, 'dataPlatformInstance', { platform: `urn:li:dataPlatform:${this.platform}`, instance: dataPlatformInstanceUrn(this.platform, config.platform_instance) }));
    const meta = latest?.conversion.dataset;
    if (meta?.globalTags) out.push(makeMcp(urn, 'globalTags', meta.globalTags as AspectValue));
    if (meta?.glossaryTerms) out.push(makeMcp(urn, 'glossaryTerms', meta.glossaryTerms as AspectValue));
    if (meta?.ownership) out.push(makeMcp(urn, 'ownership', meta.ownership as AspectValue));
    if (all.length === 0) report.warning('Subject without versions', 'the registry lists the subject but gives no version (deleted or disabled versions only)', subject.name);
    if (all.length > 0 && !latest) report.failure('No readable version', `none of the ${all.length} version(s) could be read; the subject is listed without a schema`, subject.name);
    return out;
  }

  async close(): Promise<void> {
    await this.client?.close?.();
  }
}

export const schemaRegistrySource: SourcePlugin<SchemaRegistrySourceConfig> = {
  type: 'schema-registry',
  aliases: ['confluent-schema-registry', 'apicurio', 'glue-schema-registry'],
  description: 'Schema registries (Confluent API, Apicurio native v2/v3, AWS Glue Schema Registry): every subject not claimed by a topic as a dataset, with every version as schema history, compatibility and references',
  platform: 'schema-registry',
  configSchema: schemaRegistrySourceConfigSchema,
  create: (config, ctx) => new SchemaRegistrySource(config, ctx),
};
