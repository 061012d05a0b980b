// The `postgres` source: databases and schemas as containers; tables, views and materialized
// views as datasets with properties, schema (keys and foreign keys), subtypes, container and
// browse path; view lineage down to columns parsed from the view definitions; with profiling on,
// a datasetProfile per table (profiler.ts) after each database's metadata. One catalog connection;
// the profiler opens its own. A table that fails is reported by name and the run goes on; a lost connection ends the
// stream with a failure.
import pg from 'pg';
import type { RunContext, Source, SourcePlugin } from '../../api/plugin.js';
import { workUnit, type WorkUnit } from '../../api/workunit.js';
import { AllowDenyPattern } from '../../common/pattern.js';
import { makeMcp, type AspectValue, type MetadataChangeProposal } from '../../../model/mcp.js';
import { dataPlatformUrn, schemaFieldUrn } from '../../../model/urn.js';
import { postgresSourceConfigSchema, unimplementedRequests, type PostgresSourceConfig } from './config.js';
import { clientConfig, configuredDatabase } from './connection.js';
import { browsePath, databaseContainer, dataPlatformInstanceAspect, schemaContainer } from './containers.js';
import {
  listColumns, listConstraints, listDatabases, listRelations, listSchemas, resolveRelation, viewDefinition,
  type PgColumn, type PgConstraint, type PgRelation, type ResolvedRelation,
} from './introspect.js';
import { viewLineage, ViewParseError, type ViewLineage } from './lineage.js';
import { PLATFORM, PostgresNaming } from './naming.js';
import { profileTables, type ProfileRequest } from './profiler.js';
import { PostgresSourceReport } from './report.js';
import { fieldType } from './types.js';

const UNKNOWN_STAMP = { time: 0, actor: 'urn:li:corpuser:unknown' };
const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema']);
const TABLE_TYPES: Record<string, string> = { r: 'BASE TABLE', p: 'PARTITIONED TABLE', v: 'VIEW', m: 'MATERIALIZED VIEW' };

export type ClientFactory = (settings: pg.ClientConfig) => pg.Client;

/** The server went away: ends the stream (with a failure) rather than failing every table after. */
class ConnectionLost extends Error {
  override name = 'ConnectionLost';
}

function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (err.code && (err.code.startsWith('08') || err.code === '57P01' || err.code === '57P02' || err.code === '57P03')) return true;
  if (err.code && /^E[A-Z]+$/.test(err.code)) return true; // ECONNRESET, EPIPE, ECONNREFUSED ...
  return /connection terminated|connection error|not queryable|client was closed|socket/i.test(err.message ?? '');
}

export class PostgresSource implements Source {
  readonly report = new PostgresSourceReport();
  private readonly naming: PostgresNaming;
  private readonly profilePattern: AllowDenyPattern;
  private readonly patterns: Record<'database' | 'schema' | 'table' | 'view', AllowDenyPattern>;
  private client: pg.Client | null = null;
  /** Tables of the current database to profile once its metadata is out. */
  private profileQueue: ProfileRequest[] = [];
  /** The run's time, carried by every datasetProfile of the run. */
  private readonly runTime = Date.now();

  constructor(
    private readonly config: PostgresSourceConfig,
    private readonly ctx: RunContext,
    private readonly newClient: ClientFactory = (settings) => new pg.Client(settings),
  ) {
    ctx.registerSecret(config.password);
    ctx.registerSecret(config.sqlalchemy_uri);
    this.naming = new PostgresNaming({
      env: config.env,
      platformInstance: config.platform_instance,
      lowercase: config.convert_urns_to_lowercase,
    });
    this.patterns = {
      database: new AllowDenyPattern(config.database_pattern),
      schema: new AllowDenyPattern(config.schema_pattern),
      table: new AllowDenyPattern(config.table_pattern),
      view: new AllowDenyPattern(config.view_pattern),
    };
    this.profilePattern = new AllowDenyPattern(config.profile_pattern);
  }

  private where(database?: string): string {
    const host = this.config.sqlalchemy_uri ? 'sqlalchemy_uri' : this.config.host_port;
    return database ? `${host}/${database}` : host;
  }

  private async connect(database?: string): Promise<pg.Client> {
    const client = this.newClient(clientConfig(this.config, this.ctx.baseDir, database));
    // Without a listener a dropped socket is an unhandled 'error' event; the failing query reports it.
    client.on('error', (e) => this.ctx.logger.warn(`connection error: ${e.message}`));
    await client.connect();
    this.client = client;
    return client;
  }

  private async disconnect(): Promise<void> {
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }

