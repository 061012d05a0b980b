// The scale-out search engine: Elasticsearch 8, behind the same SearchEngine contract as the
// embedded PgSearchEngine, with the same ranking a user can predict:
//   exact name > qualified name > name prefix > every word in the name > near spelling >
//   description, tags, terms, owners > columns > words spread over several of these.
// Each tier is a constant-score clause of one dis_max, so a document's score is the tier that
// placed it (900 … 200; 100 when there is no query text); ties go to the shorter name, then the
// name, then the URN (the PostgreSQL engine's order), so paging is stable. Near spellings come
// from the index's own words (term suggesters over name words, DirectSpellChecker: at most two
// edits) where PostgreSQL uses trigram similarity over its vocabulary table; the whole-name typo
// check is a Levenshtein `fuzzy` query where PostgreSQL uses `name % query`.
import { Client, errors, type estypes } from '@elastic/elasticsearch';
import type { SearchDocument } from '../document.js';
import { explain } from '../explain.js';
import {
  DEFAULT_FACETS, MATCH_RULES, SearchFilterError, type AutocompleteSuggestion, type FacetResult, type MatchRule, type SearchEngine,
  type SearchField, type SearchHit, type SearchQuery, type SearchResults,
} from '../search-engine.js';
import { mentions } from '../search-engine.js';
import { words } from '../words.js';
import { redactUrl as redact } from '../../backend-url.js';
import { filterQuery } from './filter-query.js';
import { FIELD_NAMES, INDEX_MAPPINGS, MAPPING_VERSION, documentId, indexSettings, toEsDocument, type EsDocument } from './mapping.js';

type Query = estypes.QueryDslQueryContainer;

export interface EsSearchEngineOptions {
  /** Elasticsearch URL (`http://host:9200`). */
  node: string;
  /** Index name (default `catalog_search`). */
  index?: string;
  /**
   * After a write: `wait_for` (default) returns once the change is searchable, so a caller that
   * awaited the write reads it back; `true` refreshes at once (tests); `false` leaves it to the
   * refresh interval (bulk loads behind Kafka, where nobody waits on the write).
   */
  refresh?: boolean | 'wait_for';
  shards?: number;
  replicas?: number;
  requestTimeoutMs?: number;
}

export class SearchBackendError extends Error {
  override name = 'SearchBackendError';
}

const MAX_COUNT = 1000;
/** Tier scores: (rules - rule index) * 100, as in PgSearchEngine without its within-tier part. */
const tierScore = (rule: MatchRule): number => (MATCH_RULES.length - MATCH_RULES.indexOf(rule)) * 100;
const ruleOf = (score: number): MatchRule => MATCH_RULES[Math.max(0, Math.min(MATCH_RULES.length - 1, MATCH_RULES.length - Math.round(score / 100)))]!;
const tier = (rule: MatchRule, query: Query): Query => ({ constant_score: { filter: query, boost: tierScore(rule) } });
const allOf = (queries: Query[]): Query => ({ bool: { filter: queries } });
const anyOf = (queries: Query[]): Query => ({ bool: { should: queries, minimum_should_match: 1 } });
const everyWordPrefix = (ws: readonly string[], fields: readonly string[]): Query =>
  allOf(ws.map((w) => anyOf(fields.map((f) => ({ prefix: { [f]: { value: w } } })))));
const ORDER: estypes.SortCombinations[] = [{ nameLength: 'asc' }, { nameLower: 'asc' }, { urn: 'asc' }];

export class EsSearchEngine implements SearchEngine {
  private constructor(
    private readonly client: Client,
    private readonly index_: string,
    private readonly options: EsSearchEngineOptions,
  ) {}

