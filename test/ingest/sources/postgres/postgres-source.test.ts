import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickitExpectations } from './expectations.js';
import { runRecipe, seedRecipe, type Captured } from './harness.js';
import { startPgliteServer, type TestServer } from './pglite-server.js';

describe('postgres source over the PostgreSQL wire protocol (PGlite server), seed recipe', () => {
  let server: TestServer;
  let captured: Captured;
  beforeAll(async () => {
    server = await startPgliteServer();
    captured = await runRecipe(
      seedRecipe({ host_port: server.hostPort, database: 'tickit', username: 'postgres', password: 'postgres', profiling: { enabled: 'true' }, env: 'DEV' }),
    );
  });
  afterAll(async () => server?.stop());

  it('reads the catalog over the wire from the in-process server and names datasets after the configured database', () => {
    expect(captured.result.exitCode).toBe(0);
    expect(captured.urns('dataset').length).toBeGreaterThan(0);
    expect(captured.urns('dataset').every((u) => u.includes(',tickit.'))).toBe(true);
  });

  tickitExpectations(() => captured, 'tickit');
});
