// Serves a catalog's HTTP app on a host and port; resolves once listening.
import { serve } from '@hono/node-server';
import type { Catalog } from './catalog.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function listen(catalog: Catalog, options: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: catalog.app.fetch, hostname: options.host, port: options.port }, (info) => {
      resolve({
        url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