  /** Connects, checks the node answers, and creates the index when it does not exist. */
  static async open(options: EsSearchEngineOptions): Promise<EsSearchEngine> {
    const client = new Client({ node: options.node, requestTimeout: options.requestTimeoutMs ?? 30_000, maxRetries: 2 });
    const engine = new EsSearchEngine(client, options.index ?? 'catalog_search', options);
    try {
      await client.cluster.health({ timeout: '10s' });
    } catch (error) {
      await client.close();
      throw new SearchBackendError(
        `Elasticsearch at ${redact(options.node)} does not answer (${(error as Error).message}); start it (scripts/services up elasticsearch, or docker compose up elasticsearch) or fix the search URL`,
      );
    }
    await engine.ensureIndex();
    return engine;
  }

  get indexName(): string {
    return this.index_;
  }

  private async ensureIndex(): Promise<void> {
    const index = this.index_;
    if (await this.client.indices.exists({ index })) {
      const mapping = await this.client.indices.getMapping({ index });
      const version = Object.values(mapping)[0]?.mappings._meta?.version;
      if (version !== MAPPING_VERSION) {
        throw new SearchBackendError(
          `Elasticsearch index "${index}" has mapping version ${String(version)}, this catalog writes ${MAPPING_VERSION}; run \`catalog reindex\` (it recreates the index) or choose another index`,
        );
      }
      return;
    }
    try {
      await this.client.indices.create({
        index,
        settings: indexSettings({ shards: this.options.shards ?? 1, replicas: this.options.replicas ?? 0 }),
        mappings: INDEX_MAPPINGS,
        wait_for_active_shards: 1,
      });
    } catch (error) {
      // Another process created it first.
      if (!(error instanceof errors.ResponseError && error.body?.error?.type === 'resource_already_exists_exception')) throw error;
    }
  }

  index(docs: readonly SearchDocument[]): Promise<void> {
    return this.apply({ index: docs, remove: [] });
  }

  remove(urns: readonly string[]): Promise<void> {
    return this.apply({ index: [], remove: urns });
  }

  /**
   * One bulk request: removals, then documents (by URN, so a repeated delivery changes nothing).
   * Elasticsearch has no transaction: a bulk that partly fails throws, naming the documents, and
   * the indexer's next delivery (or `catalog reindex`) brings them back in line.
   */
  async apply(changes: { index: readonly SearchDocument[]; remove: readonly string[] }): Promise<void> {
    if (changes.index.length === 0 && changes.remove.length === 0) return;
    const latest = new Map(changes.index.map((d) => [d.urn, d]));
    const ops: unknown[] = [];
    for (const urn of changes.remove) if (!latest.has(urn)) ops.push({ delete: { _index: this.index_, _id: documentId(urn) } });
    for (const doc of latest.values()) ops.push({ index: { _index: this.index_, _id: documentId(doc.urn) } }, toEsDocument(doc));
    const response = await this.client.bulk({ operations: ops as estypes.BulkOperationContainer[], refresh: this.options.refresh ?? 'wait_for' });
    if (!response.errors) return;
    const failed = response.items
      .map((item) => Object.values(item)[0]!)
      .filter((r) => r.error && !(r.status === 404 && r.result === 'not_found'));
    if (failed.length) {
      const sample = failed.slice(0, 3).map((r) => `${r._id}: ${r.error?.type} ${r.error?.reason ?? ''}`.trim());
      throw new SearchBackendError(`Elasticsearch refused ${failed.length} of ${response.items.length} document change(s): ${sample.join('; ')}`);
    }
  }

