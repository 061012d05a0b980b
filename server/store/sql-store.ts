// The metadata store on SQL: PGlite embedded or a PostgreSQL server, the same statements on both.
// apply() reads the latest rows of the whole batch, plans the writes in memory (write-plan.ts),
// writes them set-based in one transaction guarded by each row's seq, retries the transaction
// when a concurrent writer got there first, and publishes the change logs after the commit.
import type { AspectValue, MetadataChangeLog, MetadataChangeProposal } from '../../model/mcp.js';
import { isTimeseriesAspect } from '../../model/aspects/registry.js';
import { entityTypeOf } from '../../model/urn.js';
import type { EventBus } from '../events/bus.js';
import { StoreConflictError } from './errors.js';
import { AspectTables, ConcurrentWriteError } from './sql/aspect-tables.js';
import { isWriteConflict, type SqlDriver, type SqlExecutor } from './sql/driver.js';
import type { ApplyResult, MetadataStore, StoredAspect, TimeseriesValue } from './store.js';
import { SCHEMA_ASPECT } from './schema-versions.js';
import { keyOf, planWrites, prevalidate, type LatestRow, type WritePlan } from './write-plan.js';

export interface SqlMetadataStoreOptions {
  /** Where committed writes publish their change logs. */
  bus?: EventBus;
  /** PostgreSQL schema holding the tables (default `public`). */
  schema?: string;
  /** Actor recorded when a call gives none (default `urn:li:corpuser:datahub`). */
  defaultActor?: string;
  /** Attempts of a transaction that lost a race with a concurrent writer (default 10). */
  maxAttempts?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export const DEFAULT_ACTOR = 'urn:li:corpuser:datahub';
const DEFAULT_TIMESERIES_LIMIT = 10_000;

export class SqlMetadataStore implements MetadataStore {
  private readonly tables: AspectTables;
  private readonly bus: EventBus | undefined;
  private readonly defaultActor: string;
  private readonly maxAttempts: number;
  private readonly now: () => number;
  /** Counters for operators and tests: transactions retried after losing a race to another writer. */
  readonly stats = { retriedTransactions: 0 };
  /** Publishing is serialised so subscribers see commits in commit order. */
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    readonly driver: SqlDriver,
    options: SqlMetadataStoreOptions = {},
  ) {
    this.tables = new AspectTables(options.schema ?? 'public');
    this.bus = options.bus;
    this.defaultActor = options.defaultActor ?? DEFAULT_ACTOR;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.now = options.now ?? Date.now;
  }

  async apply(proposals: MetadataChangeProposal[], options: { actor?: string } = {}): Promise<ApplyResult> {
    if (proposals.length === 0) return { results: [], logs: [] };
    prevalidate(proposals);
    const actor = options.actor ?? this.defaultActor;
    const keys = versionedKeys(proposals);
    // The latest rows are read before the transaction begins: every write of the plan is guarded
    // (seq-checked updates and deletes, unique keys for inserts), so a row changed after the read
    // fails the transaction and the attempt starts again from a fresh read, exactly as a change
    // committed between the read and the writes of one READ COMMITTED transaction would. Reading
    // outside keeps the transaction short and lets a pipelined caller plan the next batch while
    // the current one is written (PGlite in a worker, a server).
    const plan = await this.withRetry(async (now) => {
      const latest = new Map<string, LatestRow>();
      for (const row of await this.tables.readLatest(this.driver, keys)) latest.set(keyOf(row.urn, row.aspect), row);
      // schemaMetadata keeps each distinct schema once (schema-versions.ts): its history's hashes.
      const schemaUrns = keys.filter((k) => k.aspect === SCHEMA_ASPECT && latest.has(keyOf(k.urn, k.aspect))).map((k) => k.urn);
      const schemaHistory = await this.tables.readHistoryHashes(this.driver, SCHEMA_ASPECT, schemaUrns);
      const planned = planWrites(proposals, latest, { now, actor }, schemaHistory);
      if (hasWrites(planned)) await this.driver.transaction((tx) => this.write(tx, planned, now, actor));
      return planned;
    });
    await this.publish(plan.logs);
    return { results: plan.results, logs: plan.logs };
  }

  private async write(tx: SqlExecutor, plan: WritePlan, now: number, actor: string): Promise<void> {
    await this.tables.deleteAspects(tx, plan.deletes);
    // A changed value: the old latest row becomes history in place, the new one is inserted with
    // the new aspects (one COPY). An unchanged value: only its systemMetadata is rewritten.
    const changed = plan.updates.filter((u) => u.metadata !== null);
    await this.tables.retireLatest(tx, changed);
    await this.tables.refreshSystemMetadata(tx, plan.updates.filter((u) => u.metadata === null));
    await this.tables.insertLatest(tx, changed.length === 0 ? plan.inserts : [...changed, ...plan.inserts], now, actor);
    await this.tables.insertHistory(tx, plan.history, now, actor);
    await this.tables.upsertTimeseries(tx, plan.timeseries, now);
    await this.tables.insertEntities(tx, plan.entities, now);
  }

