// The `kafka-connect` source: connectors from the Kafka Connect REST API as data flows, and one
// data job per lineage edge their configs imply (Debezium and JDBC sources: table -> topic; S3
// and JDBC sinks: topic -> S3 folder / table). Dataset URNs come from each platform's own naming
// rule, so they join with what the postgres and kafka sources produce; every lineage end that no
// source has produced in the catalog being written to is a warning. A connector that cannot be
// read or understood is a report entry naming it; the run goes on.
import type { RunContext, Source, SourcePlugin } from '../../api/plugin.js';
import { workUnit, type WorkUnit } from '../../api/workunit.js';
import { AllowDenyPattern } from '../../common/pattern.js';
import { ConnectRestClient, type ConnectorManifest } from './client.js';
import { kafkaConnectSourceConfigSchema, unimplementedRequests, type KafkaConnectSourceConfig } from './config.js';
import { extractorFor, type ConnectLineage } from './lineage/index.js';
import { flowProposals, jobProposals, PLATFORM, type ConnectorJob } from './proposals.js';
import { isSensitiveKey, resolveProvidedConfigs } from './provided-configs.js';
import { KafkaConnectSourceReport } from './report.js';

const TYPE_ORDER: Record<string, number> = { source: 0, sink: 1 };
const TOPIC_REQUESTS = 8;