  async search(input: SearchQuery): Promise<SearchResults> {
    const start = Math.max(0, Math.floor(input.start ?? 0));
    const count = Math.min(MAX_COUNT, Math.max(0, Math.floor(input.count ?? 10)));
    const facets = input.facets ?? DEFAULT_FACETS;
    for (const f of facets) if (!FIELD_NAMES[f]) throw new SearchFilterError(`unknown facet "${String(f)}"; use one of ${Object.keys(FIELD_NAMES).join(', ')}`);
    const filters: Query[] = [];
    if (input.types?.length) filters.push({ terms: { entityType: input.types } });
    if (!input.includeRemoved && !mentions(input.filter, 'removed')) filters.push({ bool: { must_not: { term: { removed: true } } } });
    if (input.filter) filters.push(filterQuery(input.filter));

    const q = input.query.trim().toLowerCase();
    const ws = q === '*' ? [] : words(q);
    const alternatives = ws.length ? await this.nearSpellings(ws) : new Map<string, string[]>();
    const scoring = q === '' || q === '*' ? tier('all', { match_all: {} }) : { dis_max: { queries: tiers(q, ws, alternatives), tie_breaker: 0 } };
    const maxValues = Math.max(1, input.maxFacetValues ?? 20);
    const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
    for (const f of facets) aggs[f] = { terms: { field: FIELD_NAMES[f].field, size: maxValues, order: [{ _count: 'desc' }, { _key: 'asc' }] } };

    const response = await this.client.search<EsDocument>({
      index: this.index_,
      query: { bool: { must: scoring, filter: filters } },
      sort: [{ _score: { order: 'desc' } }, ...ORDER],
      from: start,
      size: count,
      track_total_hits: true,
      _source: input.explain ? ['urn', 'entityType', 'name', 'document'] : ['urn', 'entityType', 'name'],
      aggs: facets.length ? aggs : undefined,
    });
    const hits: SearchHit[] = response.hits.hits.map((h) => {
      const src = h._source!;
      const hit: SearchHit = { urn: src.urn, entityType: src.entityType, name: src.name };
      if (input.explain) hit.explanation = explain(ruleOf(h._score ?? 0), h._score ?? 0, q, ws, alternatives, src.document ?? null);
      return hit;
    });
    const total = typeof response.hits.total === 'number' ? response.hits.total : (response.hits.total?.value ?? 0);
    const facetResults: FacetResult[] = facets.map((f) => {
      const agg = response.aggregations?.[f] as estypes.AggregationsStringTermsAggregate | undefined;
      const buckets = (agg?.buckets ?? []) as Array<{ key: string | number; key_as_string?: string; doc_count: number }>;
      return { field: f as SearchField, values: buckets.map((b) => ({ value: b.key_as_string ?? String(b.key), count: b.doc_count })) };
    });
    return { start, count: hits.length, total, hits, facets: facetResults };
  }

