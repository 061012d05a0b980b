// The lineage graph's tables, in the store's database and schema but with their own migration
// list (`graph_migrations`), so the graph and the store never collide over migration numbers.
import { quoteIdent, type SqlDriver } from '../../store/sql/driver.js';

interface GraphMigration {
  version: number;
  name: string;
  up(schema: string): string[];
}

export const GRAPH_MIGRATIONS: readonly GraphMigration[] = [
  {
    version: 1,
    name: 'lineage edges and soft-deleted nodes',
    up: (s) => [
      // One row per edge an aspect implies, in data-flow direction (up -> down). `owner`/`aspect`
      // say which aspect implied it (replaced together on the next write of that aspect). Both
      // endpoints carry their entity type and platform, so walks filter without the store.
      `CREATE TABLE IF NOT EXISTS ${s}.graph_edge (
        owner               text    COLLATE "C" NOT NULL,
        aspect              text    COLLATE "C" NOT NULL,
        up                  text    COLLATE "C" NOT NULL,
        down                text    COLLATE "C" NOT NULL,
        relationship        text    COLLATE "C" NOT NULL,
        fine                boolean NOT NULL,
        up_type             text    NOT NULL,
        up_platform         text,
        down_type           text    NOT NULL,
        down_platform       text,
        lineage_type        text,
        via                 text,
        transform_operation text,
        confidence          real,
        CONSTRAINT graph_edge_pk PRIMARY KEY (owner, aspect, up, down, relationship, fine)
      )`,
      // Downstream walks look edges up by `up`, upstream walks by `down`.
      `CREATE INDEX IF NOT EXISTS graph_edge_by_up ON ${s}.graph_edge (up, fine)`,
      `CREATE INDEX IF NOT EXISTS graph_edge_by_down ON ${s}.graph_edge (down, fine)`,
      // Soft-deleted nodes (status.removed = true); walks skip them unless asked not to.
      `CREATE TABLE IF NOT EXISTS ${s}.graph_removed (
        urn text COLLATE "C" NOT NULL PRIMARY KEY
      )`,
    ],
  },
];

/** A key of its own for pg_advisory_xact_lock (the store's migrations use another). */
const GRAPH_MIGRATION_LOCK_KEY = 7_324_101;

export async function migrateGraph(driver: SqlDriver, schemaName: string): Promise<number[]> {
  const s = quoteIdent(schemaName);
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [GRAPH_MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.graph_migrations (
      version    integer     NOT NULL PRIMARY KEY,
      name       text        NOT NULL,
      applied_on timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>(`SELECT version FROM ${s}.graph_migrations`);
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const migration of GRAPH_MIGRATIONS) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.up(s)) await tx.query(statement);
      await tx.query(`INSERT INTO ${s}.graph_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