async function eachWithConcurrency<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class KafkaConnectSource implements Source {
  readonly report = new KafkaConnectSourceReport();
  private readonly connectorPattern: AllowDenyPattern;

  constructor(
    private readonly config: KafkaConnectSourceConfig,
    private readonly ctx: RunContext,
  ) {
    this.connectorPattern = new AllowDenyPattern(config.connector_patterns);
    ctx.registerSecret(config.password);
    ctx.registerSecret(config.kafka_api_secret);
    for (const p of config.provided_configs ?? []) ctx.registerSecret(p.value);
  }

  async *workunits(): AsyncIterable<WorkUnit> {
    for (const line of unimplementedRequests(this.config)) this.report.warning('Not supported yet', line);
    const connectors = await this.report.timeStage('Reading connectors', () => this.readConnectors());
    if (!connectors) return;

    const knownTopics = new Set(connectors.flatMap((c) => c.topics ?? []));
    const jobs: ConnectorJob[] = [];
    for (const connector of connectors) {
      let lineages: ConnectLineage[] = [];
      let extra: Record<string, string> = {};
      const extractor = extractorFor(connector, this.config);
      if (!extractor) {
        this.report.warning(
          `Lineage for ${connector.type} connector not supported`,
          'its flow is ingested without jobs; for a source connector, name its input with generic_connectors',
          `${connector.name} (${connector.config['connector.class'] ?? 'no connector.class'})`,
        );
      } else {
        try {
          const result = extractor(connector, {
            ownTopics: connector.topics ?? [],
            knownTopics: [...knownTopics],
            warning: (title, message) => this.report.warning(title, message, connector.name),
            info: (title, message) => this.report.info(title, message, connector.name),
          });
          lineages = dedupe(result.lineages);
          extra = result.flowProperties;
        } catch (e) {
          this.report.failure('Failed to read connector lineage', (e as Error).message, connector.name);
        }
      }
      if (connector.type === 'source') for (const l of lineages) if (l.target.platform === 'kafka') knownTopics.add(l.target.name);

      let built;
      try {
        built = jobProposals(this.config, connector, lineages);
      } catch (e) {
        this.report.failure('Failed to name lineage datasets', (e as Error).message, connector.name);
        built = { proposals: [], jobs: [] };
      }
      this.report.connectorsScanned++;
      if (built.jobs.length) this.report.connectorsWithLineage++;
      this.report.lineageEdges += built.jobs.length;
      jobs.push(...built.jobs);
      for (const mcp of [...flowProposals(this.config, connector, extra), ...built.proposals]) yield workUnit(mcp);
    }
    await this.report.timeStage('Checking lineage targets', () => this.checkLineageTargets(jobs));
  }

  /** Every connector the patterns allow, sources before sinks, with resolved configs and topics; null if the API cannot be read. */
  private async readConnectors(): Promise<ConnectorManifest[] | null> {
    const { config, report } = this;
    const client = new ConnectRestClient({ uri: config.connect_uri, username: config.username, password: config.password });
    let all: ConnectorManifest[];
    try {
      all = await client.connectors((name, e) => report.warning('Failed to read connector', e.message, name));
    } catch (e) {
      report.failure('Cannot read connectors', (e as Error).message, config.connect_uri);
      return null;
    }
    const out: ConnectorManifest[] = [];
    for (const c of all) {
      if (!this.connectorPattern.allowed(c.name)) {
        report.reportFiltered(c.name);
        continue;
      }
      c.config = resolveProvidedConfigs(c.config, config.provided_configs);
      for (const [k, v] of Object.entries(c.config)) if (isSensitiveKey(k)) this.ctx.registerSecret(v);
      if (c.state === 'FAILED' || c.taskErrors.length) {
        const what = [c.state === 'FAILED' ? 'the connector FAILED' : null, ...c.taskErrors.map((e) => `FAILED ${e}`)].filter(Boolean).join('; ');
        report.warning('Connector failed', `Connect reports ${what}; lineage is read from its config`, c.name);
      }
      out.push(c);
    }
    if (config.use_connect_topics_api) {
      // A few requests at a time: one per connector would make a large worker slow to read.
      await eachWithConcurrency(out, TOPIC_REQUESTS, async (c) => {
        try {
          c.topics = await client.topics(c.name);
        } catch (e) {
          report.warning('Failed to read connector topics', (e as Error).message, c.name);
        }
      });
    }
    return out.sort((a, b) => (TYPE_ORDER[a.type] ?? 2) - (TYPE_ORDER[b.type] ?? 2) || a.name.localeCompare(b.name));
  }

  /** Lineage ends no source has produced (or that are soft-deleted) in the catalog: warnings, one per dataset. */
  private async checkLineageTargets(jobs: ConnectorJob[]): Promise<void> {
    if (!this.config.check_lineage_targets || jobs.length === 0) return;
    const catalog = this.ctx.catalog;
    if (!catalog) {
      this.report.info('Lineage targets not checked', 'the sink writes to no catalog, so the datasets in lineage were not looked up');
      return;
    }
    const jobOf = new Map<string, string>();
    for (const job of jobs) for (const urn of [...job.inputs, ...job.outputs]) if (!jobOf.has(urn)) jobOf.set(urn, job.urn);
    for (const [urn, job] of jobOf) {
      let found: 'yes' | 'no' | 'removed' = 'no';
      try {
        for (const aspect of ['status', 'datasetProperties', 'schemaMetadata']) {
          const value = await catalog.getAspect(urn, aspect);
          if (!value) continue;
          found = aspect === 'status' && value.removed === true ? 'removed' : 'yes';
          break;
        }
      } catch (e) {
        this.report.warning('Lineage target not checked', (e as Error).message, urn);
        continue;
      }
      if (found === 'yes') continue;
      this.report.reportUnresolved(urn);
      this.report.warning(
        found === 'removed' ? 'Lineage to a removed entity' : 'Lineage to an entity no source has produced',
        found === 'removed'
          ? 'the dataset is soft-deleted in the catalog'
          : 'no source has ingested this dataset (yet); ingest its platform, or check that both sides name it the same way (docs/NAMING.md)',
        `${urn} (job ${job})`,
      );
    }
  }
}

function dedupe(lineages: ConnectLineage[]): ConnectLineage[] {
  const seen = new Set<string>();
  return lineages.filter((l) => {
    const key = `${l.source?.platform}:${l.source?.name}\u0000${l.target.platform}:${l.target.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const kafkaConnectSource: SourcePlugin<KafkaConnectSourceConfig> = {
  type: 'kafka-connect',
  description: 'Kafka Connect connectors as data flows and jobs, with lineage from Debezium and JDBC sources and S3 and JDBC sinks',
  platform: PLATFORM,
  configSchema: kafkaConnectSourceConfigSchema,
  create: (config, ctx) => new KafkaConnectSource(config, ctx),
};
