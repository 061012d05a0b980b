// Where each real engine of scripts/services listens (fixed loopback ports), and a check that
// fails with the command that starts it, never a silent skip.
import net from 'node:net';

export const ENGINES = {
  postgres: { port: 55432, url: 'postgres://postgres@127.0.0.1:55432/catalog_test' },
  kafka: { port: 59092, url: '127.0.0.1:59092' },
  'kafka-connect': { port: 58083, url: 'http://127.0.0.1:58083' },
  'schema-registry': { port: 58081, url: 'http://127.0.0.1:58081' },
  moto: { port: 55000, url: 'http://127.0.0.1:55000' },
  elasticsearch: { port: 59200, url: 'http://127.0.0.1:59200' },
  neo4j: { port: 57687, url: 'bolt://127.0.0.1:57687' },
} as const;

export type EngineName = keyof typeof ENGINES;

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Throws, naming the command to run, when the engine does not listen on its port. */
export async function requireEngine(name: EngineName): Promise<(typeof ENGINES)[EngineName]> {
  const engine = ENGINES[name];
  if (!(await portOpen(engine.port))) {
    throw new Error(`${name} is not running on 127.0.0.1:${engine.port}; start it with: scripts/services up ${name}`);
  }
  return engine;
}
