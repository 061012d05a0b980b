// The in-memory engine's durable copy: one row per entity with its search document as JSON (NULL
// once removed, so other processes learn of the removal), numbered by a sequence that grows with
// every change. Recorded in `<schema>.search_memory_migrations`, apart from the other sets.
import type { SqlDriver } from '../../store/sql/driver.js';
import { applyMigrations, type Migration } from '../../store/sql/migrations.js';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'search entries',
    up: (s) => [
      `CREATE SEQUENCE IF NOT EXISTS ${s}.search_entry_seq`,
      `CREATE TABLE IF NOT EXISTS ${s}.search_entries (
        urn      text   COLLATE "C" NOT NULL PRIMARY KEY,
        seq      bigint NOT NULL,
        document text
      )`,
      `CREATE INDEX IF NOT EXISTS search_entries_seq ON ${s}.search_entries (seq)`,
    ],
  },
];

export function migrateSearchEntries(driver: SqlDriver, schemaName: string): Promise<number[]> {
  return applyMigrations(driver, schemaName, { table: 'search_memory_migrations', lockKey: 7_324_102, migrations: MIGRATIONS });
}
