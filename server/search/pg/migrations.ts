// The search index's own tables, numbered in `<schema>.search_migrations` (apart from the store's
// schema_migrations, so the two never collide). Applied in one transaction under an advisory lock.
// pg_trgm must be loadable: PGlite gets it from PgliteDriver, the server from postgresql-contrib.
import type { SqlDriver } from '../../store/sql/driver.js';
import { applyMigrations, type Migration } from '../../store/sql/migrations.js';

const MIGRATIONS: readonly Migration[] = [
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

export function migrateSearch(driver: SqlDriver, schemaName: string): Promise<number[]> {
  return applyMigrations(driver, schemaName, {
    table: 'search_migrations',
    lockKey: 7_324_101,
    migrations: MIGRATIONS,
    prelude: ['CREATE EXTENSION IF NOT EXISTS pg_trgm'],
  });
}