  /**
   * For each query word (of four letters or more) that no name or qualified name holds, the
   * indexed name words spelt most like it: one request, a term suggester per word and field plus
   * a presence count per word.
   */
  private async nearSpellings(ws: readonly string[]): Promise<Map<string, string[]>> {
    const candidates = ws.filter((w) => w.length >= 4);
    const result = new Map<string, string[]>();
    if (!candidates.length) return result;
    const suggest: Record<string, estypes.SearchFieldSuggester> = {};
    const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
    candidates.forEach((w, i) => {
      for (const field of ['nameWords', 'qualifiedNameWords']) {
        suggest[`${field}_${i}`] = { text: w, term: { field, suggest_mode: 'missing', size: 3, min_word_length: 4, prefix_length: 1, sort: 'score' } };
      }
      aggs[`present_${i}`] = { filter: anyOf([{ term: { nameWords: w } }, { term: { qualifiedNameWords: w } }]) };
    });
    const response = await this.client.search({ index: this.index_, size: 0, suggest, aggs });
    candidates.forEach((w, i) => {
      if (((response.aggregations?.[`present_${i}`] as { doc_count?: number } | undefined)?.doc_count ?? 0) > 0) return;
      const options = ['nameWords', 'qualifiedNameWords'].flatMap((field) =>
        ((response.suggest?.[`${field}_${i}`] ?? []) as estypes.SearchTermSuggest[]).flatMap((s) => s.options as estypes.SearchTermSuggestOption[]),
      );
      options.sort((a, b) => b.score - a.score || b.freq - a.freq || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      const near = [...new Set(options.map((o) => o.text))].slice(0, 3);
      if (near.length) result.set(w, near);
    });
    return result;
  }

  async autocomplete(prefix: string, options: { types?: string[]; limit?: number; includeRemoved?: boolean } = {}): Promise<AutocompleteSuggestion[]> {
    const p = prefix.trim().toLowerCase();
    const limit = Math.min(100, Math.max(1, options.limit ?? 10));
    if (!p) return [];
    const out: AutocompleteSuggestion[] = [];
    const seen: string[] = [];
    const stage = async (rule: MatchRule, query: Query, sort: estypes.SortCombinations[]): Promise<void> => {
      if (out.length >= limit) return;
      const filter: Query[] = [query];
      if (options.types?.length) filter.push({ terms: { entityType: options.types } });
      if (!options.includeRemoved) filter.push({ bool: { must_not: { term: { removed: true } } } });
      if (seen.length) filter.push({ bool: { must_not: { terms: { urn: seen } } } });
      const scored = rule === 'fuzzy';
      const response = await this.client.search<EsDocument>({
        index: this.index_,
        query: scored ? { bool: { must: query, filter: filter.slice(1) } } : { bool: { filter } },
        sort,
        size: limit - out.length,
        _source: ['urn', 'entityType', 'name'],
      });
      for (const h of response.hits.hits) {
        seen.push(h._source!.urn);
        out.push({ urn: h._source!.urn, entityType: h._source!.entityType, text: h._source!.name, rule });
      }
    };
    // Names that start with the text, then names with a word starting with it, then near spellings.
    await stage('prefix', { prefix: { nameLower: { value: p } } }, [{ nameLower: 'asc' }, { urn: 'asc' }]);
    const ws = words(p);
    if (ws.length) await stage('word', everyWordPrefix(ws, ['nameWords', 'qualifiedNameWords']), ORDER);
    if (p.length >= 3) await stage('fuzzy', { fuzzy: { nameLower: { value: p, fuzziness: 'AUTO' } } }, [{ _score: { order: 'desc' } }, ...ORDER]);
    return out;
  }

  /** Drops the index and creates it empty (a rebuild also picks up a new mapping). */
  async reset(): Promise<void> {
    await this.client.indices.delete({ index: this.index_, ignore_unavailable: true });
    await this.ensureIndex();
  }

  async count(): Promise<number> {
    await this.client.indices.refresh({ index: this.index_ });
    return (await this.client.count({ index: this.index_ })).count;
  }

  /** Deletes the index (tests; `catalog reindex` uses reset). */
  async drop(): Promise<void> {
    await this.client.indices.delete({ index: this.index_, ignore_unavailable: true });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** The tier clauses for query text `q` (lower-cased) with words `ws`. */
function tiers(q: string, ws: readonly string[], alternatives: ReadonlyMap<string, readonly string[]>): Query[] {
  const wholeNameTypo: Query = { fuzzy: { nameLower: { value: q, fuzziness: 'AUTO' } } };
  const clauses: Query[] = [
    tier('exact_name', { term: { nameLower: q } }),
    tier('qualified_name', { term: { qualifiedNameTails: q } }),
    tier('prefix', { prefix: { nameLower: { value: q } } }),
  ];
  if (!ws.length) return [...clauses, tier('fuzzy', wholeNameTypo)];
  clauses.push(tier('word', everyWordPrefix(ws, ['nameWords'])));
  const near = alternatives.size
    ? allOf(ws.map((w) => anyOf(['nameWords', 'qualifiedNameWords'].map((f) => ({ terms: { [f]: [w, ...(alternatives.get(w) ?? [])] } })))))
    : null;
  clauses.push(tier('fuzzy', near ? anyOf([near, wholeNameTypo]) : wholeNameTypo));
  clauses.push(tier('description', everyWordPrefix(ws, ['describedWords'])));
  clauses.push(tier('column', everyWordPrefix(ws, ['columnWords'])));
  clauses.push(tier('other', everyWordPrefix(ws, ['nameWords', 'qualifiedNameWords', 'describedWords', 'columnWords'])));
  return clauses;
}
