// Turns a batch of proposals plus the current latest rows into the set of row writes, the
// per-proposal results and the change logs. Pure: no SQL here, so the versioning rules are read
// (and tested) in one place. Proposals are applied in order against an in-memory view of the
// latest rows, so the same (urn, aspect) twice in a batch gets consecutive versions.
import { applyPatch, PatchError } from '../../model/patch.js';
import type { AspectValue, MetadataChangeLog, MetadataChangeProposal, PatchOperation, SystemMetadata } from '../../model/mcp.js';
import { isTimeseriesAspect, validateAspect } from '../../model/aspects/registry.js';
import { jsonEqual } from './canonical-json.js';
import { InvalidProposalError, StoreConflictError } from './errors.js';
import { isStaleSchemaVersion, schemaHash, SCHEMA_ASPECT } from './schema-versions.js';
import type { ApplyResult } from './store.js';

/** The version-0 row of an aspect as read at the start of the transaction. */
export interface LatestRow {
  urn: string;
  aspect: string;
  metadata: AspectValue;
  systemmetadata: SystemMetadata | null;
  /** The aspect's version number: 1 for the first value, +1 for each change. */
  seq: number;
}

export interface LatestWrite {
  urn: string;
  aspect: string;
  /** The seq the row must still have (optimistic concurrency); absent for new rows. */
  expectSeq: number | null;
  seq: number;
  /** null = value unchanged, only systemMetadata refreshed. */
  metadata: AspectValue | null;
  systemMetadata: SystemMetadata;
}

export interface HistoryWrite {
  urn: string;
  aspect: string;
  version: number;
  metadata: AspectValue;
  systemMetadata: SystemMetadata | null;
}

export interface TimeseriesWrite {
  urn: string;
  aspect: string;
  timestampMillis: number;
  partition: string;
  messageId: string;
  value: AspectValue;
  systemMetadata: SystemMetadata;
}

export interface WritePlan {
  /** Existing aspects to remove entirely (all versions), guarded by their seq. */
  deletes: Array<{ urn: string; aspect: string; expectSeq: number }>;
  /** Existing latest rows to update; when the value changed the old row is copied to history as version expectSeq. */
  updates: LatestWrite[];
  /** New latest rows (aspect absent, or deleted earlier in the batch). */
  inserts: LatestWrite[];
  /** History rows for values superseded within this batch. */
  history: HistoryWrite[];
  timeseries: TimeseriesWrite[];
  /** Entities that may be new: urns given a value for an aspect they did not have. */
  entities: Array<{ urn: string; entityType: string }>;
  results: ApplyResult['results'];
  logs: MetadataChangeLog[];
}

export interface PlanContext {
  now: number;
  actor: string;
}

interface KeyState {
  urn: string;
  aspect: string;
  db: LatestRow | null;
  deleted: boolean;
  current: { value: AspectValue; sys: SystemMetadata; seq: number } | null;
  /** The current value differs from the db row (new seq) or its systemMetadata was refreshed. */
  dirty: boolean;
  history: HistoryWrite[];
  /** schemaMetadata only: hashes of the versions before the current one (schema-versions.ts). */
  earlierHashes?: Set<string>;
}

export const keyOf = (urn: string, aspect: string): string => `${urn}\u0000${aspect}`;

const WRITE_TYPES = new Set(['UPSERT', 'CREATE', 'UPDATE', 'RESTATE', 'CREATE_ENTITY', 'PATCH']);

/** Checks what can be checked without the database (shape, aspect validity); throws on the first bad proposal. */
export function prevalidate(proposals: readonly MetadataChangeProposal[]): void {
  proposals.forEach((p, i) => {
    const fail = (errors: string[]): never => {
      throw new InvalidProposalError(i, String(p?.entityUrn), p?.aspectName ?? null, errors);
    };
    if (!p || typeof p.entityUrn !== 'string' || p.entityUrn.length === 0) fail(['entityUrn is required']);
    if (typeof p.aspectName !== 'string' || p.aspectName.length === 0) fail([`aspectName is required for ${p.changeType}`]);
    if (p.changeType === 'DELETE') return;
    if (!WRITE_TYPES.has(p.changeType)) fail([`changeType ${String(p.changeType)} is not supported`]);
    if (p.changeType === 'PATCH') {
      if (!Array.isArray(p.aspect)) fail(['a PATCH needs an array of patch operations']);
      if (isTimeseriesAspect(p.aspectName!)) fail(['timeseries aspects cannot be patched']);
      return;
    }
    const check = validateAspect(p.aspectName!, p.aspect);
    if (!check.ok) fail(check.errors);
    if (isTimeseriesAspect(p.aspectName!) && typeof (p.aspect as AspectValue).timestampMillis !== 'number') {
      fail(['a timeseries aspect needs a numeric timestampMillis']);
    }
  });
}

