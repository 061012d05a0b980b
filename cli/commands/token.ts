// `catalog token create|list|revoke`: manage API tokens directly in the store (local admin).
import { DEFAULT_STORE_URL } from '../../ingest/sinks/catalog/config.js';
import { TokenService } from '../../server/auth/token-service.js';
import { ROLES, type Role } from '../../server/auth/roles.js';
import { openStore } from '../../server/store/open.js';
import { EXIT_FAILURES, EXIT_OK, UsageError } from '../output.js';

async function withTokens<T>(store: string | undefined, fn: (t: TokenService) => Promise<T>): Promise<T> {
  const s = await openStore(store ?? process.env.CATALOG_STORE ?? DEFAULT_STORE_URL);
  try {
    return await fn(new TokenService(s));
  } finally {
    await s.close();
  }
}

export async function tokenCreateCommand(opts: { name: string; role: string; actor?: string; expiresInDays?: string; store?: string }): Promise<number> {
  if (!ROLES.includes(opts.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${opts.role}"`);
  const { token, info } = await withTokens(opts.store, (t) =>
    t.create({ name: opts.name, role: opts.role as Role, actor: opts.actor, expiresInDays: opts.expiresInDays ? Number(opts.expiresInDays) : null }),
  );
  process.stderr.write(`created token ${info.id} (${info.role}, actor ${info.actor}); it is shown only once:\n`);
  process.stdout.write(`${token}\n`);
  return EXIT_OK;
}

export async function tokenListCommand(opts: { store?: string }): Promise<number> {
  const list = await withTokens(opts.store, (t) => t.list());
  for (const t of list) {
    const state = t.revoked ? 'revoked' : t.expiresAt && t.expiresAt < Date.now() ? 'expired' : 'active';
    process.stdout.write(`${t.id}  ${t.role.padEnd(6)}  ${state.padEnd(7)}  ${t.name}  ${t.actor}\n`);
  }
  return EXIT_OK;
}

export async function tokenRevokeCommand(opts: { id: string; store?: string }): Promise<number> {
  const done = await withTokens(opts.store, (t) => t.revoke(opts.id));
  process.stdout.write(done ? `revoked ${opts.id}\n` : `no token ${opts.id}\n`);
  return done ? EXIT_OK : EXIT_FAILURES;
}
