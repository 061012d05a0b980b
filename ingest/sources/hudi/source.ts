// The `hudi` source: Hudi tables read from their own `.hoodie/` folder, in both timeline
// layouts (0.x JSON instants, 1.x Avro instants under `.hoodie/timeline/`). Each table becomes
// one dataset with its properties, its schema (every distinct commit schema, oldest first, so the
// catalog keeps the history), subtype and an operation per completed write. A table that cannot
// be read is a failure naming it; malformed files inside a table are warnings; the run goes on.
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { RunContext, Source, SourcePlugin } from '../../api/plugin.js';
import { workUnit, type WorkUnit } from '../../api/workunit.js';
import { awsClientOptions, awsConnectionSchema } from '../../common/aws.js';
import { AllowDenyPattern } from '../../common/pattern.js';
import { makeMcp, type MetadataChangeProposal } from '../../../model/mcp.js';
import { AvroSchemaError } from './avro-schema.js';
import { hudiSourceConfigSchema, type HudiSourceConfig } from './config.js';
import { datasetProperties } from './dataset-properties.js';
import { discoverTables } from './discovery.js';
import { basePathName, HudiNaming, PLATFORM } from './naming.js';
import { hudiLineage } from './lineage.js';
import { operation } from './operations.js';
import type { FileSlice } from './file-slices.js';
import { profileHudiTable, tableFileSlices } from './profile.js';
import { HudiSourceReport } from './report.js';
import { schemaMetadata, schemaVersions, type SchemaVersion } from './schema.js';
import { S3HudiStorage } from './s3-storage.js';
import { LocalHudiStorage, SchemeRoutedStorage, type HudiStorage } from './storage.js';
import { instantMillis } from './timeline.js';
import { NotAHudiTable, readTable, type HudiTable } from './table.js';

export class HudiSource implements Source {
  readonly report = new HudiSourceReport();
  private readonly naming: HudiNaming;
  private readonly tablePattern: AllowDenyPattern;
  private s3: S3HudiStorage | null = null;
  private readonly storage: HudiStorage;
  private readonly runTime = Date.now();

  constructor(
    private readonly config: HudiSourceConfig,
    private readonly ctx: RunContext,
    storage?: HudiStorage,
  ) {
    const aws = config.aws_config ?? awsConnectionSchema.parse({});
    for (const secret of [aws.aws_access_key_id, aws.aws_secret_access_key, aws.aws_session_token]) if (secret) ctx.registerSecret(secret);
    this.storage =
      storage ??
      new SchemeRoutedStorage(new LocalHudiStorage(), () => (this.s3 ??= new S3HudiStorage(new S3Client({ ...awsClientOptions(aws), forcePathStyle: Boolean(aws.aws_endpoint_url) }))));
    this.naming = new HudiNaming({ env: config.env, platformInstance: config.platform_instance });
    this.tablePattern = new AllowDenyPattern(config.table_pattern);
  }

  private resolve(p: string): string {
    return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(p) ? p : path.resolve(this.ctx.baseDir, p);
  }

  private async basePaths(): Promise<string[]> {
    const out = new Set(this.config.base_paths.map((p) => this.resolve(p)));
    if (this.config.root) {
      const root = this.resolve(this.config.root);
      const found = await discoverTables(this.storage, root, this.config.max_discovery_depth);
      if (found.length === 0) this.report.warning('No Hudi tables found', 'no folder holding a .hoodie folder', root);
      this.report.tablesDiscovered += found.length;
      for (const f of found) out.add(f);
    }
    return [...out];
  }

  async *workunits(): AsyncIterable<WorkUnit> {
    let paths: string[];
    try {
      paths = await this.basePaths();
    } catch (e) {
      this.report.failure('Could not list tables', (e as Error).message, this.config.root ?? undefined);
      return;
    }
    for (const basePath of paths) {
      let mcps: MetadataChangeProposal[];
      try {
        mcps = await this.report.timeStage('Metadata extraction', () => this.table(basePath));
      } catch (e) {
        const title = e instanceof NotAHudiTable ? 'Not a Hudi table' : 'Failed to read table';
        this.report.failure(title, (e as Error).message, basePath);
        continue;
      }
      for (const mcp of mcps) yield workUnit(mcp, `${mcp.entityUrn}-${mcp.aspectName}-${this.report.eventsProduced}`);
    }
  }

