// The embedded search engine: an inverted index in this process's memory, answering from there
// (exact totals and facets over every match, in a few milliseconds at 100,000 entities), with its
// durable copy in the store's own database (`search_entries`, see migrations.ts). Opening loads
// the index from that table; every change is written there first, in one transaction per batch,
// and applied to memory after the commit. On an embedded database (PGlite) the index is also kept
// as a snapshot file in the data directory (snapshot.ts), written on close and after every
// SNAPSHOT_EVERY changes: opening reads the snapshot and then only the changes numbered after it.
//
// Other processes sharing a PostgreSQL server (an indexer running `catalog consume`) write the
// same table; this engine catches up with their changes every `refreshIntervalMs` (default 1 s,
// like Elasticsearch's refresh interval), so their writes are searchable here within about a
// second. A PGlite database has one process, so it never needs to poll.
import { join } from 'node:path';
import { quoteIdent, type SqlDriver } from '../../store/sql/driver.js';
import type { SearchDocument } from '../document.js';
import { explain } from '../explain.js';
import {
  DEFAULT_FACETS, SEARCH_FIELDS, SearchFilterError, mentions, type AutocompleteSuggestion, type SearchEngine, type SearchQuery, type SearchResults,
} from '../search-engine.js';
import { words } from '../words.js';
import { compileFilter, type SlotPredicate } from './filter.js';
import { InvertedIndex } from './inverted-index.js';
import { migrateSearchEntries } from './migrations.js';
import { readSnapshot, writeSnapshot, type SnapshotMeta } from './snapshot.js';
import { runAutocomplete, runQuery } from './query.js';

export interface MemorySearchEngineOptions {
  /** PostgreSQL schema for the search table (default `public`, beside the store's). */
  schema?: string;
  /** How often to pick up other processes' changes on a PostgreSQL server (ms; 0 = never). Default 1,000. */
  refreshIntervalMs?: number;
  /**
   * The snapshot file; null for none. Default: `catalog-search-<schema>.snapshot` in an embedded
   * database's data directory, none in memory or on a server.
   */
  snapshotPath?: string | null;
  /**
   * Only write (an ingesting process on a PostgreSQL server): changes go to the table, nothing is
   * loaded or kept in memory, and queries are refused. Serving processes pick the changes up.
   */
  writeOnly?: boolean;
}

const MAX_COUNT = 1000;
const LOAD_PAGE = 5000;
/** Changes numbered this far below the newest seen are read again, for writers that committed late. */
const LOOKBACK = 1000;
/** A snapshot is rewritten after this many changes (and on close). */
const SNAPSHOT_EVERY = 25_000;
/** What the index holds: bump when documents, words or the snapshot's arrays change meaning. */
const INDEX_FORMAT = 1;

export class MemorySearchEngine implements SearchEngine {
  private readonly t: string;
  private readonly seq: string;
  private idx = new InvertedIndex();
  private watermark = 0;
  private database = '';
  private snapshotPath: string | null = null;
  private changesSinceSnapshot = 0;
  private snapshotting: Promise<void> | null = null;
  private writeOnly = false;
  /** How the last open found the index: from a snapshot plus the changes after it, or from the table. */
  loaded: { from: 'snapshot' | 'table'; documents: number; changesAfterSnapshot: number; millis: number } = { from: 'table', documents: 0, changesAfterSnapshot: 0, millis: 0 };
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;

  private constructor(private readonly driver: SqlDriver, schema: string) {
    this.t = `${quoteIdent(schema)}.search_entries`;
    this.seq = `${quoteIdent(schema)}.search_entry_seq`;
  }