  async *workunits(): AsyncIterable<WorkUnit> {
    const { config, report } = this;
    for (const message of unimplementedRequests(config)) report.info('Not implemented yet', message);
    if (config.auth_mode === 'AWS_IAM') {
      report.failure('Unsupported auth_mode', 'AWS_IAM (RDS IAM tokens) is not supported yet; use PASSWORD', this.where());
      return;
    }
    const databases = await this.databases();
    if (databases === null) return;
    for (const database of databases) {
      try {
        await report.timeStage('Metadata extraction', async () => {
          await this.connect(configuredDatabase(config) ? undefined : database);
        });
      } catch (e) {
        report.failure('Could not connect', (e as Error).message, this.where(database));
        if (isConnectionError(e)) return;
        continue;
      }
      this.profileQueue = [];
      try {
        for await (const mcp of this.database(this.client!, database)) yield workUnit(mcp);
      } catch (e) {
        const message = (e as Error).message;
        report.failure(e instanceof ConnectionLost ? 'Connection lost' : 'Database extraction failed', message, this.where(database));
        if (e instanceof ConnectionLost) return;
      } finally {
        await this.disconnect();
      }
      // After the metadata connection is closed: a server may allow few connections.
      if (this.profileQueue.length) yield* this.profile(database);
    }
  }

  /** The databases to ingest: the configured one, or every one the pattern allows; null on failure. */
  private async databases(): Promise<string[] | null> {
    const single = configuredDatabase(this.config);
    if (single) return [single];
    try {
      const client = await this.connect();
      const all = await listDatabases(client);
      return all.filter((db) => {
        if (this.patterns.database.allowed(db)) return true;
        this.report.reportFiltered(db);
        return false;
      });
    } catch (e) {
      this.report.failure('Could not list databases', (e as Error).message, this.where(this.config.initial_database));
      return null;
    } finally {
      await this.disconnect();
    }
  }

  private async *database(client: pg.Client, database: string): AsyncIterable<MetadataChangeProposal> {
    const { report } = this;
    report.databasesScanned++;
    yield* databaseContainer(this.naming, database);
    const resolver = this.resolver(client);
    for (const schema of await guard(() => listSchemas(client))) {
      if (!this.patterns.schema.allowed(schema)) {
        report.reportFiltered(`${database}.${schema}`);
        continue;
      }
      report.schemasScanned++;
      yield* schemaContainer(this.naming, database, schema);
      for (const rel of await guard(() => listRelations(client, schema))) {
        const name = this.naming.qualifiedName(database, schema, rel.name);
        if (!this.wanted(rel.kind === 'table' ? 'table' : 'view', name)) continue;
        let mcps: MetadataChangeProposal[];
        try {
          mcps = await guard(() => this.dataset(client, database, rel, resolver));
        } catch (e) {
          if (e instanceof ConnectionLost) throw e;
          const err = e as { code?: string; message: string };
          if (err.code === '42501') report.warning('Permission denied', err.message, name);
          else report.failure('Failed to extract table', err.message, name);
          continue;
        }
        yield* mcps;
      }
    }
  }

  private profilingToday(): boolean {
    const op = this.config.profiling.operation_config;
    if (!op.lower_freq_profile_enabled) return true;
    const now = new Date(this.runTime);
    if (op.profile_day_of_week !== null && (now.getDay() + 6) % 7 !== op.profile_day_of_week) return false;
    if (op.profile_date_of_month !== null && now.getDate() !== op.profile_date_of_month) return false;
    return true;
  }

  private async *profile(database: string): AsyncIterable<WorkUnit> {
    const queue = this.profileQueue;
    this.profileQueue = [];
    const settings = clientConfig(this.config, this.ctx.baseDir, configuredDatabase(this.config) ? undefined : database);
    const deps = {
      config: this.config.profiling,
      profilePattern: this.profilePattern,
      report: this.report,
      timestampMillis: this.runTime,
      connect: async () => {
        const client = this.newClient(settings);
        client.on('error', (e) => this.ctx.logger.warn(`profiling connection error: ${e.message}`));
        try {
          await client.connect();
        } catch (e) {
          await client.end().catch(() => {});
          throw e;
        }
        return client;
      },
    };
    for await (const mcp of profileTables(queue, deps)) yield workUnit(mcp);
  }

  private wanted(kind: 'table' | 'view', name: string): boolean {
    const include = kind === 'table' ? this.config.include_tables : this.config.include_views;
    if (!include) return false;
    if (this.patterns[kind].allowed(name)) return true;
    this.report.reportFiltered(name);
    return false;
  }

