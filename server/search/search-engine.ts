// The search seam: documents derived from the store go in, ranked and faceted results come out.
// `PgSearchEngine` (server/search/pg) is the embedded implementation; an Elasticsearch one fits
// behind the same contract (documents map to one index per entity type, filters to bool queries,
// facets to terms aggregations, explain to the matched query clause). Field names are DataHub's
// index field names (anchor-datahub.md §7.3), so GraphQL filters pass through unchanged.
import type { SearchDocument } from './document.js';

export type { SearchDocument } from './document.js';

/** A query the engine refuses (unknown field, bad value): a client error, never a server one. */
export class SearchFilterError extends Error {
  override name = 'SearchFilterError';
}

/** Fields a filter or facet may name (DataHub's index field names). */
export const SEARCH_FIELDS = [
  '_entityType', 'urn', 'platform', 'origin', 'typeNames', 'tags', 'glossaryTerms', 'fieldTags', 'fieldGlossaryTerms',
  'owners', 'domains', 'container', 'removed', 'hasDescription',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** The facets computed when a query names none. */
export const DEFAULT_FACETS: readonly SearchField[] = [
  '_entityType', 'platform', 'origin', 'tags', 'glossaryTerms', 'owners', 'domains', 'container',
];

export type FilterCondition = 'EQUAL' | 'IEQUAL' | 'IN' | 'CONTAIN' | 'START_WITH' | 'END_WITH' | 'EXISTS';

/** One condition (DataHub's FacetFilterInput), or an and/or/not of filters. */
export type SearchFilter =
  | { field: SearchField; values?: readonly string[]; condition?: FilterCondition; negated?: boolean }
  | { and: SearchFilter[] }
  | { or: SearchFilter[] }
  | { not: SearchFilter };

/** Whether the filter mentions a field anywhere (e.g. `removed`, which turns off the default). */
export function mentions(filter: SearchFilter | undefined, field: SearchField): boolean {
  if (!filter) return false;
  if ('and' in filter) return filter.and.some((f) => mentions(f, field));
  if ('or' in filter) return filter.or.some((f) => mentions(f, field));
  if ('not' in filter) return mentions(filter.not, field);
  return filter.field === field;
}

/** Why a result matched, strongest first: the order results are ranked in. */
export const MATCH_RULES = ['exact_name', 'qualified_name', 'prefix', 'word', 'fuzzy', 'description', 'column', 'other', 'all'] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

export interface SearchQuery {
  /** Free text; empty or `*` matches everything (ordered by name). */
  query: string;
  /** Entity types (URN type names: `dataset`, `glossaryTerm`, …); all when absent. */
  types?: string[];
  filter?: SearchFilter;
  /** Facet fields to count over the matching documents (default DEFAULT_FACETS; `[]` for none). */
  facets?: SearchField[];
  /** Most values returned per facet (default 20). */
  maxFacetValues?: number;
  start?: number;
  /** Page size (default 10, at most 1,000). */
  count?: number;
  /** Soft-deleted entities (status.removed) are left out unless this is true. */
  includeRemoved?: boolean;
  /** Return, per result, the rule that placed it and the fields that matched. */
  explain?: boolean;
}

export interface MatchedField {
  name: string;
  value: string;
}

export interface SearchExplanation {
  rule: MatchRule;
  /** Rank within the whole result list: higher first. Comparable only within one query. */
  score: number;
  matchedFields: MatchedField[];
  /** One line for people: `exact name "users"`, `typo of "listing" (similarity 0.55)`. */
  reason: string;
}

export interface SearchHit {
  urn: string;
  entityType: string;
  name: string;
  explanation?: SearchExplanation;
}

export interface FacetResult {
  field: SearchField;
  values: Array<{ value: string; count: number }>;
}

export interface SearchResults {
  start: number;
  count: number;
  total: number;
  hits: SearchHit[];
  facets: FacetResult[];
}

export interface AutocompleteSuggestion {
  urn: string;
  entityType: string;
  /** The text to show and complete to. */
  text: string;
  rule: MatchRule;
}

export interface SearchEngine {
  /** Adds or replaces documents (by URN). */
  index(docs: readonly SearchDocument[]): Promise<void>;
  /** Removes documents; unknown URNs are ignored. */
  remove(urns: readonly string[]): Promise<void>;
  /** Applies one batch of changes atomically (the indexer's one transaction per committed write). */
  apply(changes: { index: readonly SearchDocument[]; remove: readonly string[] }): Promise<void>;
  search(query: SearchQuery): Promise<SearchResults>;
  autocomplete(prefix: string, options?: { types?: string[]; limit?: number; includeRemoved?: boolean }): Promise<AutocompleteSuggestion[]>;
  /** Drops every document (before a rebuild from the store). */
  reset(): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}
