// Serves the built web UI (web/, built by Vite into dist/web) at `/`, before authentication: the
// page itself holds no data, it asks /api/graphql with the user's token. Only the UI's own paths
// are answered here: its hashed assets, and index.html for the client routes it knows (so a
// shared link such as /dataset/<urn> loads the app). Everything else (/api, /aspects, /entities,
// /config, /health, ...) falls through to the APIs untouched.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MiddlewareHandler } from 'hono';

/** First path segments of the UI's client routes (web/src/App.tsx); `/` is one too. */
export const CLIENT_ROUTES = ['search', 'dataset', 'lineage', 'glossary', 'tags', 'tag', 'analytics', 'signin'] as const;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Where `npm run build` puts the UI: dist/web, seen from dist/server/api/web or from the sources. */
export function defaultWebDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const fromDist = path.resolve(here, '../../../web');
  return path.basename(path.resolve(here, '../../..')) === 'dist' ? fromDist : path.resolve(here, '../../../dist/web');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>catalog</title></head>
<body><main><h1>The web UI is not built</h1><p>Run <code>npm run build</code> (or <code>npm ci</code>) in the catalog's checkout,
then restart the server. The APIs are available at <code>/api/graphql</code> and <code>/aspects</code>.</p></main></body></html>`;

export function webUiMiddleware(dir: string): MiddlewareHandler {
  const root = path.resolve(dir);
  const indexPath = path.join(root, 'index.html');
  let index: string | null = null;
  const indexHtml = () => (index ??= existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null);

  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const p = c.req.path;
    const first = p.split('/')[1] ?? '';
    if (first === 'assets' || p === '/favicon.svg') {
      const file = path.resolve(root, `.${decodeURIComponent(p)}`);
      if (!file.startsWith(root + path.sep)) return next();
      const body = await readFile(file).catch(() => null);
      if (!body) return next();
      return c.body(body, 200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        // Vite puts a content hash in every asset name, so they never change.
        'Cache-Control': first === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (p === '/' || p === '/index.html' || (CLIENT_ROUTES as readonly string[]).includes(first)) {
      const html = indexHtml();
      return c.html(html ?? NOT_BUILT, html ? 200 : 503, { 'Cache-Control': 'no-cache' });
    }
    return next();
  };
}