  /** Brings the table up to date on `driver` (the store's), loads the index from it, and returns the engine. */
  static async open(driver: SqlDriver, options: MemorySearchEngineOptions = {}): Promise<MemorySearchEngine> {
    const schema = options.schema ?? 'public';
    await migrateSearchEntries(driver, schema);
    const engine = new MemorySearchEngine(driver, schema);
    if (options.writeOnly) {
      engine.writeOnly = true;
      return engine;
    }
    engine.snapshotPath = options.snapshotPath !== undefined ? options.snapshotPath
      : driver.dataDir ? join(driver.dataDir, `catalog-search-${schema.replace(/[^\w-]/g, '_')}.snapshot`) : null;
    await engine.load(schema);
    // Loaded from the table (no snapshot yet, or a stale one): leave a snapshot for the next start.
    if (engine.changesSinceSnapshot >= SNAPSHOT_EVERY) void engine.snapshot().catch(() => {});
    const interval = options.refreshIntervalMs ?? 1000;
    if (driver.kind === 'postgres' && interval > 0) {
      engine.timer = setInterval(() => void engine.refresh().catch(() => {}), interval);
      engine.timer.unref();
    }
    return engine;
  }

  private async load(schema: string): Promise<void> {
    const started = performance.now();
    const [db] = await this.driver.query<{ id: string; last: string | number }>(
      `SELECT (SELECT system_identifier::text FROM pg_control_system()) AS id, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM ${this.seq}) AS last`,
    );
    this.database = `${db!.id}/${schema}`;
    const newest = Number(db!.last);
    const snapshot = this.snapshotPath
      ? await readSnapshot(this.snapshotPath, (meta) => meta.format === INDEX_FORMAT && meta.database === this.database && meta.seq <= newest)
      : null;
    if (snapshot) {
      this.idx = InvertedIndex.fromParts(snapshot.parts);
      this.watermark = snapshot.meta.seq;
      const rows = await this.driver.query<{ urn: string; seq: string | number; document: string | null }>(
        `SELECT urn, seq, document FROM ${this.t} WHERE seq > $1 ORDER BY seq`, [snapshot.meta.seq],
      );
      for (const row of rows) this.remember(row.urn, Number(row.seq), row.document === null ? null : (JSON.parse(row.document) as SearchDocument));
      this.loaded = { from: 'snapshot', documents: this.idx.live, changesAfterSnapshot: rows.length, millis: Math.round(performance.now() - started) };
      return;
    }
    for (let after = ''; ;) {
      const rows = await this.driver.query<{ urn: string; seq: string | number; document: string }>(
        `SELECT urn, seq, document FROM ${this.t} WHERE urn > $1 AND document IS NOT NULL ORDER BY urn LIMIT ${LOAD_PAGE}`, [after],
      );
      for (const row of rows) this.idx.put(JSON.parse(row.document) as SearchDocument, Number(row.seq));
      if (rows.length < LOAD_PAGE) break;
      after = rows[rows.length - 1]!.urn;
    }
    this.watermark = newest;
    this.loaded = { from: 'table', documents: this.idx.live, changesAfterSnapshot: 0, millis: Math.round(performance.now() - started) };
    if (this.snapshotPath && this.idx.live > 0) this.changesSinceSnapshot = SNAPSHOT_EVERY;
  }

  /** Writes the snapshot now (on close, and in the background after SNAPSHOT_EVERY changes). */
  async snapshot(): Promise<void> {
    if (!this.snapshotPath) return;
    await this.snapshotting;
    const meta: SnapshotMeta = { format: INDEX_FORMAT, database: this.database, seq: this.watermark };
    const parts = this.idx.exportParts();
    this.changesSinceSnapshot = 0;
    this.snapshotting = writeSnapshot(this.snapshotPath, meta, parts).finally(() => (this.snapshotting = null));
    await this.snapshotting;
  }

