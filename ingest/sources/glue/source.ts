// The `glue` source: the AWS Glue Data Catalog through the AWS SDK (endpoint override for moto or
// LocalStack). Databases become containers; tables datasets with columns and partition keys,
// storage descriptor, parameters, partition count and recent partitions; tables over Hudi,
// Iceberg and Delta are recognised, and those over a Hudi table (its `_ro` / `_rt` views) link to
// the one Hudi dataset; Glue jobs become data flows and jobs with the inputs and outputs their
// definition names. A table or database that fails is reported and the run goes on.
import { GlueClient, type Database, type Partition, type Table } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { makeMcp, type MetadataChangeProposal } from '../../../model/mcp.js';
import { dataPlatformUrn } from '../../../model/urn.js';
import type { RunContext, Source, SourcePlugin } from '../../api/plugin.js';
import { workUnit, type WorkUnit } from '../../api/workunit.js';
import { awsClientOptions } from '../../common/aws.js';
import { AllowDenyPattern } from '../../common/pattern.js';
import { GlueCatalog } from './catalog.js';
import { glueSourceConfigSchema, unimplementedKeys, type GlueSourceConfig } from './config.js';
import { jobMcps } from './jobs.js';
import { GlueNaming } from './naming.js';
import { profileGlueTable } from './profile.js';
import { GlueSourceReport } from './report.js';
import { tableMcps } from './table.js';

export class GlueSource implements Source {
  readonly report = new GlueSourceReport();
  private readonly naming: GlueNaming;
  private readonly databasePattern: AllowDenyPattern;
  private readonly tablePattern: AllowDenyPattern;
  private readonly profilePattern: AllowDenyPattern;
  readonly catalog: GlueCatalog;
  private s3: S3Client | null = null;
  private readonly runTime = Date.now();

  constructor(
    private readonly config: GlueSourceConfig,
    ctx: RunContext,
    pageSize = 100,
  ) {
    for (const secret of [config.aws_secret_access_key, config.aws_session_token, config.aws_access_key_id]) if (secret) ctx.registerSecret(secret);
    this.naming = new GlueNaming({ platform: config.platform, env: config.env, platformInstance: config.platform_instance });
    this.databasePattern = new AllowDenyPattern(config.database_pattern);
    this.tablePattern = new AllowDenyPattern(config.table_pattern);
    this.profilePattern = new AllowDenyPattern(config.profile_pattern);
    const client = new GlueClient({ ...awsClientOptions(config), retryMode: config.aws_retry_mode, requestHandler: { requestTimeout: config.read_timeout * 1000 } });
    this.catalog = new GlueCatalog(client, config.catalog_id, pageSize);
    for (const key of unimplementedKeys(config)) this.report.warning('Option not supported', `${key} is accepted for DataHub recipes but not acted on`, key);
  }

  async *workunits(): AsyncIterable<WorkUnit> {
    let databases: Database[] = [];
    try {
      for await (const d of this.catalog.databases()) databases.push(d);
    } catch (e) {
      this.report.failure('Could not list Glue databases', `${awsMessage(e)}; check aws_region, credentials and aws_endpoint_url`, this.config.catalog_id ?? 'default catalog');
      return;
    }
    databases = databases.filter((d) => {
      if (this.databasePattern.allowed(d.Name!)) return true;
      this.report.reportFiltered(d.Name!);
      return false;
    });
    for (const db of databases) {
      if (this.config.ignore_resource_links && db.TargetDatabase) {
        this.report.reportFiltered(db.Name!);
        continue;
      }
      for (const mcp of this.databaseMcps(db)) yield this.unit(mcp);
      this.report.databasesScanned++;
      let tables: Table[] = [];
      try {
        for await (const t of this.catalog.tables(db.Name!)) tables.push(t);
      } catch (e) {
        this.report.failure('Could not list tables', awsMessage(e), db.Name!);
        continue;
      }
      tables = tables.filter((t) => {
        const full = `${db.Name}.${t.Name}`;
        if (this.tablePattern.allowed(full) && !(this.config.ignore_resource_links && t.TargetTable)) return true;
        this.report.reportFiltered(full);
        return false;
      });
      for (const table of tables) {
        let mcps: MetadataChangeProposal[];
        try {
          mcps = await this.report.timeStage('Metadata extraction', () => this.tableMcps(db.Name!, table));
        } catch (e) {
          this.report.failure('Failed to read table', awsMessage(e), `${db.Name}.${table.Name}`);
          continue;
        }
        for (const mcp of mcps) yield this.unit(mcp);
      }
    }
    if (this.config.extract_transforms) yield* this.jobs();
  }

