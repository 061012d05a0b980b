// A real PostgreSQL wire server in-process: PGlite (PostgreSQL compiled to WASM) behind
// PGLiteSocketServer on 127.0.0.1 and a free port, loaded with tickit.sql. `pg` connects to it
// exactly as to a PostgreSQL server.
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export const TICKIT_SQL = readFileSync(new URL('./tickit.sql', import.meta.url), 'utf8');

export interface TestServer {
  hostPort: string;
  db: PGlite;
  stop(): Promise<void>;
}

/** `maxConnections` as PGLiteSocketServer takes it (its default, 1, is what the demo runs with). */
export async function startPgliteServer(setupSql: string = TICKIT_SQL, maxConnections = 1): Promise<TestServer> {
  const db = await PGlite.create();
  await db.exec(setupSql);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  return {
    hostPort: server.getServerConn(),
    db,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
