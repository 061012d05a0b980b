// The search index's own tables, numbered in `<schema>.search_migrations` (apart from the store's
// schema_migrations, so the two never collide). Applied in one transaction under an advisory lock.
// pg_trgm must be loadable: PGlite gets it from PgliteDriver, the server from postgresql-contrib.
import { quoteIdent, type SqlDriver } from '../../store/sql/driver.js';

interface SearchMigration {
  version: number;
  name: string;
  up(schema: string): string[];
}

const MIGRATIONS: readonly SearchMigration[] = [
  {
    version: 1,
    name: 'search documents, vocabulary',
    up: (s) => [
      // One row per entity. tsv weights: A name words, B qualified name words, C descriptions,
      // tag/term/owner names, D columns (paths, descriptions, tags, terms). Array columns are the
      // facets and filters; `document` is the SearchDocument as given (for explain and export).
      `CREATE TABLE IF NOT EXISTS ${s}.search_documents (
        urn                  text    COLLATE "C" NOT NULL PRIMARY KEY,
        entity_type          text    NOT NULL,
        name                 text    NOT NULL,
        name_lower           text    NOT NULL,
        qualified_name_lower text,
        platform             text,
        origin               text,
        container            text,
        removed              boolean NOT NULL DEFAULT false,
        has_description      boolean NOT NULL DEFAULT false,
        type_names           text[]  NOT NULL DEFAULT '{}',
        tags                 text[]  NOT NULL DEFAULT '{}',
        glossary_terms       text[]  NOT NULL DEFAULT '{}',
        field_tags           text[]  NOT NULL DEFAULT '{}',
        field_glossary_terms text[]  NOT NULL DEFAULT '{}',
        owners               text[]  NOT NULL DEFAULT '{}',
        domains              text[]  NOT NULL DEFAULT '{}',
        tsv                  tsvector NOT NULL,
        document             jsonb   NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS search_documents_tsv ON ${s}.search_documents USING gin (tsv)`,
      `CREATE INDEX IF NOT EXISTS search_documents_name_trgm ON ${s}.search_documents USING gin (name_lower gin_trgm_ops)`,
      `CREATE INDEX IF NOT EXISTS search_documents_name_prefix ON ${s}.search_documents (name_lower text_pattern_ops)`,
      `CREATE INDEX IF NOT EXISTS search_documents_qualified_name ON ${s}.search_documents (qualified_name_lower)`,
      `CREATE INDEX IF NOT EXISTS search_documents_type ON ${s}.search_documents (entity_type)`,
      `CREATE INDEX IF NOT EXISTS search_documents_tags ON ${s}.search_documents USING gin (tags)`,
      `CREATE INDEX IF NOT EXISTS search_documents_terms ON ${s}.search_documents USING gin (glossary_terms)`,
      `CREATE INDEX IF NOT EXISTS search_documents_owners ON ${s}.search_documents USING gin (owners)`,
      // Every name word ever indexed: where a misspelt query word finds its near spellings.
      `CREATE TABLE IF NOT EXISTS ${s}.search_words (word text COLLATE "C" NOT NULL PRIMARY KEY)`,
      `CREATE INDEX IF NOT EXISTS search_words_trgm ON ${s}.search_words USING gin (word gin_trgm_ops)`,
    ],
  },
];

/** A fixed advisory-lock key for the search migrations (the store's is 7_324_001). */
const SEARCH_MIGRATION_LOCK_KEY = 7_324_101;

export async function migrateSearch(driver: SqlDriver, schemaName: string): Promise<number[]> {
  const s = quoteIdent(schemaName);
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEARCH_MIGRATION_LOCK_KEY]);
    await tx.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.search_migrations (
      version    integer     NOT NULL PRIMARY KEY,
      name       text        NOT NULL,
      applied_on timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await tx.query<{ version: number }>(`SELECT version FROM ${s}.search_migrations`)).map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of m.up(s)) await tx.query(statement);
      await tx.query(`INSERT INTO ${s}.search_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