export function planWrites(
  proposals: readonly MetadataChangeProposal[],
  latest: ReadonlyMap<string, LatestRow>,
  ctx: PlanContext,
  /** schemaMetadata hashes of the stored history rows (version > 0), by urn. */
  schemaHistory: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): WritePlan {
  const plan: WritePlan = { deletes: [], updates: [], inserts: [], history: [], timeseries: [], entities: [], results: [], logs: [] };
  const states = new Map<string, KeyState>();
  const timeseries = new Map<string, TimeseriesWrite>();
  const newEntities = new Map<string, string>();
  const created = { time: ctx.now, actor: ctx.actor };

  proposals.forEach((p, index) => {
    const urn = p.entityUrn;
    const aspect = p.aspectName!;
    const sysIn: SystemMetadata = { lastObserved: ctx.now, runId: 'no-run-id-provided', ...p.systemMetadata };
    const log = (extra: Partial<MetadataChangeLog>): void => {
      plan.logs.push({ entityType: p.entityType, entityUrn: urn, changeType: p.changeType, aspectName: aspect, created, ...extra });
    };

    if (isTimeseriesAspect(aspect)) {
      const value = p.aspect as AspectValue;
      const partition = String((value.partitionSpec as { partition?: unknown } | undefined)?.partition ?? '');
      const messageId = String(value.messageId ?? '');
      const write = { urn, aspect, timestampMillis: value.timestampMillis as number, partition, messageId, value, systemMetadata: sysIn };
      timeseries.set(`${keyOf(urn, aspect)}\u0000${write.timestampMillis}\u0000${partition}\u0000${messageId}`, write);
      newEntities.set(urn, p.entityType);
      plan.results.push({ urn, aspectName: aspect, outcome: 'appended', version: null });
      log({ aspect: value, systemMetadata: sysIn, version: null });
      return;
    }

    const key = keyOf(urn, aspect);
    let state = states.get(key);
    if (!state) {
      const db = latest.get(key) ?? null;
      const current = db && { value: db.metadata, sys: db.systemmetadata ?? {}, seq: db.seq };
      state = { urn, aspect, db, deleted: false, current, dirty: false, history: [] };
      if (aspect === SCHEMA_ASPECT) state.earlierHashes = new Set(db ? (schemaHistory.get(urn) ?? []) : []);
      states.set(key, state);
    }
    const s = state;

    const expected = p.headers?.['If-Version-Match'];
    if (expected !== undefined) {
      const actual = s.current ? String(s.current.seq) : '-1';
      if (String(expected) !== actual) {
        throw new StoreConflictError(`${urn} aspect ${aspect}: If-Version-Match expected version ${expected}, actual version ${actual}`);
      }
    }

    if (p.changeType === 'DELETE') {
      if (!s.current) {
        plan.results.push({ urn, aspectName: aspect, outcome: 'unchanged', version: null });
        return;
      }
      log({ previousAspectValue: s.current.value, previousSystemMetadata: s.current.sys, version: null });
      if (s.db) s.deleted = true;
      s.current = null;
      s.dirty = false;
      s.history = [];
      if (s.earlierHashes) s.earlierHashes.clear();
      plan.results.push({ urn, aspectName: aspect, outcome: 'deleted', version: null });
      return;
    }

    let value = p.aspect as AspectValue;
    if (p.changeType === 'PATCH') {
      try {
        value = applyPatch(aspect, s.current?.value ?? null, p.aspect as PatchOperation[], ctx);
      } catch (error) {
        if (error instanceof PatchError) throw new InvalidProposalError(index, urn, aspect, [error.message]);
        throw error;
      }
      const check = validateAspect(aspect, value);
      if (!check.ok) throw new InvalidProposalError(index, urn, aspect, check.errors);
    }

    const previous = s.current;
    const stale = s.earlierHashes !== undefined && previous !== null && isStaleSchemaVersion(value, previous.value, s.earlierHashes);
    if (previous && (stale || jsonEqual(previous.value, value))) {
      // Same value: no new version, no change log (RESTATE re-announces it); refresh when it was last seen.
      const sys = { ...previous.sys, lastObserved: sysIn.lastObserved, runId: sysIn.runId };
      if (!jsonEqual(sys, previous.sys)) {
        previous.sys = sys;
        s.dirty = true;
      }
      plan.results.push({ urn, aspectName: aspect, outcome: 'unchanged', version: previous.seq });
      if (p.changeType === 'RESTATE' && !stale) log({ aspect: value, systemMetadata: previous.sys, previousAspectValue: value, version: previous.seq });
      return;
    }

    const seq = previous ? previous.seq + 1 : 1;
    // The superseded value becomes history version `previous.seq`; the db row is copied by the
    // update statement itself, values superseded inside this batch are written from here.
    if (previous && !(s.db && !s.deleted && previous.seq === s.db.seq)) {
      s.history.push({ urn, aspect, version: previous.seq, metadata: previous.value, systemMetadata: previous.sys });
    }
    const sys = { ...sysIn, version: String(seq) };
    if (s.earlierHashes && previous) s.earlierHashes.add(schemaHash(previous.value));
    s.current = { value, sys, seq };
    s.dirty = true;
    if (!previous) newEntities.set(urn, p.entityType);
    plan.results.push({ urn, aspectName: aspect, outcome: previous ? 'updated' : 'created', version: seq });
    log({
      changeType: p.changeType === 'PATCH' ? 'UPSERT' : p.changeType,
      aspect: value,
      systemMetadata: sys,
      previousAspectValue: previous?.value ?? null,
      previousSystemMetadata: previous?.sys ?? null,
      version: seq,
    });
  });

  for (const s of states.values()) {
    if (s.deleted) plan.deletes.push({ urn: s.urn, aspect: s.aspect, expectSeq: s.db!.seq });
    plan.history.push(...s.history);
    if (!s.current || !s.dirty) continue;
    const replacesDbRow = s.db !== null && !s.deleted;
    const write: LatestWrite = {
      urn: s.urn,
      aspect: s.aspect,
      expectSeq: replacesDbRow ? s.db!.seq : null,
      seq: s.current.seq,
      metadata: replacesDbRow && s.current.seq === s.db!.seq ? null : s.current.value,
      systemMetadata: s.current.sys,
    };
    (replacesDbRow ? plan.updates : plan.inserts).push(write);
  }
  plan.timeseries = [...timeseries.values()];
  plan.entities = [...newEntities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([urn, entityType]) => ({ urn, entityType }));
  return plan;
}
