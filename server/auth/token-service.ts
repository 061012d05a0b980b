// API tokens: `cat_<id>_<secret>`. Only a SHA-256 hash of the secret is stored (as an aspect of a
// `dataHubAccessToken` entity, which the generic APIs refuse to read or write), so a leaked
// database does not leak tokens. Lookups are cached briefly; revocation takes effect within that.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { corpUserUrn } from '../../model/urn.js';
import type { MetadataStore } from '../store/store.js';
import { ROLES, type Principal, type Role } from './roles.js';

export const TOKEN_ENTITY = 'dataHubAccessToken';
export const TOKEN_ASPECT = 'catalogAccessToken';
const CACHE_MS = 30_000;

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  actor: string;
  createdAt: number;
  expiresAt: number | null;
  revoked: boolean;
}

interface StoredToken extends Omit<TokenInfo, 'id'> {
  hash: string;
}

const tokenUrn = (id: string) => `urn:li:${TOKEN_ENTITY}:${id}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function parseToken(token: string): { id: string; secret: string } | null {
  const m = /^cat_([0-9a-f]{16})_([A-Za-z0-9_-]{20,})$/.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

export class TokenService {
  private readonly cache = new Map<string, { principal: Principal | null; at: number }>();
  constructor(
    private readonly store: MetadataStore,
    private readonly now: () => number = Date.now,
  ) {}

  async create(options: { name: string; role: Role; actor?: string; expiresInDays?: number | null }, createdBy = 'urn:li:corpuser:datahub'): Promise<{ token: string; info: TokenInfo }> {
    if (!ROLES.includes(options.role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const stored: StoredToken = {
      name: options.name,
      role: options.role,
      actor: corpUserUrn(options.actor ?? options.name),
      createdAt: this.now(),
      expiresAt: options.expiresInDays ? this.now() + options.expiresInDays * 86_400_000 : null,
      revoked: false,
      hash: sha256(secret),
    };
    await this.store.apply([{ entityType: TOKEN_ENTITY, entityUrn: tokenUrn(id), changeType: 'UPSERT', aspectName: TOKEN_ASPECT, aspect: { ...stored } }], { actor: createdBy });
    const { hash: _hash, ...info } = stored;
    return { token: `cat_${id}_${secret}`, info: { id, ...info } };
  }

  async list(): Promise<TokenInfo[]> {
    const urns = await this.store.listUrns({ entityType: TOKEN_ENTITY, count: 10_000 });
    const out: TokenInfo[] = [];
    for (const urn of urns) {
      const a = await this.store.getAspect(urn, TOKEN_ASPECT);
      if (!a) continue;
      const { hash: _hash, ...info } = a.value as unknown as StoredToken;
      out.push({ id: urn.slice(`urn:li:${TOKEN_ENTITY}:`.length), ...info });
    }
    return out;
  }

  async revoke(id: string, by = 'urn:li:corpuser:datahub'): Promise<boolean> {
    const a = await this.store.getAspect(tokenUrn(id), TOKEN_ASPECT);
    if (!a) return false;
    await this.store.apply([{ entityType: TOKEN_ENTITY, entityUrn: tokenUrn(id), changeType: 'UPSERT', aspectName: TOKEN_ASPECT, aspect: { ...a.value, revoked: true } }], { actor: by });
    this.cache.clear();
    return true;
  }

  async count(): Promise<number> {
    return (await this.store.listUrns({ entityType: TOKEN_ENTITY, count: 1 })).length;
  }

  /** The principal a bearer token stands for, or null when it is unknown, revoked or expired. */
  async authenticate(token: string): Promise<Principal | null> {
    const cached = this.cache.get(token);
    if (cached && this.now() - cached.at < CACHE_MS) return cached.principal;
    const principal = await this.lookup(token);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(token, { principal, at: this.now() });
    return principal;
  }

  private async lookup(token: string): Promise<Principal | null> {
    const parsed = parseToken(token);
    if (!parsed) return null;
    const a = await this.store.getAspect(tokenUrn(parsed.id), TOKEN_ASPECT);
    if (!a) return null;
    const t = a.value as unknown as StoredToken;
    const given = Buffer.from(sha256(parsed.secret), 'hex');
    const expected = Buffer.from(t.hash, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (t.revoked || (t.expiresAt !== null && t.expiresAt < this.now())) return null;
    return { actor: t.actor, role: t.role, tokenId: parsed.id };
  }
}
