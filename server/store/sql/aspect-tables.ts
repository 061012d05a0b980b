// The store's SQL, set-based: a batch of a thousand proposals costs a handful of statements.
// Aspect values are stored as JSON text (migration 2). New rows (latest and history) travel by
// COPY in text format where the executor offers it (both drivers do): no per-row parse at all in
// the database. Guarded statements take the batch as one JSON document
// (`json_to_recordset($1::json)`: json, not jsonb, scanned once; aspect values inside it are JSON
// strings holding their text, so they are unescaped, never parsed). Both measured well ahead of `unnest($1::text[], …)`, whose arrays both
// drivers escape element by element. Table names are qualified by the quoted schema; values are
// bound parameters or COPY data, never spliced into the SQL text.
import type { AspectValue, SystemMetadata } from '../../../model/mcp.js';
import type { StoredAspect, TimeseriesValue } from '../store.js';
import type { HistoryWrite, LatestRow, LatestWrite, TimeseriesWrite } from '../write-plan.js';
import { copyField, copyJsonField, quoteIdent, type SqlExecutor } from './driver.js';

/** Thrown inside a transaction when a guarded write found the row changed by someone else. */
export class ConcurrentWriteError extends Error {
  override name = 'ConcurrentWriteError';
}

interface AspectRow {
  urn: string;
  aspect: string;
  version: number;
  /** JSON text. */
  metadata: string;
  systemmetadata: string | null;
  createdon: Date;
  createdby: string;
}

/** A value as the JSON text stored for it (null stays null). */
const textOf = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

const toStored = (r: AspectRow): StoredAspect => ({
  urn: r.urn,
  aspectName: r.aspect,
  version: Number(r.version),
  value: JSON.parse(r.metadata) as AspectValue,
  systemMetadata: parseJson<SystemMetadata>(r.systemmetadata),
  createdOn: r.createdon instanceof Date ? r.createdon : new Date(r.createdon),
  createdBy: r.createdby,
});

export class AspectTables {
  private readonly aspects: string;
  private readonly timeseries: string;
  private readonly entities: string;

  constructor(schema: string) {
    const s = quoteIdent(schema);
    this.aspects = `${s}.metadata_aspect_v2`;
    this.timeseries = `${s}.metadata_timeseries`;
    this.entities = `${s}.metadata_entity`;
  }

  /**
   * The latest rows of the given aspects, read as one JSON document (far cheaper on PGlite than
   * row by row) that the database concatenates from the stored texts without parsing them.
   */
  async readLatest(db: SqlExecutor, keys: ReadonlyArray<{ urn: string; aspect: string }>): Promise<LatestRow[]> {
    if (keys.length === 0) return [];
    const [row] = await db.query<{ rows: string | null }>(
      `SELECT string_agg('[' || to_json(t.urn)::text || ',' || to_json(t.aspect)::text || ',' || t.seq || ','
                         || t.metadata || ',' || coalesce(t.systemmetadata, 'null') || ']', ',') AS rows
         FROM json_to_recordset($1::json) AS k(urn text, aspect text)
         JOIN ${this.aspects} t ON t.urn = k.urn AND t.aspect = k.aspect AND t.version = 0`,
      [JSON.stringify(keys)],
    );
    const tuples = JSON.parse(`[${row?.rows ?? ''}]`) as Array<[string, string, number, AspectValue, SystemMetadata | null]>;
    return tuples.map(([urn, aspect, seq, metadata, systemmetadata]) => ({ urn, aspect, seq: Number(seq), metadata, systemmetadata }));
  }

