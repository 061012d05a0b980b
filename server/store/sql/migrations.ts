// The store's schema as numbered migrations. The same SQL runs on PGlite (Postgres 18) and on the
// server (Postgres 15). Applied in one transaction under an advisory lock, so two processes
// opening the same database at once apply each migration exactly once.
import { quoteIdent, type SqlDriver } from './driver.js';

export interface Migration {
  version: number;
  name: string;
  /** Statements, given the quoted schema name. */
  up(schema: string): string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'aspects, timeseries and entities',
    // URNs and aspect names compare bytewise (COLLATE "C"): they are identifiers, not prose, and
    // B-tree inserts with a libc collation measured ~30% slower on the Debian server.
    up: (s) => [
      // DataHub's metadata_aspect_v2: version 0 is the latest value, 1..n the history (1 the oldest).
      // `seq` on the version-0 row is the aspect's version number (systemMetadata.version): it
      // counts the values written so far and is the optimistic-concurrency guard of every update.
      `CREATE TABLE IF NOT EXISTS ${s}.metadata_aspect_v2 (
        urn            text        COLLATE "C" NOT NULL,
        aspect         text        COLLATE "C" NOT NULL,
        version        bigint      NOT NULL,
        metadata       jsonb       NOT NULL,
        systemmetadata jsonb,
        createdon      timestamptz NOT NULL,
        createdby      text        NOT NULL,
        createdfor     text,
        seq            bigint      NOT NULL DEFAULT 1,
        CONSTRAINT pk_metadata_aspect_v2 PRIMARY KEY (urn, aspect, version)
      )`,
      // Timeseries aspects are appended, never versioned; re-writing the same point replaces it.
      `CREATE TABLE IF NOT EXISTS ${s}.metadata_timeseries (
        urn              text        COLLATE "C" NOT NULL,
        aspect           text        COLLATE "C" NOT NULL,
        timestamp_millis bigint      NOT NULL,
        partition_key    text        NOT NULL DEFAULT '',
        message_id       text        NOT NULL DEFAULT '',
        value            jsonb       NOT NULL,
        systemmetadata   jsonb,
        createdon        timestamptz NOT NULL,
        CONSTRAINT pk_metadata_timeseries PRIMARY KEY (urn, aspect, timestamp_millis, partition_key, message_id)
      )`,
      `CREATE TABLE IF NOT EXISTS ${s}.metadata_entity (
        urn         text        COLLATE "C" NOT NULL PRIMARY KEY,
        entity_type text        NOT NULL,
        createdon   timestamptz NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS metadata_entity_type_urn ON ${s}.metadata_entity (entity_type, urn)`,
    ],
  },
  {
    version: 2,
    name: 'aspect values as text',
    // DataHub keeps metadata/systemmetadata as text, and so do we: the store never queries inside
    // an aspect except findReferencing (which casts the latest rows of one aspect), and text lets
    // a batch travel by COPY with no per-row jsonb parse: about 35% less CPU per inserted row on
    // PGlite, more on the server. Existing tables are rewritten once (jsonb::text is valid JSON).
    up: (s) => [
      `ALTER TABLE ${s}.metadata_aspect_v2
         ALTER COLUMN metadata TYPE text USING metadata::text,
         ALTER COLUMN systemmetadata TYPE text USING systemmetadata::text`,
    ],
  },
];

/** One component's migrations: the store's, the search index's, the lineage graph's. */
export interface MigrationSet {
  /** Table recording the applied versions, e.g. `schema_migrations`. */
  table: string;
  /** Key for pg_advisory_xact_lock, distinct per set, so concurrent openers apply each once. */
  lockKey: number;
  migrations: readonly Migration[];
  /** Statements run first, outside the schema (e.g. CREATE EXTENSION). */
  prelude?: readonly string[];
}

/** Applies the migrations of a set not yet recorded in `<schema>.<table>`; returns their versions. */
export async function applyMigrations(driver: SqlDriver, schemaName: string, set: MigrationSet): Promise<number[]> {
  const s = quoteIdent(schemaName);
  const table = `${s}.${quoteIdent(set.table)}`;
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [set.lockKey]);
    for (const statement of set.prelude ?? []) await tx.query(statement);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${table} (
      version    integer     NOT NULL PRIMARY KEY,
      name       text        NOT NULL,
      applied_on timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>(`SELECT version FROM ${table}`);
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const migration of set.migrations) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.up(s)) await tx.query(statement);
      await tx.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}

/** Applies the store's migrations (`<schema>.schema_migrations`). */
export function migrate(driver: SqlDriver, schemaName: string): Promise<number[]> {
  return applyMigrations(driver, schemaName, { table: 'schema_migrations', lockKey: 7_324_001, migrations: MIGRATIONS });
}
