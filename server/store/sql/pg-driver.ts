// A pool of connections to a PostgreSQL server through `pg`.
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import type { SqlDriver, SqlExecutor } from './driver.js';

export interface PgDriverOptions {
  connectionString: string;
  /** Pool size; the store runs one transaction per apply, so a few connections suffice. */
  max?: number;
}

export class PgDriver implements SqlDriver {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(options: PgDriverOptions): Promise<PgDriver> {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 4 });
    // A pool error on an idle client (server restart) must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const client = await pool.connect();
    client.release();
    return new PgDriver(pool);
  }

  async query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.pool.query(sql, params as unknown[]);
    return result.rows as R[];
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, params as unknown[])).rows as R[],
        copyFrom: (target: string, data: string) => copyInto(client, target, data),
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Streams `data` (COPY text format) through `COPY <target> FROM STDIN` on one connection. */
function copyInto(client: pg.PoolClient, target: string, data: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFromStdin(`COPY ${target} FROM STDIN`));
    stream.on('error', reject);
    stream.on('finish', () => resolve(stream.rowCount));
    stream.end(data);
  });
}