  /** Applies the changes other processes committed since the last look (see LOOKBACK). */
  async refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const changed = await this.driver.query<{ urn: string; seq: string | number }>(
          `SELECT urn, seq FROM ${this.t} WHERE seq > $1 ORDER BY seq`, [Math.max(0, this.watermark - LOOKBACK)],
        );
        const newer = changed.filter((r) => Number(r.seq) > this.idx.seqOfUrn(r.urn)).map((r) => r.urn);
        for (const r of changed) this.watermark = Math.max(this.watermark, Number(r.seq));
        if (!newer.length) return;
        const rows = await this.driver.query<{ urn: string; seq: string | number; document: string | null }>(
          `SELECT urn, seq, document FROM ${this.t} WHERE urn = ANY($1::text[])`, [newer],
        );
        for (const row of rows) this.remember(row.urn, Number(row.seq), row.document === null ? null : (JSON.parse(row.document) as SearchDocument));
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private remember(urn: string, seq: number, doc: SearchDocument | null): void {
    if (doc) this.idx.put(doc, seq);
    else this.idx.remove(urn, seq);
    this.watermark = Math.max(this.watermark, seq);
    this.changesSinceSnapshot++;
    if (this.idx.wantsCompaction) this.idx.compact();
  }

  index(docs: readonly SearchDocument[]): Promise<void> {
    return this.apply({ index: docs, remove: [] });
  }

  remove(urns: readonly string[]): Promise<void> {
    return this.apply({ index: [], remove: urns });
  }

  async apply(changes: { index: readonly SearchDocument[]; remove: readonly string[] }): Promise<void> {
    if (changes.index.length === 0 && changes.remove.length === 0) return;
    const docs = new Map(changes.index.map((d) => [d.urn, d]));
    const removed = [...new Set(changes.remove)].filter((u) => !docs.has(u));
    type Row = { urn: string; seq: string | number };
    const { put, gone } = await this.driver.transaction(async (tx) => {
      const gone = removed.length
        ? await tx.query<Row>(`UPDATE ${this.t} SET seq = nextval('${this.seq}'), document = NULL WHERE urn = ANY($1::text[]) AND document IS NOT NULL RETURNING urn, seq`, [removed])
        : [];
      const put = docs.size
        ? await tx.query<Row>(
          `INSERT INTO ${this.t} (urn, seq, document)
           SELECT x.urn, nextval('${this.seq}'), x.document FROM unnest($1::text[], $2::text[]) AS x(urn, document)
           ON CONFLICT (urn) DO UPDATE SET seq = EXCLUDED.seq, document = EXCLUDED.document
           RETURNING urn, seq`,
          [[...docs.keys()], [...docs.values()].map((d) => JSON.stringify(d))],
        )
        : [];
      return { put, gone };
    });
    if (this.writeOnly) return;
    for (const row of gone) this.remember(row.urn, Number(row.seq), null);
    for (const row of put) this.remember(row.urn, Number(row.seq), docs.get(row.urn)!);
    // A snapshot is an optimisation: one that fails to write is retried on the next round.
    if (this.changesSinceSnapshot >= SNAPSHOT_EVERY && !this.snapshotting) void this.snapshot().catch(() => {});
  }

  async search(input: SearchQuery): Promise<SearchResults> {
    this.readable();
    const start = Math.max(0, Math.floor(input.start ?? 0));
    const count = Math.min(MAX_COUNT, Math.max(0, Math.floor(input.count ?? 10)));
    const facets = input.facets ?? DEFAULT_FACETS;
    for (const f of facets) if (!(SEARCH_FIELDS as readonly string[]).includes(f)) throw new SearchFilterError(`unknown facet "${String(f)}"; use one of ${SEARCH_FIELDS.join(', ')}`);
    const q = input.query.trim().toLowerCase();
    const ws = q === '*' ? [] : words(q);
    const alternatives = this.nearSpellings(ws);
    const keep = this.keep(input.types, input.includeRemoved || mentions(input.filter, 'removed'), input.filter ? compileFilter(input.filter, this.idx) : null);
    const result = runQuery(this.idx, { q, ws, alternatives, keep, start, count, facets, maxFacetValues: Math.max(1, input.maxFacetValues ?? 20) });
    // Slots are read before any await: a compaction or snapshot in between renumbers them.
    const hits: SearchResults['hits'] = result.page.map(({ slot }) => ({ urn: this.idx.urns[slot]!, entityType: this.entityType(slot), name: this.idx.names[slot]! }));
    if (input.explain) {
      const documents = await this.documents(hits.map((h) => h.urn));
      hits.forEach((hit, i) => (hit.explanation = explain(result.page[i]!.rule, result.page[i]!.score, q, ws, alternatives, documents.get(hit.urn) ?? null)));
    }
    return { start, count: hits.length, total: result.total, hits, facets: result.facets };
  }

