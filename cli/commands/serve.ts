// `catalog serve`: the metadata service on the embedded store (or a PostgreSQL server), with
// search, lineage and events embedded or on Elasticsearch, Neo4j and Kafka (see backends.ts).
import { createCatalog } from '../../server/catalog.js';
import { listen } from '../../server/http.js';
import { EXIT_OK, UsageError, yellow } from '../output.js';
import { backendConfig, describeBackends, usingBackends, type BackendOptions } from './backends.js';

export interface ServeOptions extends BackendOptions {
  port: string;
  host: string;
  auth: boolean;
  role?: string;
}

export async function serveCommand(opts: ServeOptions): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${opts.port}"`);
  const role = opts.role ?? 'all';
  if (role !== 'all' && role !== 'api') throw new UsageError(`--role must be all (serve and index) or api (serve only; \`catalog consume\` indexes), got "${role}"`);
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const backends = backendConfig(opts);
  const catalog = await usingBackends(() => createCatalog({ ...backends, auth: opts.auth, log, indexers: role === 'all' }));
  log(`backends: ${describeBackends(backends)}${role === 'api' ? ' (indexers run elsewhere: catalog consume)' : ''}`);
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
