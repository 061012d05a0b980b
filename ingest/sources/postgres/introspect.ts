// Catalog queries over pg_catalog, one `pg` connection. Relations are addressed by oid and every
// value is a bound parameter, so names with quotes, spaces, capitals or reserved words need no
// quoting here; `quoteIdent` is for the SQL that must name them (the profiler).
import type { Client } from 'pg';
import type { PgTypeInfo } from './types.js';

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export type RelationKind = 'table' | 'view' | 'materialized_view';

export interface PgRelation {
  oid: string;
  schema: string;
  name: string;
  kind: RelationKind;
  /** pg_class.relkind, e.g. `r`, `p` (partitioned), `v`, `m`. */
  relkind: string;
  description: string | null;
  owner: string | null;
  /** pg_class.reltuples; null when never analysed (-1). */
  estimatedRows: number | null;
  /** pg_total_relation_size: table, indexes and TOAST. */
  sizeBytes: number | null;
}

export interface PgColumn {
  name: string;
  position: number;
  /** format_type(atttypid, atttypmod): `character varying(30)`, `numeric(8,2)`, `text[]`, `"Mood"`. */
  nativeType: string;
  notNull: boolean;
  description: string | null;
  /** ANALYZE's estimate of distinct values (pg_stats.n_distinct: a count, or minus a fraction of the rows); null if never analyzed. */
  distinctEstimate: number | null;
  type: PgTypeInfo;
}

export interface PgConstraint {
  name: string;
  /** primary key, foreign key, unique */
  kind: 'p' | 'f' | 'u';
  columns: string[];
  foreignSchema: string | null;
  foreignTable: string | null;
  foreignColumns: string[];
}

const RELKINDS: Record<string, RelationKind> = { r: 'table', p: 'table', v: 'view', m: 'materialized_view' };

export async function listDatabases(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_catalog.pg_database
      WHERE datallowconn AND NOT datistemplate AND datname <> ALL($1::text[])
      ORDER BY datname`,
    [['template0', 'template1', 'rdsadmin']],
  );
  return rows.map((r) => r.datname);
}

/** Schemas, as SQLAlchemy lists them for DataHub: never pg_catalog, pg_toast, pg_temp_* or other `pg_` schemas. */
export async function listSchemas(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ nspname: string }>(
    `SELECT nspname FROM pg_catalog.pg_namespace
      WHERE nspname NOT LIKE 'pg\\_%'
      ORDER BY nspname`,
  );
  return rows.map((r) => r.nspname);
}

export async function listRelations(client: Client, schema: string): Promise<PgRelation[]> {
  const { rows } = await client.query<{
    oid: string; relname: string; relkind: string; description: string | null; owner: string | null;
    reltuples: number | null; size: string | null;
  }>(
    `SELECT c.oid::text AS oid, c.relname, c.relkind::text AS relkind,
            pg_catalog.obj_description(c.oid, 'pg_class') AS description,
            pg_catalog.pg_get_userbyid(c.relowner) AS owner,
            c.reltuples::float8 AS reltuples,
            -- pg_total_relation_size waits for the table's lock: a table held by an ALTER or a
            -- LOCK TABLE would stop the whole crawl, so such a table's size is left unknown
            CASE WHEN c.relkind IN ('r', 'p', 'm') AND NOT EXISTS (
                   SELECT 1 FROM pg_catalog.pg_locks l
                    WHERE l.relation = c.oid AND l.mode = 'AccessExclusiveLock' AND l.database = (
                      SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()))
                 THEN pg_catalog.pg_total_relation_size(c.oid)::text END AS size
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm')
      ORDER BY c.relname`,
    [schema],
  );
  return rows.map((r) => ({
    oid: r.oid,
    schema,
    name: r.relname,
    kind: RELKINDS[r.relkind]!,
    relkind: r.relkind,
    description: r.description,
    owner: r.owner,
    estimatedRows: r.reltuples !== null && r.reltuples >= 0 ? Math.round(r.reltuples) : null,
    sizeBytes: r.size === null ? null : Number(r.size),
  }));
}

/** Columns in ordinal order; empty when the relation no longer exists. */
export async function listColumns(client: Client, oid: string): Promise<PgColumn[]> {
  const { rows } = await client.query<{
    attname: string; attnum: number; native: string; attnotnull: boolean; description: string | null;
    typname: string; typtype: string; typcategory: string;
    elem_typname: string | null; elem_typtype: string | null; elem_typcategory: string | null; elem_name: string | null;
    n_distinct: number | null;
  }>(
    `SELECT a.attname, a.attnum::int AS attnum,
            pg_catalog.format_type(a.atttypid, a.atttypmod) AS native,
            a.attnotnull, pg_catalog.col_description(a.attrelid, a.attnum) AS description,
            bt.typname::text AS typname, bt.typtype::text AS typtype, bt.typcategory::text AS typcategory,
            et.typname::text AS elem_typname, et.typtype::text AS elem_typtype, et.typcategory::text AS elem_typcategory,
            CASE WHEN et.oid IS NOT NULL THEN pg_catalog.format_type(et.oid, NULL) END AS elem_name,
            st.n_distinct::float8 AS n_distinct
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_catalog.pg_stats st ON st.schemaname = n.nspname AND st.tablename = c.relname AND st.attname = a.attname AND NOT st.inherited
       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
       LEFT JOIN pg_catalog.pg_type et ON bt.typcategory = 'A' AND et.oid = bt.typelem
      WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [oid],
  );
  return rows.map((r) => ({
    name: r.attname,
    position: r.attnum,
    nativeType: r.native,
    notNull: r.attnotnull,
    description: r.description,
    distinctEstimate: r.n_distinct,
    type: {
      typname: r.typname,
      typtype: r.typtype,
      typcategory: r.typcategory,
      element: r.elem_typname ? { typname: r.elem_typname, typtype: r.elem_typtype ?? 'b', typcategory: r.elem_typcategory ?? 'X' } : null,
      elementName: r.elem_name,
    },
  }));
}

