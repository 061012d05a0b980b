// Turns the recipe's connection keys into `pg` client settings: host_port/database/username/
// password, or a sqlalchemy_uri, with libpq's sslmode (top level or options.connect_args).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientConfig } from 'pg';
import type { PostgresSourceConfig } from './config.js';

export class PostgresConnectionError extends Error {
  override name = 'PostgresConnectionError';
}

function parseHostPort(hostPort: string): { host: string; port: number } {
  const m = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(hostPort.trim());
  if (!m || !m[1]) throw new PostgresConnectionError(`host_port "${hostPort}" is not host:port`);
  return { host: m[1], port: m[2] ? Number(m[2]) : 5432 };
}

function sslFor(mode: string | null, rootCert: string | null, baseDir: string): ClientConfig['ssl'] {
  switch (mode) {
    case null:
    case 'disable':
    case 'allow':
    case 'prefer':
      // node-postgres cannot fall back from TLS to plain text; `prefer` and `allow` connect in plain text.
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
    case 'verify-full': {
      const ca = rootCert ? readFileSync(path.resolve(baseDir, rootCert), 'utf8') : undefined;
      return {
        rejectUnauthorized: true,
        ...(ca ? { ca } : {}),
        ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
      };
    }
    default:
      throw new PostgresConnectionError(`sslmode "${mode}" is not one of disable, allow, prefer, require, verify-ca, verify-full`);
  }
}

/** `pg` settings for one database (`database` overrides the configured one, for multi-database runs). */
export function clientConfig(config: PostgresSourceConfig, baseDir: string, database?: string): ClientConfig {
  const connectArgs = (config.options.connect_args ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  let out: ClientConfig;
  let sslmode = config.sslmode ?? str(connectArgs.sslmode);
  let rootCert = config.sslrootcert ?? str(connectArgs.sslrootcert);
  if (config.sqlalchemy_uri) {
    const url = new URL(config.sqlalchemy_uri.replace(/^[a-z0-9]+\+[a-z0-9]+:/i, 'postgresql:'));
    sslmode = url.searchParams.get('sslmode') ?? sslmode;
    rootCert = url.searchParams.get('sslrootcert') ?? rootCert;
    out = {
      host: decodeURIComponent(url.hostname.replace(/^\[|\]$/g, '')),
      port: url.port ? Number(url.port) : 5432,
      user: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      database: database ?? (url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : undefined),
    };
  } else {
    const { host, port } = parseHostPort(config.host_port);
    out = {
      host,
      port,
      user: config.username ?? undefined,
      password: config.password ?? undefined,
      database: database ?? config.database ?? config.initial_database,
    };
  }
  out.ssl = sslFor(sslmode, rootCert, baseDir);
  const timeout = Number(connectArgs.connect_timeout);
  if (Number.isFinite(timeout) && timeout > 0) out.connectionTimeoutMillis = timeout * 1000;
  out.application_name = str(connectArgs.application_name) ?? 'catalog-ingest';
  return out;
}

/** The database name used in URNs: the configured one, as DataHub's get_identifier does. */
export function configuredDatabase(config: PostgresSourceConfig): string | null {
  if (config.database) return config.database;
  if (config.sqlalchemy_uri) {
    const url = new URL(config.sqlalchemy_uri.replace(/^[a-z0-9]+\+[a-z0-9]+:/i, 'postgresql:'));
    if (url.pathname.length > 1) return decodeURIComponent(url.pathname.slice(1));
  }
  return null;
}
