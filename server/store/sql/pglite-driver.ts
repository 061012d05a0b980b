// PGlite (PostgreSQL compiled to WASM) in this process, persisted to a data directory or memory.
import { mkdirSync } from 'node:fs';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SqlDriver, SqlExecutor } from './driver.js';

export interface PgliteDriverOptions {
  /** A directory for the data files, or `null` for an in-memory database. */
  dataDir: string | null;
  /**
   * PGlite extensions to load. Default: pg_trgm, which the search index (server/search/pg) uses in
   * the same database; every opener of that database must load it, so it is on unless replaced.
   */
  extensions?: Extensions;
}

export class PgliteDriver implements SqlDriver {
  readonly kind = 'pglite' as const;

  private constructor(private readonly db: PGlite, readonly dataDir: string | null) {}

  static async open(options: PgliteDriverOptions): Promise<PgliteDriver> {
    if (options.dataDir !== null) mkdirSync(options.dataDir, { recursive: true });
    const db = await PGlite.create(options.dataDir ?? 'memory://', { extensions: options.extensions ?? { pg_trgm } });
    return new PgliteDriver(db, options.dataDir);
  }

  async query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.db.query<R>(sql, params as unknown[]);
    return result.rows;
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      fn({
        query: async <R>(sql: string, params: readonly unknown[] = []) => (await tx.query<R>(sql, params as unknown[])).rows,
        // PGlite reads COPY input from a Blob it exposes as the device /dev/blob.
        copyFrom: async (target: string, data: string) =>
          (await tx.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([data]) })).affectedRows ?? 0,
      }),
    );
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
