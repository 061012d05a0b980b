// The HTTP application: body size limit, authentication, the DataHub-compatible Rest.li routes
// and the token routes, with every error as a Rest.li-style JSON body.
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TokenService } from '../../auth/token-service.js';
import { ROLES, type Role } from '../../auth/roles.js';
import { ApiError } from '../../services/errors.js';
import type { MetadataService } from '../../services/metadata-service.js';
import { authMiddleware, requireRole, type AuthEnv } from './auth.js';
import { mountRestli } from './restli.js';

export interface RestAppOptions {
  metadata: MetadataService;
  /** Null runs without authentication (`catalog serve --no-auth`). */
  tokens: TokenService | null;
  /** Largest request body accepted, in bytes (DataHub's client sends at most ~15 MiB). */
  maxBodyBytes?: number;
  log?: (line: string) => void;
  /** Serves the web UI; runs before authentication (server/api/web). */
  webUi?: MiddlewareHandler;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

function errorBody(status: number, message: string) {
  return { exceptionClass: 'com.linkedin.restli.server.RestLiServiceException', message, status };
}

export function createRestApp(options: RestAppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.status, err.message), err.status as 400);
    options.log?.(`error on ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json(errorBody(500, 'internal error; see the server log'), 500);
  });
  app.notFound((c) => c.json(errorBody(404, `no route for ${c.req.method} ${c.req.path}`), 404));

  app.use(
    '*',
    bodyLimit({
      maxSize: max,
      onError: (c) => c.json(errorBody(413, `request body larger than ${max} bytes; send smaller batches (max_per_batch)`), 413),
    }),
  );
  if (options.webUi) app.use('*', options.webUi);
  app.use('*', authMiddleware(options.tokens));

  app.get('/health', (c) => c.json({ status: 'ok' }));
  mountRestli(app, options.metadata);

  if (options.tokens) {
    const tokens = options.tokens;
    app.get('/api/tokens', async (c) => {
      requireRole(c, 'manage-tokens');
      return c.json({ tokens: await tokens.list() });
    });
    app.post('/api/tokens', async (c) => {
      requireRole(c, 'manage-tokens');
      const body = (await c.req.json().catch(() => ({}))) as { name?: unknown; role?: unknown; actor?: unknown; expiresInDays?: unknown };
      if (typeof body.name !== 'string' || !body.name) throw new ApiError('BAD_REQUEST', 'name is required');
      if (!ROLES.includes(body.role as Role)) throw new ApiError('BAD_REQUEST', `role must be one of ${ROLES.join(', ')}`);
      const created = await tokens.create(
        { name: body.name, role: body.role as Role, actor: typeof body.actor === 'string' ? body.actor : undefined, expiresInDays: typeof body.expiresInDays === 'number' ? body.expiresInDays : null },
        c.var.principal.actor,
      );
      return c.json(created, 201);
    });
    app.delete('/api/tokens/:id', async (c) => {
      requireRole(c, 'manage-tokens');
      if (!(await tokens.revoke(c.req.param('id'), c.var.principal.actor))) throw new ApiError('NOT_FOUND', `no token ${c.req.param('id')}`);
      return c.json({ revoked: c.req.param('id') });
    });
  }
  return app;
}