  /** Every aspect of one table, built before any is yielded so a failure leaves no half. */
  private async table(basePath: string): Promise<MetadataChangeProposal[]> {
    const { report, config } = this;
    const table = await readTable(this.storage, basePath, (title, message, context) => report.warning(title, message, context));
    const names = this.names(table);
    if (!this.tablePattern.allowed(names.patternName)) {
      report.reportFiltered(names.patternName);
      return [];
    }
    report.tablesScanned++;
    report.instantsRead += table.timeline.instants.length;
    report.commitMetadataRead += table.commits.filter((c) => c.metadata).length;
    const urn = this.naming.datasetUrn(names.qualifiedName);

    const versions = schemaVersions(table.commits);
    const out: MetadataChangeProposal[] = [makeMcp(urn, 'status', { removed: false })];
    for (const v of await this.versionsToEmit(urn, versions)) {
      try {
        out.push(makeMcp(urn, 'schemaMetadata', schemaMetadata(names.qualifiedName, v, table.properties)));
        report.schemaVersionsEmitted++;
      } catch (e) {
        if (!(e instanceof AvroSchemaError)) throw e;
        report.warning('Unreadable commit schema', e.message, `${basePath} @ ${v.firstInstant}`);
      }
    }
    // Partitions (and, for profiling, the data files) from the latest file slices on storage.
    let slices: FileSlice[] | null = null;
    if (config.include_partitions || config.profiling.enabled) {
      try {
        slices = await tableFileSlices(this.storage, table);
      } catch (e) {
        report.warning('Could not list data files', `${(e as Error).message}; partitions and profile left out`, basePath);
      }
    }
    const props = datasetProperties(table, names, versions, config.max_time_travel_points);
    if (slices && config.include_partitions) {
      const partitions = [...new Set(slices.map((s) => s.partition))].filter((p) => p !== '').sort();
      const custom = props.customProperties as Record<string, string>;
      custom['hudi.partitions.count'] = String(partitions.length);
      if (partitions.length) custom['hudi.partitions'] = partitions.slice(0, config.max_partitions_listed).join(',');
      custom['hudi.file_groups.count'] = String(slices.length);
    }
    out.push(makeMcp(urn, 'datasetProperties', props));
    out.push(makeMcp(urn, 'subTypes', { typeNames: ['Table'] }));
    const instance = this.naming.platformInstanceUrn();
    if (instance) out.push(makeMcp(urn, 'dataPlatformInstance', { platform: `urn:li:dataPlatform:${PLATFORM}`, instance }));
    if (config.include_lineage) out.push(...this.lineage(table, urn));
    if (config.profiling.enabled && slices) {
      // A data file that cannot be read costs the profile, never the table's metadata.
      try {
        const result = await report.timeStage('Profiling', () => profileHudiTable(this.storage, table, slices, config.profiling, this.runTime));
        for (const n of result.notes) report.info(n.title, n.message, basePath);
        if (result.aspect) {
          out.push(makeMcp(urn, 'datasetProfile', result.aspect));
          report.tablesProfiled++;
        }
      } catch (e) {
        report.warning('Profiling failed', `${(e as Error).message}; the table is ingested without a profile`, basePath);
      }
    }
    if (config.include_operations) {
      for (const commit of table.commits) {
        const op = operation(commit);
        if (!op) {
          report.warning('Instant time is not a time', `instant ${commit.instant.requestedTime}; no operation emitted`, commit.instant.file);
          continue;
        }
        out.push(makeMcp(urn, 'operation', op));
        report.operationsEmitted++;
      }
    }
    return out;
  }

  /** Lineage from the DeltaStreamer checkpoint's source to the table, and from the table to its synced tables. */
  private lineage(table: HudiTable, urn: string): MetadataChangeProposal[] {
    const { upstreams, synced } = hudiLineage(table, {
      env: this.config.env,
      syncedPlatform: this.config.synced_table_platform,
      syncedPlatformInstance: this.config.synced_table_platform_instance,
    });
    const out: MetadataChangeProposal[] = [];
    if (upstreams.length) {
      out.push(
        makeMcp(urn, 'upstreamLineage', {
          upstreams: upstreams.map((u) => ({
            dataset: u.urn,
            type: 'TRANSFORMED',
            auditStamp: { time: instantMillis(u.instant) ?? 0, actor: 'urn:li:corpuser:unknown' },
            properties: { source: u.from, instant: u.instant },
          })),
        }),
      );
      this.report.lineageEdges += upstreams.length;
    }
    // The same aspect the glue source writes on a Glue table over a Hudi table: one VIEW upstream.
    for (const s of synced) {
      out.push(makeMcp(s, 'upstreamLineage', { upstreams: [{ dataset: urn, type: 'VIEW', auditStamp: { time: 0, actor: 'urn:li:corpuser:unknown' } }] }));
      this.report.lineageEdges++;
    }
    return out;
  }

  async close(): Promise<void> {
    this.s3?.client.destroy();
  }

  /**
   * Schema history: every distinct schema, oldest first, unless the catalog already holds one of
   * them as the latest; then only the ones after it (re-running adds no duplicate versions).
   */
  private async versionsToEmit(urn: string, versions: SchemaVersion[]): Promise<SchemaVersion[]> {
    if (versions.length === 0) return [];
    if (!this.config.include_schema_history) return versions.slice(-1);
    const current = this.ctx.catalog ? await this.ctx.catalog.getAspect(urn, 'schemaMetadata').catch(() => null) : null;
    const at = current ? versions.map((v) => v.hash).lastIndexOf(String(current.hash)) : -1;
    return at >= 0 ? versions.slice(Math.min(at + 1, versions.length - 1)) : versions;
  }

  private names(table: HudiTable): { name: string; qualifiedName: string; patternName: string } {
    const p = table.properties;
    const name = p.name ?? path.basename(table.basePath);
    const patternName = p.databaseName ? `${p.databaseName}.${name}` : name;
    let qualifiedName = basePathName(table.basePath);
    if (this.config.dataset_name === 'database_table') {
      if (p.databaseName && p.name) qualifiedName = `${p.databaseName}.${p.name}`;
      else this.report.info('No database name', 'hoodie.database.name is not set; the dataset is named by its base path', table.basePath);
    }
    return { name, qualifiedName, patternName };
  }
}

export const hudiSource: SourcePlugin<HudiSourceConfig> = {
  type: 'hudi',
  description: 'Apache Hudi tables from their .hoodie folder (0.x and 1.x timelines): properties, keys, partitioning, schema history and an operation per commit',
  platform: PLATFORM,
  configSchema: hudiSourceConfigSchema,
  create: (config, ctx) => new HudiSource(config, ctx),
};