export async function listConstraints(client: Client, oid: string): Promise<PgConstraint[]> {
  const { rows } = await client.query<{
    conname: string; contype: 'p' | 'f' | 'u'; cols: string[]; fschema: string | null; ftable: string | null; fcols: string[] | null;
  }>(
    `SELECT con.conname, con.contype::text AS contype,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                   ORDER BY k.ord) AS cols,
            fn.nspname::text AS fschema, fc.relname::text AS ftable,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                   ORDER BY k.ord) AS fcols
       FROM pg_catalog.pg_constraint con
       LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
       LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
      WHERE con.conrelid = $1::oid AND con.contype IN ('p', 'f', 'u')
      ORDER BY con.contype DESC, con.conname`,
    [oid],
  );
  return rows.map((r) => ({
    name: r.conname,
    kind: r.contype,
    columns: r.cols,
    foreignSchema: r.fschema,
    foreignTable: r.ftable,
    foreignColumns: r.fcols ?? [],
  }));
}

/** pg_get_viewdef(oid, true): the definition as PostgreSQL prints it; null if the view is gone. */
export async function viewDefinition(client: Client, oid: string): Promise<string | null> {
  const { rows } = await client.query<{ def: string | null }>(
    `SELECT pg_catalog.pg_get_viewdef(c.oid, true) AS def FROM pg_catalog.pg_class c WHERE c.oid = $1::oid`,
    [oid],
  );
  return rows[0]?.def ?? null;
}

export interface ResolvedRelation {
  schema: string;
  name: string;
  kind: RelationKind | null;
  columns: string[];
}

/**
 * Finds a relation a view names: in `schema` when given, else along the connection's search_path
 * (the one pg_get_viewdef printed the definition for, which leaves visible names unqualified).
 */
export async function resolveRelation(client: Client, schema: string | null, name: string): Promise<ResolvedRelation | null> {
  const { rows } = await client.query<{ nspname: string; relname: string; relkind: string; columns: string[] }>(
    `SELECT n.nspname::text AS nspname, c.relname::text AS relname, c.relkind::text AS relkind,
            ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS columns
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = $2
        AND CASE WHEN $1::text IS NULL THEN n.nspname = ANY (pg_catalog.current_schemas(true)) ELSE n.nspname = $1::text END
      ORDER BY array_position(pg_catalog.current_schemas(true), n.nspname::name)
      LIMIT 1`,
    [schema, name],
  );
  const r = rows[0];
  return r ? { schema: r.nspname, name: r.relname, kind: RELKINDS[r.relkind] ?? null, columns: r.columns } : null;
}
