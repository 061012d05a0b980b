// The lineage graph's tables, in the store's database and schema but with their own migration
// list (`graph_migrations`), so the graph and the store never collide over migration numbers.
import type { SqlDriver } from '../../store/sql/driver.js';
import { applyMigrations, type Migration } from '../../store/sql/migrations.js';

export const GRAPH_MIGRATIONS: readonly Migration[] = [
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

export function migrateGraph(driver: SqlDriver, schemaName: string): Promise<number[]> {
  return applyMigrations(driver, schemaName, { table: 'graph_migrations', lockKey: 7_324_201, migrations: GRAPH_MIGRATIONS });
}
