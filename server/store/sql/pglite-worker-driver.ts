// PGlite in a worker thread behind the same SqlDriver seam: queries, COPY data and transaction
// boundaries are posted to the worker, which owns the database. The engine's work (WASM, its file
// system) then runs on another core while this thread validates, plans and serialises the next
// batch. Opt-in (`pgliteWorker` store option or CATALOG_PGLITE_WORKER=1): see docs/BENCHMARKS.md.
//
// The worker is one PGlite session, as in-process: a transaction holds it (PGlite's own
// transaction mutex) and other queries wait. Its source is a string run with `eval: true`, so the
// same code works from the TypeScript sources (tests) and from dist/ without a separate file.
// It loads pg_trgm, as the in-process driver does: every opener of a database must load the
// extensions it uses.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SqlDriver, SqlExecutor } from './driver.js';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
let nextTx = 1;
const txs = new Map();
const ROLLBACK = Symbol('rollback');
const reply = (id, result) => parentPort.postMessage({ id, ok: true, result });
const fail = (id, e) => {
  const error = { message: String(e && e.message || e), name: e && e.name };
  if (e && typeof e === 'object') for (const k of ['code', 'detail', 'hint', 'schema', 'table', 'constraint', 'severity']) if (typeof e[k] === 'string') error[k] = e[k];
  parentPort.postMessage({ id, ok: false, error });
};
parentPort.on('message', async (m) => {
  try {
    switch (m.op) {
      case 'open':
        {
          const { PGlite } = await import(workerData.pglite);
          const { pg_trgm } = await import(workerData.pgTrgm);
          db = await PGlite.create(m.dataDir, { extensions: { pg_trgm } });
        }
        return reply(m.id, null);
      case 'query': {
        const target = m.tx ? txs.get(m.tx).tx : db;
        return reply(m.id, (await target.query(m.sql, m.params)).rows);
      }
      case 'copy': {
        const r = await txs.get(m.tx).tx.query('COPY ' + m.target + " FROM '/dev/blob'", [], { blob: new Blob([m.data]) });
        return reply(m.id, r.affectedRows || 0);
      }
      case 'begin': {
        const id = nextTx++;
        let began = false;
        const done = db.transaction((tx) => new Promise((resolve, reject) => {
          began = true;
          txs.set(id, { tx, resolve, reject });
          reply(m.id, id);
        }));
        txs.set(-id, done);
        done.catch((e) => { if (!began) fail(m.id, e); });
        return;
      }
      case 'end': {
        const t = txs.get(m.tx);
        const done = txs.get(-m.tx);
        txs.delete(m.tx);
        txs.delete(-m.tx);
        if (m.commit) t.resolve(null); else t.reject(ROLLBACK);
        try {
          await done;
        } catch (e) {
          if (e !== ROLLBACK) throw e;
        }
        return reply(m.id, null);
      }
      case 'close':
        if (db && !db.closed) await db.close();
        return reply(m.id, null);
    }
  } catch (e) {
    fail(m.id, e);
  }
});
`;

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: Record<string, string>;
}

export class PgliteWorkerDriver implements SqlDriver {
  readonly kind = 'pglite' as const;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private closed = false;

  readonly dataDir: string | null = null;

  private constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.ok) p.resolve(m.result);
      else p.reject(Object.assign(new Error(m.error!.message), m.error));
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`the PGlite worker exited (code ${code})`)));
  }

  static async open(options: { dataDir: string | null }): Promise<PgliteWorkerDriver> {
    if (options.dataDir !== null) mkdirSync(options.dataDir, { recursive: true });
    // The package's ESM build, as the in-process driver loads it.
    const cjs = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const pglite = pathToFileURL(join(dirname(cjs), 'index.js')).href;
    const pgTrgm = pathToFileURL(join(dirname(cjs), 'contrib', 'pg_trgm.js')).href;
    const driver = new PgliteWorkerDriver(new Worker(WORKER_SOURCE, { eval: true, workerData: { pglite, pgTrgm } }));
    (driver as { dataDir: string | null }).dataDir = options.dataDir;
    try {
      await driver.call({ op: 'open', dataDir: options.dataDir ?? 'memory://' });
    } catch (error) {
      await driver.worker.terminate();
      throw error;
    }
    return driver;
  }

  /** Milliseconds the worker's event loop has been busy (the engine's work plus messaging), for benchmarks. */
  busyMillis(): number {
    return this.worker.performance.eventLoopUtilization().active;
  }

  private failAll(error: unknown): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the PGlite worker driver is closed'));
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.call<R[]>({ op: 'query', sql, params });
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const tx = await this.call<number>({ op: 'begin' });
    let result: T;
    try {
      result = await fn({
        query: <R>(sql: string, params: readonly unknown[] = []) => this.call<R[]>({ op: 'query', tx, sql, params }),
        copyFrom: (target: string, data: string) => this.call<number>({ op: 'copy', tx, target, data }),
      });
    } catch (error) {
      await this.call({ op: 'end', tx, commit: false }).catch(() => {});
      throw error;
    }
    await this.call({ op: 'end', tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.call({ op: 'close' });
    } finally {
      this.closed = true;
      await this.worker.terminate();
    }
  }
}