  /** Runs `attempt` again (with a fresh clock and a short random backoff) when it lost a race. */
  private async withRetry<T>(attempt: (now: number) => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt(this.now());
      } catch (error) {
        const conflict = error instanceof ConcurrentWriteError || isWriteConflict(error);
        if (!conflict) throw error;
        if (n >= this.maxAttempts) {
          throw new StoreConflictError(`gave up after ${n} attempts: concurrent writers kept changing the same aspects (${(error as Error).message})`);
        }
        this.stats.retriedTransactions++;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 2 ** n)));
      }
    }
  }

  private publish(logs: readonly MetadataChangeLog[]): Promise<void> {
    const bus = this.bus;
    if (!bus || logs.length === 0) return Promise.resolve();
    const next = this.publishing.then(() => bus.publish(logs)).catch(() => {});
    this.publishing = next;
    return next;
  }

  async getAspect(urn: string, aspectName: string, version = 0): Promise<StoredAspect | null> {
    if (isTimeseriesAspect(aspectName)) {
      // DataHub answers a timeseries aspect read with its newest point.
      const [point] = await this.tables.getTimeseries(this.driver, urn, aspectName, null, null, 1);
      if (!point || version !== 0) return null;
      return { urn, aspectName, version: 0, value: point.value, systemMetadata: point.systemMetadata, createdOn: new Date(point.timestampMillis), createdBy: '' };
    }
    return this.tables.getAspect(this.driver, urn, aspectName, version);
  }

  getAspectVersions(urn: string, aspectName: string): Promise<StoredAspect[]> {
    return this.tables.getVersions(this.driver, urn, aspectName);
  }

  async getEntity(urn: string): Promise<Record<string, AspectValue> | null> {
    const rows = await this.tables.getLatestOfEntity(this.driver, urn);
    if (rows.length === 0) return null;
    return Object.fromEntries(rows.map((r) => [r.aspect, r.metadata]));
  }

  getTimeseries(
    urn: string,
    aspectName: string,
    options: { startTimeMillis?: number; endTimeMillis?: number; limit?: number } = {},
  ): Promise<TimeseriesValue[]> {
    return this.tables.getTimeseries(
      this.driver,
      urn,
      aspectName,
      options.startTimeMillis ?? null,
      options.endTimeMillis ?? null,
      options.limit ?? DEFAULT_TIMESERIES_LIMIT,
    );
  }

  async softDelete(urn: string, options: { actor?: string } = {}): Promise<void> {
    await this.apply([{ entityType: entityTypeOf(urn), entityUrn: urn, changeType: 'UPSERT', aspectName: 'status', aspect: { removed: true } }], options);
  }

  async hardDelete(urn: string, options: { actor?: string } = {}): Promise<number> {
    const actor = options.actor ?? this.defaultActor;
    const entityType = entityTypeOf(urn);
    const { removed, logs } = await this.withRetry((now) =>
      this.driver.transaction(async (tx) => {
        const latest = await this.tables.getLatestOfEntity(tx, urn);
        const timeseries = await this.tables.timeseriesAspectsOf(tx, urn);
        const removed = await this.tables.deleteEntity(tx, urn);
        const created = { time: now, actor };
        const logs: MetadataChangeLog[] = [
          ...latest.map((r) => ({
            entityType, entityUrn: urn, changeType: 'DELETE' as const, aspectName: r.aspect, created,
            previousAspectValue: r.metadata, previousSystemMetadata: r.systemmetadata, version: null,
          })),
          ...timeseries.map((aspect) => ({ entityType, entityUrn: urn, changeType: 'DELETE' as const, aspectName: aspect, created, version: null })),
        ];
        return { removed, logs };
      }),
    );
    await this.publish(logs);
    return removed;
  }

  listUrns(options: { entityType?: string; start?: number; count?: number } = {}): Promise<string[]> {
    return this.tables.listUrns(this.driver, options.entityType ?? null, options.start ?? 0, options.count ?? 1000);
  }

  findReferencing(aspectName: string, fragment: AspectValue, limit = 1000): Promise<string[]> {
    return this.tables.findContaining(this.driver, aspectName, fragment, limit);
  }

  listRecentlyChanged(options: { entityType?: string; count?: number } = {}): Promise<Array<{ urn: string; changedAt: Date }>> {
    return this.tables.recentlyChanged(this.driver, options.entityType ?? null, options.count ?? 20);
  }

  async close(): Promise<void> {
    await this.publishing;
    await this.driver.close();
  }
}

function hasWrites(p: WritePlan): boolean {
  return p.deletes.length + p.updates.length + p.inserts.length + p.history.length + p.timeseries.length + p.entities.length > 0;
}

/** The distinct (urn, aspect) pairs of the versioned aspects a batch touches. */
function versionedKeys(proposals: readonly MetadataChangeProposal[]): Array<{ urn: string; aspect: string }> {
  const seen = new Map<string, { urn: string; aspect: string }>();
  for (const p of proposals) {
    if (isTimeseriesAspect(p.aspectName!)) continue;
    const key = keyOf(p.entityUrn, p.aspectName!);
    if (!seen.has(key)) seen.set(key, { urn: p.entityUrn, aspect: p.aspectName! });
  }
  return [...seen.values()];
}
