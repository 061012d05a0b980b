// Bearer-token authentication and role checks for the HTTP APIs.
import type { Context, MiddlewareHandler } from 'hono';
import type { TokenService } from '../../auth/token-service.js';
import { allows, ANONYMOUS_ADMIN, requiredRole, type Action, type Principal } from '../../auth/roles.js';
import { ApiError } from '../../services/errors.js';

export type AuthEnv = { Variables: { principal: Principal } };

/** Paths anyone may call: the DataHub client's connection check and a health probe. */
const PUBLIC = new Set(['/config', '/health']);

export function authMiddleware(tokens: TokenService | null): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (!tokens) {
      c.set('principal', ANONYMOUS_ADMIN);
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) {
      if (PUBLIC.has(c.req.path)) {
        c.set('principal', { actor: 'urn:li:corpuser:__anonymous', role: 'reader', tokenId: null });
        return next();
      }
      throw new ApiError('UNAUTHENTICATED', 'missing API token: send "Authorization: Bearer <token>" (create one with `catalog token create`)');
    }
    const principal = await tokens.authenticate(m[1]!);
    if (!principal) throw new ApiError('UNAUTHENTICATED', 'the API token is unknown, revoked or expired');
    c.set('principal', principal);
    return next();
  };
}

export function requireRole(c: Context<AuthEnv>, action: Action): void {
  const p = c.var.principal;
  if (!allows(p.role, action)) {
    throw new ApiError('FORBIDDEN', `${p.actor} (role ${p.role}) may not ${action.replace('-', ' ')}: it needs role ${requiredRole(action)}`);
  }
}
