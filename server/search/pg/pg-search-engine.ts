// The embedded search engine: PostgreSQL full text (tsvector, weighted, GIN) and pg_trgm in the
// store's own database (PGlite or a server), in tables of its own (see migrations.ts).
//
// Ranking is by tiers a user can predict, then by a score within the tier:
//   exact name > qualified name > name prefix > every word in the name > near spelling (typos,
//   by trigrams over the name and over the vocabulary of name words) > description, tags, terms,
//   owners > columns > words spread over several of these.
// Ties go to the shorter/closer name, then by name, then URN, so paging is stable.
import { quoteIdent, type SqlDriver, type SqlExecutor } from '../../store/sql/driver.js';
import type { SearchDocument } from '../document.js';
import {
  DEFAULT_FACETS, MATCH_RULES, type AutocompleteSuggestion, type FacetResult, type MatchRule, type SearchEngine,
  type SearchField, type SearchHit, type SearchQuery, type SearchResults,
} from '../search-engine.js';
import { FIELD_COLUMNS, Params, SearchFilterError, filterSql, mentions } from './filter-sql.js';
import { migrateSearch } from './migrations.js';
import { allWordsQuery, fuzzyQuery, words } from './words.js';
import { documentWords } from '../words.js';
import { explain } from '../explain.js';

export interface PgSearchEngineOptions {
  /** PostgreSQL schema for the search tables (default `public`, beside the store's). */
  schema?: string;
}