  private async tableMcps(database: string, table: Table): Promise<MetadataChangeProposal[]> {
    let partitions: Partition[] | null = null;
    if ((table.PartitionKeys ?? []).length > 0) {
      partitions = [];
      try {
        for await (const p of this.catalog.partitions(database, table.Name!)) partitions.push(p);
        this.report.partitionsRead += partitions.length;
      } catch (e) {
        partitions = null;
        this.report.warning('Could not read partitions', awsMessage(e), `${database}.${table.Name}`);
      }
    }
    const { urn, format, mcps } = tableMcps({ database, table, partitions }, this.naming, this.config);
    this.report.tablesScanned++;
    if (this.config.profiling.enabled && this.profilePattern.allowed(`${database}.${table.Name}`)) {
      this.s3 ??= new S3Client({ ...awsClientOptions(this.config), forcePathStyle: Boolean(this.config.aws_endpoint_url) });
      try {
        const r = await this.report.timeStage('Profiling', () => profileGlueTable(this.s3!, table, format, this.config.profiling, this.runTime));
        if ('aspect' in r) {
          mcps.push(makeMcp(urn, 'datasetProfile', r.aspect));
          this.report.tablesProfiled++;
        } else this.report.info('Table not profiled', r.skipped, `${database}.${table.Name}`);
      } catch (e) {
        this.report.warning('Profiling failed', awsMessage(e), `${database}.${table.Name}`);
      }
    }
    if (format.format !== 'hive') this.report.lakeTables[format.format] = (this.report.lakeTables[format.format] ?? 0) + 1;
    return mcps;
  }

  private databaseMcps(db: Database): MetadataChangeProposal[] {
    const urn = this.naming.databaseContainerUrn(db.Name!);
    const custom: Record<string, string> = { platform: this.naming.platform, env: this.config.env, database: db.Name! };
    if (this.config.platform_instance) custom.instance = this.config.platform_instance;
    if (db.LocationUri) custom.location = db.LocationUri;
    for (const [k, v] of Object.entries(db.Parameters ?? {})) custom[k] = v;
    const props: Record<string, unknown> = { name: db.Name!, customProperties: custom, env: this.config.env };
    if (db.Description) props.description = db.Description;
    if (db.CreateTime) props.created = { time: db.CreateTime.getTime() };
    const out = [makeMcp(urn, 'containerProperties', props), makeMcp(urn, 'status', { removed: false })];
    const instance = this.naming.platformInstanceUrn();
    if (instance) out.push(makeMcp(urn, 'dataPlatformInstance', { platform: dataPlatformUrn(this.naming.platform), instance }));
    out.push(makeMcp(urn, 'subTypes', { typeNames: ['Database'] }));
    out.push(makeMcp(urn, 'browsePathsV2', { path: instance ? [{ id: instance, urn: instance }] : [] }));
    return out;
  }

  private async *jobs(): AsyncIterable<WorkUnit> {
    try {
      for await (const job of this.catalog.jobs()) {
        this.report.jobsScanned++;
        try {
          const { lineage, mcps } = jobMcps(job, this.naming, this.config);
          if (lineage.inputs.length || lineage.outputs.length) this.report.jobsWithLineage++;
          else this.report.info('Job without lineage', 'the job definition names no Glue table or S3 path', job.Name);
          for (const mcp of mcps) yield this.unit(mcp);
        } catch (e) {
          this.report.warning('Failed to read job', (e as Error).message, job.Name);
        }
      }
    } catch (e) {
      this.report.failure('Could not list Glue jobs', `${awsMessage(e)}; set extract_transforms: false to skip jobs`);
    }
  }

  private unit(mcp: MetadataChangeProposal): WorkUnit {
    return workUnit(mcp, `${mcp.entityUrn}-${mcp.aspectName}`);
  }

  async close(): Promise<void> {
    this.catalog.client.destroy();
    this.s3?.destroy();
  }
}

function awsMessage(e: unknown): string {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = err.$metadata?.httpStatusCode ? ` (HTTP ${err.$metadata.httpStatusCode})` : '';
  return `${err.name ?? 'Error'}: ${err.message ?? String(e)}${status}`;
}

export const glueSource: SourcePlugin<GlueSourceConfig> = {
  type: 'glue',
  description: 'AWS Glue Data Catalog: databases, tables (partitions, storage, Hudi/Iceberg/Delta recognised, _ro/_rt linked to their Hudi table) and jobs with lineage',
  platform: 'glue',
  configSchema: glueSourceConfigSchema,
  create: (config, ctx) => new GlueSource(config, ctx),
};