  /** The `hash` of every history row (version > 0) of one aspect of the given urns, by urn. */
  async readHistoryHashes(db: SqlExecutor, aspect: string, urns: readonly string[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    if (urns.length === 0) return out;
    const rows = await db.query<{ urn: string; hash: string | null }>(
      `SELECT t.urn, t.metadata::json->>'hash' AS hash
         FROM json_array_elements_text($1::json) AS k(urn)
         JOIN ${this.aspects} t ON t.urn = k.urn AND t.aspect = $2 AND t.version > 0`,
      [JSON.stringify(urns), aspect],
    );
    for (const r of rows) {
      if (!r.hash) continue;
      let set = out.get(r.urn);
      if (!set) out.set(r.urn, (set = new Set()));
      set.add(r.hash);
    }
    return out;
  }

  /** Removes every version of the given aspects, provided their latest row still has the expected seq. */
  async deleteAspects(db: SqlExecutor, keys: ReadonlyArray<{ urn: string; aspect: string; expectSeq: number }>): Promise<void> {
    if (keys.length === 0) return;
    const doc = JSON.stringify(keys.map((k) => ({ urn: k.urn, aspect: k.aspect, seq: k.expectSeq })));
    const guarded = await db.query(
      `DELETE FROM ${this.aspects} t USING jsonb_to_recordset($1::jsonb) AS k(urn text, aspect text, seq bigint)
        WHERE t.urn = k.urn AND t.aspect = k.aspect AND t.version = 0 AND t.seq = k.seq RETURNING 1`,
      [doc],
    );
    if (guarded.length !== keys.length) throw new ConcurrentWriteError('an aspect being deleted was changed concurrently');
    await db.query(
      `DELETE FROM ${this.aspects} t USING jsonb_to_recordset($1::jsonb) AS k(urn text, aspect text)
        WHERE t.urn = k.urn AND t.aspect = k.aspect`,
      [doc],
    );
  }

  /**
   * Turns the latest rows of aspects whose value changed into history: the version-0 row, guarded
   * by its seq, becomes version `expect` in place (DataHub's copy of the old latest row, without
   * sending the value anywhere). The new latest rows then go in with insertLatest.
   */
  async retireLatest(db: SqlExecutor, rows: readonly LatestWrite[]): Promise<void> {
    if (rows.length === 0) return;
    const moved = await db.query(
      `UPDATE ${this.aspects} t SET version = k.expect
         FROM json_to_recordset($1::json) AS k(urn text, aspect text, expect bigint)
        WHERE t.urn = k.urn AND t.aspect = k.aspect AND t.version = 0 AND t.seq = k.expect
       RETURNING 1`,
      [JSON.stringify(rows.map((r) => ({ urn: r.urn, aspect: r.aspect, expect: r.expectSeq })))],
    );
    if (moved.length !== rows.length) throw new ConcurrentWriteError('an aspect being updated was changed concurrently');
  }

  /** Rewrites the systemMetadata (lastObserved, runId) of latest rows whose value is unchanged, guarded by their seq. */
  async refreshSystemMetadata(db: SqlExecutor, rows: readonly LatestWrite[]): Promise<void> {
    if (rows.length === 0) return;
    // The text travels as a JSON string: the server unescapes it once and never parses it.
    const doc = rows.map((r) => ({ urn: r.urn, aspect: r.aspect, expect: r.expectSeq, sys: textOf(r.systemMetadata) }));
    const updated = await db.query(
      `UPDATE ${this.aspects} t SET systemmetadata = k.sys
         FROM json_to_recordset($1::json) AS k(urn text, aspect text, expect bigint, sys text)
        WHERE t.urn = k.urn AND t.aspect = k.aspect AND t.version = 0 AND t.seq = k.expect
       RETURNING 1`,
      [JSON.stringify(doc)],
    );
    if (updated.length !== rows.length) throw new ConcurrentWriteError('an aspect being updated was changed concurrently');
  }

  async insertLatest(db: SqlExecutor, rows: readonly LatestWrite[], now: number, actor: string): Promise<void> {
    if (rows.length === 0) return;
    if (db.copyFrom) {
      // A row created concurrently makes the COPY fail with unique_violation: the transaction is retried.
      const created = copyField(new Date(now).toISOString());
      const by = copyField(actor);
      let data = '';
      for (const r of rows) {
        data += `${copyField(r.urn)}\t${copyField(r.aspect)}\t0\t${copyJsonField(JSON.stringify(r.metadata))}\t${copyJsonField(JSON.stringify(r.systemMetadata))}\t${created}\t${by}\t${r.seq}\n`;
      }
      await db.copyFrom(`${this.aspects} (urn, aspect, version, metadata, systemmetadata, createdon, createdby, seq)`, data);
      return;
    }
    const doc = rows.map((r) => ({ urn: r.urn, aspect: r.aspect, seq: r.seq, metadata: textOf(r.metadata), sys: textOf(r.systemMetadata) }));
    const inserted = await db.query(
      `INSERT INTO ${this.aspects} (urn, aspect, version, metadata, systemmetadata, createdon, createdby, seq)
       SELECT k.urn, k.aspect, 0, k.metadata, k.sys, to_timestamp($2::float8 / 1000), $3::text, k.seq
         FROM json_to_recordset($1::json) AS k(urn text, aspect text, seq bigint, metadata text, sys text)
       ON CONFLICT (urn, aspect, version) DO NOTHING
       RETURNING 1`,
      [JSON.stringify(doc), now, actor],
    );
    if (inserted.length !== rows.length) throw new ConcurrentWriteError('an aspect being created was created concurrently');
  }

  async insertHistory(db: SqlExecutor, rows: readonly HistoryWrite[], now: number, actor: string): Promise<void> {
    if (rows.length === 0) return;
    if (db.copyFrom) {
      const created = copyField(new Date(now).toISOString());
      const by = copyField(actor);
      let data = '';
      for (const r of rows) {
        const sys = r.systemMetadata === null ? '\\N' : copyJsonField(JSON.stringify(r.systemMetadata));
        data += `${copyField(r.urn)}\t${copyField(r.aspect)}\t${r.version}\t${copyJsonField(JSON.stringify(r.metadata))}\t${sys}\t${created}\t${by}\t${r.version}\n`;
      }
      await db.copyFrom(`${this.aspects} (urn, aspect, version, metadata, systemmetadata, createdon, createdby, seq)`, data);
      return;
    }
    const doc = rows.map((r) => ({ urn: r.urn, aspect: r.aspect, version: r.version, metadata: textOf(r.metadata), sys: textOf(r.systemMetadata) }));
    await db.query(
      `INSERT INTO ${this.aspects} (urn, aspect, version, metadata, systemmetadata, createdon, createdby, seq)
       SELECT k.urn, k.aspect, k.version, k.metadata, k.sys, to_timestamp($2::float8 / 1000), $3::text, k.version
         FROM json_to_recordset($1::json) AS k(urn text, aspect text, version bigint, metadata text, sys text)`,
      [JSON.stringify(doc), now, actor],
    );
  }

  /** Appends timeseries points; writing the same (timestamp, partition, messageId) again replaces the point. */
  async upsertTimeseries(db: SqlExecutor, rows: readonly TimeseriesWrite[], now: number): Promise<void> {
    if (rows.length === 0) return;
    const doc = rows.map((r) => ({ urn: r.urn, aspect: r.aspect, ts: r.timestampMillis, part: r.partition, msg: r.messageId, value: r.value, sys: r.systemMetadata }));
    await db.query(
      `INSERT INTO ${this.timeseries} (urn, aspect, timestamp_millis, partition_key, message_id, value, systemmetadata, createdon)
       SELECT k.urn, k.aspect, k.ts, k.part, k.msg, k.value, k.sys, to_timestamp($2::float8 / 1000)
         FROM jsonb_to_recordset($1::jsonb) AS k(urn text, aspect text, ts bigint, part text, msg text, value jsonb, sys jsonb)
       ON CONFLICT (urn, aspect, timestamp_millis, partition_key, message_id)
       DO UPDATE SET value = EXCLUDED.value, systemmetadata = EXCLUDED.systemmetadata, createdon = EXCLUDED.createdon`,
      [JSON.stringify(doc), now],
    );
  }

  /**
   * Records the entities of the batch not recorded yet. With COPY: one lookup of which exist, then
   * the missing ones copied in (an entity created concurrently meanwhile fails the COPY with
   * unique_violation and the transaction is retried); measured about 2x cheaper on PGlite than
   * `INSERT … ON CONFLICT DO NOTHING`, whose speculative insertion costs per row.
   */
  async insertEntities(db: SqlExecutor, rows: ReadonlyArray<{ urn: string; entityType: string }>, now: number): Promise<void> {
    if (rows.length === 0) return;
    if (db.copyFrom) {
      const [found] = await db.query<{ urns: string | null }>(
        `SELECT json_agg(e.urn)::text AS urns FROM ${this.entities} e WHERE e.urn IN (SELECT json_array_elements_text($1::json))`,
        [JSON.stringify(rows.map((r) => r.urn))],
      );
      const existing = new Set(found?.urns ? (JSON.parse(found.urns) as string[]) : []);
      const created = copyField(new Date(now).toISOString());
      let data = '';
      for (const r of rows) if (!existing.has(r.urn)) data += `${copyField(r.urn)}\t${copyField(r.entityType)}\t${created}\n`;
      if (data.length > 0) await db.copyFrom(`${this.entities} (urn, entity_type, createdon)`, data);
      return;
    }
    await db.query(
      `INSERT INTO ${this.entities} (urn, entity_type, createdon)
       SELECT k.urn, k.entity_type, to_timestamp($2::float8 / 1000)
         FROM json_to_recordset($1::json) AS k(urn text, entity_type text)
       ON CONFLICT (urn) DO NOTHING`,
      [JSON.stringify(rows.map((r) => ({ urn: r.urn, entity_type: r.entityType }))), now],
    );
  }

  // -------------------------------------------------------------------------------------------
  // Reads

  async getAspect(db: SqlExecutor, urn: string, aspect: string, version: number): Promise<StoredAspect | null> {
    const rows = await db.query<AspectRow>(
      `SELECT urn, aspect, version::int AS version, metadata, systemmetadata, createdon, createdby
         FROM ${this.aspects} WHERE urn = $1 AND aspect = $2 AND version = $3`,
      [urn, aspect, version],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** All versions, by version number: 0 (the latest) first, then the history from the oldest. */
  async getVersions(db: SqlExecutor, urn: string, aspect: string): Promise<StoredAspect[]> {
    const rows = await db.query<AspectRow>(
      `SELECT urn, aspect, version::int AS version, metadata, systemmetadata, createdon, createdby
         FROM ${this.aspects} WHERE urn = $1 AND aspect = $2 ORDER BY version`,
      [urn, aspect],
    );
    return rows.map(toStored);
  }

  async getLatestOfEntity(db: SqlExecutor, urn: string): Promise<Array<{ aspect: string; metadata: AspectValue; systemmetadata: SystemMetadata | null }>> {
    const rows = await db.query<{ aspect: string; metadata: string; systemmetadata: string | null }>(
      `SELECT aspect, metadata, systemmetadata FROM ${this.aspects} WHERE urn = $1 AND version = 0 ORDER BY aspect`,
      [urn],
    );
    return rows.map((r) => ({ aspect: r.aspect, metadata: JSON.parse(r.metadata) as AspectValue, systemmetadata: parseJson<SystemMetadata>(r.systemmetadata) }));
  }

  async getTimeseries(db: SqlExecutor, urn: string, aspect: string, from: number | null, to: number | null, limit: number): Promise<TimeseriesValue[]> {
    const rows = await db.query<{ ts: number; value: AspectValue; systemmetadata: SystemMetadata | null }>(
      `SELECT timestamp_millis::float8 AS ts, value, systemmetadata FROM ${this.timeseries}
        WHERE urn = $1 AND aspect = $2
          AND ($3::bigint IS NULL OR timestamp_millis >= $3::bigint) AND ($4::bigint IS NULL OR timestamp_millis <= $4::bigint)
        ORDER BY timestamp_millis DESC, partition_key, message_id LIMIT $5`,
      [urn, aspect, from, to, limit],
    );
    return rows.map((r) => ({ urn, aspectName: aspect, timestampMillis: Number(r.ts), value: r.value, systemMetadata: r.systemmetadata }));
  }

  async listUrns(db: SqlExecutor, entityType: string | null, start: number, count: number): Promise<string[]> {
    const rows = await db.query<{ urn: string }>(
      `SELECT urn FROM ${this.entities} WHERE ($1::text IS NULL OR entity_type = $1::text) ORDER BY urn OFFSET $2 LIMIT $3`,
      [entityType, start, count],
    );
    return rows.map((r) => r.urn);
  }

  /**
   * URNs whose latest `aspect` contains `fragment` (jsonb containment), in URN order. The values
   * are text, so the latest rows of that one aspect are cast to jsonb here: this query scans them
   * anyway (no index serves containment), and it is a lookup for `catalog get`, not a write path.
   */
  async findContaining(db: SqlExecutor, aspect: string, fragment: unknown, limit: number): Promise<string[]> {
    const rows = await db.query<{ urn: string }>(
      `SELECT urn FROM ${this.aspects} WHERE aspect = $1 AND version = 0 AND metadata::jsonb @> $2::jsonb ORDER BY urn LIMIT $3`,
      [aspect, JSON.stringify(fragment), limit],
    );
    return rows.map((r) => r.urn);
  }

  /** Entities ordered by the newest of their latest aspect rows (a scan of the latest rows: a UI listing, not a write path). */
  async recentlyChanged(db: SqlExecutor, entityType: string | null, count: number): Promise<Array<{ urn: string; changedAt: Date }>> {
    const rows = await db.query<{ urn: string; changed: Date | string }>(
      `SELECT e.urn, max(a.createdon) AS changed
         FROM ${this.entities} e JOIN ${this.aspects} a ON a.urn = e.urn AND a.version = 0
        WHERE ($1::text IS NULL OR e.entity_type = $1::text)
        GROUP BY e.urn ORDER BY changed DESC, e.urn LIMIT $2`,
      [entityType, count],
    );
    return rows.map((r) => ({ urn: r.urn, changedAt: r.changed instanceof Date ? r.changed : new Date(r.changed) }));
  }

  /** Removes everything stored for an entity; returns the number of rows removed. */
  async deleteEntity(db: SqlExecutor, urn: string): Promise<number> {
    const a = await db.query(`DELETE FROM ${this.aspects} WHERE urn = $1 RETURNING 1`, [urn]);
    const t = await db.query(`DELETE FROM ${this.timeseries} WHERE urn = $1 RETURNING 1`, [urn]);
    await db.query(`DELETE FROM ${this.entities} WHERE urn = $1`, [urn]);
    return a.length + t.length;
  }

  async timeseriesAspectsOf(db: SqlExecutor, urn: string): Promise<string[]> {
    const rows = await db.query<{ aspect: string }>(`SELECT DISTINCT aspect FROM ${this.timeseries} WHERE urn = $1 ORDER BY aspect`, [urn]);
    return rows.map((r) => r.aspect);
  }
}