const MAX_COUNT = 1000;
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class PgSearchEngine implements SearchEngine {
  private readonly t: string;
  private readonly w: string;

  private constructor(private readonly driver: SqlDriver, schema: string) {
    this.t = `${quoteIdent(schema)}.search_documents`;
    this.w = `${quoteIdent(schema)}.search_words`;
  }

  /** Brings the search tables up to date on `driver` (the store's) and returns the engine. */
  static async open(driver: SqlDriver, options: PgSearchEngineOptions = {}): Promise<PgSearchEngine> {
    const schema = options.schema ?? 'public';
    await migrateSearch(driver, schema);
    return new PgSearchEngine(driver, schema);
  }

  index(docs: readonly SearchDocument[]): Promise<void> {
    return this.apply({ index: docs, remove: [] });
  }

  remove(urns: readonly string[]): Promise<void> {
    return this.apply({ index: [], remove: urns });
  }

  async apply(changes: { index: readonly SearchDocument[]; remove: readonly string[] }): Promise<void> {
    if (changes.index.length === 0 && changes.remove.length === 0) return;
    await this.driver.transaction(async (tx) => {
      if (changes.remove.length) await tx.query(`DELETE FROM ${this.t} WHERE urn = ANY($1::text[])`, [[...changes.remove]]);
      for (let i = 0; i < changes.index.length; i += 500) await this.upsert(tx, changes.index.slice(i, i + 500));
    });
  }

  private async upsert(tx: SqlExecutor, docs: readonly SearchDocument[]): Promise<void> {
    const byUrn = new Map(docs.map((d) => [d.urn, d]));
    const rows = [...byUrn.values()].map((d) => ({
      urn: d.urn, entity_type: d.entityType, name: d.name, name_lower: d.name.toLowerCase(),
      qualified_name_lower: d.qualifiedName?.toLowerCase() ?? null, platform: d.platform, origin: d.origin, container: d.container,
      removed: d.removed, has_description: !!d.description, type_names: d.typeNames, tags: d.tags, glossary_terms: d.glossaryTerms,
      field_tags: d.fieldTags, field_glossary_terms: d.fieldGlossaryTerms, owners: d.owners, domains: d.domains,
      ...weightedText(d),
      document: d,
    }));
    const arrays = ['type_names', 'tags', 'glossary_terms', 'field_tags', 'field_glossary_terms', 'owners', 'domains'];
    const cols = ['urn', 'entity_type', 'name', 'name_lower', 'qualified_name_lower', 'platform', 'origin', 'container', 'removed', 'has_description', ...arrays, 'tsv', 'document'];
    await tx.query(
      `INSERT INTO ${this.t} (${cols.join(', ')})
       SELECT r->>'urn', r->>'entity_type', r->>'name', r->>'name_lower', r->>'qualified_name_lower', r->>'platform', r->>'origin',
              r->>'container', (r->>'removed')::boolean, (r->>'has_description')::boolean,
              ${arrays.map((a) => `ARRAY(SELECT jsonb_array_elements_text(r->'${a}'))`).join(', ')},
              setweight(to_tsvector('simple', r->>'a'), 'A') || setweight(to_tsvector('simple', r->>'b'), 'B')
                || setweight(to_tsvector('simple', r->>'c'), 'C') || setweight(to_tsvector('simple', r->>'d'), 'D'),
              r->'document'
       FROM jsonb_array_elements($1::jsonb) r
       ON CONFLICT (urn) DO UPDATE SET ${cols.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
      [JSON.stringify(rows)],
    );
    const vocabulary = [...new Set(rows.flatMap((r) => `${r.a} ${r.b}`.split(' ')).filter((w) => w.length >= 3))];
    await tx.query(`INSERT INTO ${this.w} (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [vocabulary]);
  }

  async search(input: SearchQuery): Promise<SearchResults> {
    const start = Math.max(0, Math.floor(input.start ?? 0));
    const count = Math.min(MAX_COUNT, Math.max(0, Math.floor(input.count ?? 10)));
    const facets = input.facets ?? DEFAULT_FACETS;
    for (const f of facets) if (!FIELD_COLUMNS[f]) throw new SearchFilterError(`unknown facet "${String(f)}"; use one of ${Object.keys(FIELD_COLUMNS).join(', ')}`);
    const q = input.query.trim().toLowerCase();
    const ws = q === '*' ? [] : words(q);
    const alternatives = ws.length ? await this.nearSpellings(ws) : new Map<string, string[]>();
    const params = new Params();
    const where: string[] = [];
    let rule = `${MATCH_RULES.indexOf('all')}`;
    let sub = '0';
    if (q !== '' && q !== '*') {
      const pq = params.add(q);
      const prefix = params.add(`${escapeLike(q)}%`);
      const match = [`d.name_lower = ${pq}`, `d.qualified_name_lower = ${pq}`, `d.name_lower LIKE ${prefix}`, `d.name_lower % ${pq}`];
      const tiers: Array<[MatchRule, string]> = [
        ['exact_name', `d.name_lower = ${pq}`],
        ['qualified_name', `(d.qualified_name_lower = ${pq} OR right(d.qualified_name_lower, length(${pq}) + 1) = '.' || ${pq})`],
        ['prefix', `d.name_lower LIKE ${prefix}`],
      ];
      let rank = '0';
      if (ws.length) {
        const all = `to_tsquery('simple', ${params.add(allWordsQuery(ws))})`;
        match.push(`d.tsv @@ ${all}`);
        rank = `ts_rank(d.tsv, ${all})`;
        tiers.push(['word', `d.tsv @@ to_tsquery('simple', ${params.add(allWordsQuery(ws, 'A'))})`]);
        const fuzzy = alternatives.size ? `to_tsquery('simple', ${params.add(fuzzyQuery(ws, alternatives))})` : null;
        if (fuzzy) match.push(`d.tsv @@ ${fuzzy}`);
        tiers.push(['fuzzy', fuzzy ? `(d.tsv @@ ${fuzzy} OR d.name_lower % ${pq})` : `d.name_lower % ${pq}`]);
        tiers.push(['description', `d.tsv @@ to_tsquery('simple', ${params.add(allWordsQuery(ws, 'C'))})`]);
        tiers.push(['column', `d.tsv @@ to_tsquery('simple', ${params.add(allWordsQuery(ws, 'D'))})`]);
        if (fuzzy) rank = `greatest(${rank}, ts_rank(d.tsv, ${fuzzy}))`;
      } else {
        tiers.push(['fuzzy', `d.name_lower % ${pq}`]);
      }
      where.push(`(${match.join(' OR ')})`);
      rule = `CASE ${tiers.map(([r, cond]) => `WHEN ${cond} THEN ${MATCH_RULES.indexOf(r)}`).join(' ')} ELSE ${MATCH_RULES.indexOf('other')} END`;
      // Within a tier: prefix by how much of the name the query covers, fuzzy by similarity, the rest by ts_rank.
      sub = `CASE r.rule WHEN ${MATCH_RULES.indexOf('prefix')} THEN length(${pq})::float8 / greatest(length(d.name_lower), 1)
                         WHEN ${MATCH_RULES.indexOf('fuzzy')} THEN greatest(similarity(d.name_lower, ${pq}), ${rank})
                         ELSE least(${rank}, 1) END`;
    }
    if (input.types?.length) where.push(`d.entity_type = ANY(${params.add(input.types)}::text[])`);
    if (!input.includeRemoved && !mentions(input.filter, 'removed')) where.push('NOT d.removed');
    if (input.filter) where.push(filterSql(input.filter, params));
    const facetCols = [...new Set(facets.map((f) => FIELD_COLUMNS[f].column))].filter((c) => !['urn', 'entity_type'].includes(c));
    const maxValues = facets.length ? `${params.add(Math.max(1, input.maxFacetValues ?? 20))}::int` : '';
    const facetSql = facets.map((f) => {
      const { column, kind } = FIELD_COLUMNS[f];
      const name = params.add(f);
      if (kind === 'array') return `(SELECT 'facet', ${name}::text, v, count(*)::float8, NULL::int, NULL::text, NULL::int, NULL::jsonb FROM matched m, unnest(m.${column}) v GROUP BY v ORDER BY count(*) DESC, v LIMIT ${maxValues})`;
      return `(SELECT 'facet', ${name}::text, m.${column}::text, count(*)::float8, NULL::int, NULL::text, NULL::int, NULL::jsonb FROM matched m WHERE m.${column} IS NOT NULL GROUP BY m.${column} ORDER BY count(*) DESC, m.${column}::text LIMIT ${maxValues})`;
    });
    const sql = `
      WITH matched AS MATERIALIZED (
        SELECT d.urn, d.entity_type, d.name, d.name_lower, r.rule, (${MATCH_RULES.length} - r.rule) * 100 + 99 * (${sub}) AS score
               ${facetCols.map((c) => `, d.${c}`).join('')}
        FROM ${this.t} d, LATERAL (SELECT ${rule} AS rule) r
        WHERE ${where.length ? where.join(' AND ') : 'TRUE'}
      ), page AS (
        SELECT *, row_number() OVER (ORDER BY score DESC, length(name_lower), name_lower COLLATE "C", urn) AS ord
        FROM matched ORDER BY score DESC, length(name_lower), name_lower COLLATE "C", urn LIMIT ${params.add(count)}::int OFFSET ${params.add(start)}::int
      )
      SELECT 'hit' AS kind, p.urn AS field, p.name AS value, p.score AS n, p.rule AS rule, p.entity_type AS entity_type,
             p.ord::int AS ord, ${input.explain ? `(SELECT document FROM ${this.t} x WHERE x.urn = p.urn)` : 'NULL::jsonb'} AS document
      FROM page p
      UNION ALL SELECT 'total', NULL, NULL, count(*)::float8, NULL, NULL, NULL, NULL FROM matched
      ${facetSql.map((f) => `UNION ALL ${f}`).join('\n')}`;
    type Row = { kind: string; field: string | null; value: string | null; n: number; rule: number | null; entity_type: string | null; ord: number | null; document: SearchDocument | null };
    const rows = await this.driver.query<Row>(sql, params.values);
    const hits: Array<SearchHit & { ord: number }> = [];
    const facetMap = new Map<SearchField, FacetResult>(facets.map((f) => [f, { field: f, values: [] }]));
    let total = 0;
    for (const row of rows) {
      if (row.kind === 'total') total = Number(row.n);
      else if (row.kind === 'facet') facetMap.get(row.field as SearchField)?.values.push({ value: row.value!, count: Number(row.n) });
      else {
        const hit: SearchHit & { ord: number } = { urn: row.field!, entityType: row.entity_type!, name: row.value!, ord: Number(row.ord) };
        if (input.explain) hit.explanation = explain(MATCH_RULES[row.rule!]!, Number(row.n), q, ws, alternatives, row.document);
        hits.push(hit);
      }
    }
    // UNION ALL keeps no order: put the page back in rank order.
    hits.sort((a, b) => a.ord - b.ord);
    for (const hit of hits) delete (hit as { ord?: number }).ord;
    for (const f of facetMap.values()) f.values.sort((a, b) => b.count - a.count || cmp(a.value, b.value));
    return { start, count: hits.length, total, hits, facets: [...facetMap.values()] };
  }

  /** For each query word not in the vocabulary, the indexed name words spelt most like it. */
  private async nearSpellings(ws: readonly string[]): Promise<Map<string, string[]>> {
    const candidates = ws.filter((w) => w.length >= 4);
    const result = new Map<string, string[]>();
    if (!candidates.length) return result;
    const rows = await this.driver.query<{ qw: string; word: string }>(
      `SELECT qw, s.word FROM unnest($1::text[]) qw
       CROSS JOIN LATERAL (SELECT word FROM ${this.w} WHERE word % qw ORDER BY similarity(word, qw) DESC, word LIMIT 3) s
       WHERE NOT EXISTS (SELECT 1 FROM ${this.w} e WHERE e.word = qw)`,
      [candidates],
    );
    for (const { qw, word } of rows) result.set(qw, [...(result.get(qw) ?? []), word]);
    return result;
  }

  async autocomplete(prefix: string, options: { types?: string[]; limit?: number; includeRemoved?: boolean } = {}): Promise<AutocompleteSuggestion[]> {
    const p = prefix.trim().toLowerCase();
    const limit = Math.min(100, Math.max(1, options.limit ?? 10));
    if (!p) return [];
    const out: AutocompleteSuggestion[] = [];
    const seen = new Set<string>();
    const stage = async (rule: MatchRule, condition: (params: Params) => string, order: string): Promise<void> => {
      if (out.length >= limit) return;
      const params = new Params();
      const where = [condition(params)];
      if (options.types?.length) where.push(`entity_type = ANY(${params.add(options.types)}::text[])`);
      if (!options.includeRemoved) where.push('NOT removed');
      if (seen.size) where.push(`NOT (urn = ANY(${params.add([...seen])}::text[]))`);
      const rows = await this.driver.query<{ urn: string; entity_type: string; name: string }>(
        `SELECT urn, entity_type, name FROM ${this.t} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${params.add(limit - out.length)}::int`,
        params.values,
      );
      for (const r of rows) {
        seen.add(r.urn);
        out.push({ urn: r.urn, entityType: r.entity_type, text: r.name, rule });
      }
    };
    // Names that start with the text (index range scan, shortest first), then names with a word
    // starting with it, then near spellings.
    await stage('prefix', (ps) => `name_lower LIKE ${ps.add(`${escapeLike(p)}%`)}`, 'name_lower COLLATE "C", urn');
    const ws = words(p);
    if (ws.length) await stage('word', (ps) => `tsv @@ to_tsquery('simple', ${ps.add(allWordsQuery(ws, 'AB'))})`, 'length(name_lower), name_lower, urn');
    if (p.length >= 3) await stage('fuzzy', (ps) => `name_lower % ${ps.add(p)}`, `similarity(name_lower, $1) DESC, urn`);
    return out;
  }

  async reset(): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.query(`TRUNCATE ${this.t}`);
      await tx.query(`TRUNCATE ${this.w}`);
    });
  }

  async count(): Promise<number> {
    const [row] = await this.driver.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${this.t}`);
    return Number(row?.n ?? 0);
  }

  /** The driver belongs to the store; closing the engine releases nothing of its own. */
  async close(): Promise<void> {}
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The document's word groups as tsvector text per weight (A name … D columns). */
function weightedText(d: SearchDocument): { a: string; b: string; c: string; d: string } {
  const w = documentWords(d);
  return { a: w.name.join(' '), b: w.qualifiedName.join(' '), c: w.described.join(' '), d: w.columns.join(' ') };
}