  /** Every aspect of one table or view, built before any is yielded so a failure leaves no half. */
  private async dataset(client: pg.Client, database: string, rel: PgRelation, resolver: (s: string | null, n: string) => Promise<ResolvedRelation | null>): Promise<MetadataChangeProposal[]> {
    const { naming, report } = this;
    const name = naming.qualifiedName(database, rel.schema, rel.name);
    const urn = naming.datasetUrn(database, rel.schema, rel.name);
    const columns = await listColumns(client, rel.oid);
    const isView = rel.kind !== 'table';
    const constraints = rel.relkind === 'r' || rel.relkind === 'p' ? await listConstraints(client, rel.oid) : [];
    const definition = isView ? await viewDefinition(client, rel.oid) : null;
    if ((columns.length === 0 || (isView && definition === null)) && !(await exists(client, rel.oid))) {
      report.warning('Table disappeared during ingestion', `${rel.kind} was dropped while it was being read`, name);
      return [];
    }
    if (isView) report.viewsScanned++;
    else report.tablesScanned++;
    if (!isView && this.config.profiling.enabled && this.profilingToday()) {
      const unique = constraints.filter((c) => (c.kind === 'p' || c.kind === 'u') && c.columns.length === 1).map((c) => c.columns[0]!);
      this.profileQueue.push({ urn, name, relation: rel, columns, uniqueColumns: new Set(unique) });
    }

    const out: MetadataChangeProposal[] = [
      makeMcp(urn, 'status', { removed: false }),
      makeMcp(urn, 'datasetProperties', this.properties(rel, name)),
      makeMcp(urn, 'schemaMetadata', this.schema(database, name, urn, columns, constraints)),
      makeMcp(urn, 'container', { container: naming.schemaContainerUrn(database, rel.schema) }),
      makeMcp(urn, 'subTypes', { typeNames: [isView ? 'View' : 'Table'] }),
    ];
    const dpi = dataPlatformInstanceAspect(naming);
    if (dpi) out.push(makeMcp(urn, 'dataPlatformInstance', dpi));
    if (isView && definition !== null) {
      out.push(makeMcp(urn, 'viewProperties', { materialized: rel.kind === 'materialized_view', viewLogic: definition, viewLanguage: 'SQL' }));
    }
    out.push(makeMcp(urn, 'browsePathsV2', { path: browsePath(naming, database, rel.schema) }));
    if (isView && definition !== null && this.config.include_view_lineage) {
      const lineage = await this.lineage(database, name, urn, definition, columns, resolver);
      if (lineage) out.push(makeMcp(urn, 'upstreamLineage', lineage));
    }
    return out;
  }

  private properties(rel: PgRelation, name: string): AspectValue {
    const customProperties: Record<string, string> = { table_type: TABLE_TYPES[rel.relkind] ?? rel.relkind };
    if (rel.owner) customProperties.owner = rel.owner;
    if (rel.sizeBytes !== null) customProperties.size_in_bytes = String(rel.sizeBytes);
    if (rel.estimatedRows !== null) customProperties.estimated_row_count = String(rel.estimatedRows);
    const props: AspectValue = { customProperties, name: rel.name, qualifiedName: name, tags: [] };
    if (rel.description) props.description = rel.description;
    return props;
  }

  private schema(database: string, name: string, urn: string, columns: PgColumn[], constraints: PgConstraint[]): AspectValue {
    const pk = constraints.find((c) => c.kind === 'p');
    const keyColumns = new Set(pk?.columns ?? []);
    const fields = columns.map((c) => {
      const field: AspectValue = {
        fieldPath: c.name,
        nullable: !c.notNull,
        type: fieldType(c.type),
        nativeDataType: c.nativeType,
        recursive: false,
        isPartOfKey: keyColumns.has(c.name),
      };
      if (c.description) field.description = c.description;
      return field;
    });
    const schema: AspectValue = {
      schemaName: name,
      platform: dataPlatformUrn(PLATFORM),
      version: 0,
      created: UNKNOWN_STAMP,
      lastModified: UNKNOWN_STAMP,
      hash: '',
      platformSchema: { 'com.linkedin.schema.MySqlDDL': { tableSchema: '' } },
      fields,
    };
    if (pk) schema.primaryKeys = pk.columns;
    const fks = constraints.filter((c) => c.kind === 'f' && c.foreignSchema && c.foreignTable);
    if (fks.length) {
      schema.foreignKeys = fks.map((fk) => {
        const foreignDataset = this.naming.datasetUrn(database, fk.foreignSchema!, fk.foreignTable!);
        return {
          name: fk.name,
          foreignFields: fk.foreignColumns.map((c) => schemaFieldUrn(foreignDataset, c)),
          sourceFields: fk.columns.map((c) => schemaFieldUrn(urn, c)),
          foreignDataset,
        };
      });
    }
    return schema;
  }

