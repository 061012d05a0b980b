// `catalog serve`: the metadata service on the embedded store (or a PostgreSQL server).
import { DEFAULT_STORE_URL } from '../../ingest/sinks/catalog/config.js';
import { createCatalog } from '../../server/catalog.js';
import { listen } from '../../server/http.js';
import { EXIT_OK, UsageError, yellow } from '../output.js';

export interface ServeOptions {
  port: string;
  host: string;
  store?: string;
  auth: boolean;
}

export async function serveCommand(opts: ServeOptions): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${opts.port}"`);
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const catalog = await createCatalog({ store: opts.store ?? process.env.CATALOG_STORE ?? DEFAULT_STORE_URL, auth: opts.auth, log });
  if (!opts.auth) {
    log(yellow('authentication is OFF (--no-auth): anyone who can reach this port can read and change the catalog'));
  } else if ((await catalog.tokens.count()) === 0) {
    const { token } = await catalog.tokens.create({ name: 'admin', role: 'admin' });
    process.stdout.write(`First start: created an admin API token. It is shown only this once; keep it safe:\n\n  ${token}\n\n`);
  }
  const server = await listen(catalog, { host: opts.host, port });
  process.stdout.write(`catalog serving on ${server.url}  (DataHub REST: ${server.url}/aspects, config: ${server.url}/config)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('shutting down');
  await server.close();
  await catalog.close();
  return EXIT_OK;
}