  async autocomplete(prefix: string, options: { types?: string[]; limit?: number; includeRemoved?: boolean } = {}): Promise<AutocompleteSuggestion[]> {
    this.readable();
    const p = prefix.trim().toLowerCase();
    const limit = Math.min(100, Math.max(1, options.limit ?? 10));
    if (!p) return [];
    const ws = words(p);
    const suggestions = runAutocomplete(this.idx, p, ws, this.nearSpellings(ws), this.keep(options.types, !!options.includeRemoved, null), limit);
    return suggestions.map(({ slot, rule }) => ({ urn: this.idx.urns[slot]!, entityType: this.entityType(slot), text: this.idx.names[slot]!, rule }));
  }

  private readable(): void {
    if (this.writeOnly) throw new Error('this search engine was opened to write only (an ingesting process); query a serving one');
  }

  private entityType(slot: number): string {
    return this.idx.tables._entityType.values[this.idx.entityTypeId(slot)]!;
  }

  /** The entity-type, soft-delete and user filter of a query, as one predicate. */
  private keep(types: readonly string[] | undefined, includeRemoved: boolean, filter: SlotPredicate | null): SlotPredicate {
    const idx = this.idx;
    const typeIds = types?.length ? new Set(types.map((t) => idx.tables._entityType.find(t)).filter((id): id is number => id !== undefined)) : null;
    const typeOk = typeIds === null ? null : (slot: number): boolean => typeIds.has(idx.entityTypeId(slot));
    if (!typeOk && !filter) return includeRemoved ? () => true : (slot) => idx.isShown(slot);
    return (slot) => (includeRemoved || idx.isShown(slot)) && (typeOk === null || typeOk(slot)) && (filter === null || filter(slot));
  }

  /** For each query word of four letters or more that no name holds, the name words spelt most like it. */
  private nearSpellings(ws: readonly string[]): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const w of ws) {
      if (w.length < 4 || this.idx.nameWords.has(w)) continue;
      const near = this.idx.nameWords.nearest(w, 3);
      if (near.length) result.set(w, near);
    }
    return result;
  }

  private async documents(urns: readonly string[]): Promise<Map<string, SearchDocument>> {
    if (!urns.length) return new Map();
    const rows = await this.driver.query<{ urn: string; document: string }>(`SELECT urn, document FROM ${this.t} WHERE urn = ANY($1::text[]) AND document IS NOT NULL`, [[...urns]]);
    return new Map(rows.map((r) => [r.urn, JSON.parse(r.document) as SearchDocument]));
  }

  async reset(): Promise<void> {
    // Rows become removals (not deleted), so processes polling this table drop what they hold.
    const [row] = await this.driver.query<{ seq: string | number | null }>(
      `WITH gone AS (UPDATE ${this.t} SET seq = nextval('${this.seq}'), document = NULL WHERE document IS NOT NULL RETURNING seq) SELECT max(seq) AS seq FROM gone`,
    );
    this.idx.clear();
    this.watermark = Math.max(this.watermark, Number(row?.seq ?? 0));
    this.changesSinceSnapshot++;
  }

  async count(): Promise<number> {
    return this.idx.live;
  }

  /** The driver belongs to the store; closing stops polling, writes the snapshot if changed, and releases the memory. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.refreshing;
    await this.snapshotting?.catch(() => {});
    if (this.changesSinceSnapshot > 0) await this.snapshot().catch(() => {});
    this.idx.clear();
  }
}