  private async lineage(
    database: string,
    name: string,
    urn: string,
    definition: string,
    columns: PgColumn[],
    resolver: (s: string | null, n: string) => Promise<ResolvedRelation | null>,
  ): Promise<AspectValue | null> {
    const { report } = this;
    let lineage: ViewLineage;
    try {
      lineage = await viewLineage(definition, columns.map((c) => c.name), resolver);
    } catch (e) {
      if (!(e instanceof ViewParseError)) throw e;
      report.viewsFailedParsing++;
      report.warning('View definition not parsed', e.message, name);
      return null;
    }
    if (lineage.unresolved.length) report.warning('View reads relations that were not found', lineage.unresolved.join(', '), name);
    for (const note of lineage.notes) report.info('Column lineage incomplete', note, name);
    const upstreamRefs = lineage.upstreams.filter((u) => !SYSTEM_SCHEMAS.has(u.schema));
    if (upstreamRefs.length === 0) return null;
    for (const u of upstreamRefs) this.checkProduced(database, (await resolver(u.schema, u.name)) ?? { ...u, kind: null, columns: [] }, name);
    report.viewsWithLineage++;
    const aspect: AspectValue = {
      upstreams: upstreamRefs.map((u) => ({ auditStamp: UNKNOWN_STAMP, dataset: this.naming.datasetUrn(database, u.schema, u.name), type: 'VIEW' })),
    };
    if (this.config.include_view_column_lineage) {
      const confidence = lineage.unresolved.length || lineage.notes.length ? 0.5 : 1;
      const fine = lineage.columns
        .map((c) => ({ ...c, upstreams: c.upstreams.filter((u) => !SYSTEM_SCHEMAS.has(u.schema)) }))
        .filter((c) => c.upstreams.length)
        .map((c) => ({
          upstreamType: 'FIELD_SET',
          upstreams: c.upstreams.map((u) => schemaFieldUrn(this.naming.datasetUrn(database, u.schema, u.name), u.column)),
          downstreamType: 'FIELD',
          downstreams: [schemaFieldUrn(urn, c.downstream)],
          transformOperation: c.copy ? 'COPY' : 'TRANSFORM',
          confidenceScore: confidence,
        }));
      if (fine.length) {
        aspect.fineGrainedLineages = fine;
        report.viewsWithColumnLineage++;
      }
    }
    return aspect;
  }

  /** An upstream this run's patterns leave out is named in the report (the edge is still kept). */
  private checkProduced(database: string, u: ResolvedRelation, view: string): void {
    const name = this.naming.qualifiedName(database, u.schema, u.name);
    const kind = u.kind === 'table' ? 'table' : 'view';
    const include = kind === 'table' ? this.config.include_tables : this.config.include_views;
    if (!include || !this.patterns.schema.allowed(u.schema) || !this.patterns[kind].allowed(name)) {
      this.report.info('Lineage to a dataset this run does not ingest', `${view} reads ${name}`, view);
    }
  }

  /** Resolves the names view SQL uses, cached for the database's run. */
  private resolver(client: pg.Client): (schema: string | null, name: string) => Promise<ResolvedRelation | null> {
    const cache = new Map<string, Promise<ResolvedRelation | null>>();
    return (schema, name) => {
      const k = `${schema ?? ''}\u0000${name}`;
      let hit = cache.get(k);
      if (!hit) {
        hit = resolveRelation(client, schema, name);
        cache.set(k, hit);
      }
      return hit;
    };
  }

  async close(): Promise<void> {
    await this.disconnect();
  }
}

async function exists(client: pg.Client, oid: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_catalog.pg_class WHERE oid = $1::oid', [oid]);
  return rows.length > 0;
}

/** Runs a catalog query; a connection-level error becomes ConnectionLost. */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ConnectionLost || isConnectionError(e)) throw e instanceof ConnectionLost ? e : new ConnectionLost((e as Error).message);
    throw e;
  }
}

export const postgresSource: SourcePlugin<PostgresSourceConfig> = {
  type: 'postgres',
  description: 'PostgreSQL databases, schemas, tables and views, with keys, foreign keys and view lineage down to columns',
  platform: PLATFORM,
  configSchema: postgresSourceConfigSchema,
  create: (config, ctx) => new PostgresSource(config, ctx),
};
