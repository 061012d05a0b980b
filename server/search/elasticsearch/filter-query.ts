// SearchFilter -> an Elasticsearch bool query. Fields come from a fixed map (FIELD_NAMES), never
// from input; the semantics match the PostgreSQL engine's filter-sql.ts condition for condition.
import type { estypes } from '@elastic/elasticsearch';
import { SearchFilterError, type FilterCondition, type SearchFilter } from '../search-engine.js';
import { FIELD_NAMES } from './mapping.js';

type Query = estypes.QueryDslQueryContainer;

const MATCH_NONE: Query = { bool: { must_not: { match_all: {} } } };
const escapeWildcard = (s: string): string => s.replace(/[\\*?]/g, (c) => `\\${c}`);

export function filterQuery(filter: SearchFilter): Query {
  if ('and' in filter) return { bool: { filter: filter.and.map(filterQuery) } };
  if ('or' in filter) return filter.or.length ? { bool: { should: filter.or.map(filterQuery), minimum_should_match: 1 } } : MATCH_NONE;
  if ('not' in filter) return { bool: { must_not: filterQuery(filter.not) } };
  const spec = FIELD_NAMES[filter.field];
  if (!spec) throw new SearchFilterError(`unknown filter field "${String(filter.field)}"; use one of ${Object.keys(FIELD_NAMES).join(', ')}`);
  const query = conditionQuery(spec.field, spec.kind, filter.condition ?? 'EQUAL', filter.values ?? [], filter.field);
  return filter.negated ? { bool: { must_not: query } } : query;
}

function conditionQuery(field: string, kind: 'keyword' | 'boolean', condition: FilterCondition, values: readonly string[], name: string): Query {
  if (condition === 'EXISTS') return { exists: { field } };
  if (values.length === 0) throw new SearchFilterError(`filter on "${name}" with condition ${condition} needs at least one value`);
  if (kind === 'boolean') {
    for (const v of values) if (v !== 'true' && v !== 'false') throw new SearchFilterError(`filter on "${name}" takes "true" or "false", not "${v}"`);
    return { terms: { [field]: values.map((v) => v === 'true') } };
  }
  const any = (queries: Query[]): Query => ({ bool: { should: queries, minimum_should_match: 1 } });
  switch (condition) {
    case 'EQUAL':
    case 'IN':
      return { terms: { [field]: [...values] } };
    case 'IEQUAL':
      return any(values.map((v) => ({ term: { [field]: { value: v, case_insensitive: true } } })));
    case 'CONTAIN':
      return any(values.map((v) => ({ wildcard: { [field]: { value: `*${escapeWildcard(v)}*`, case_insensitive: true } } })));
    case 'START_WITH':
      return any(values.map((v) => ({ prefix: { [field]: { value: v } } })));
    case 'END_WITH':
      return any(values.map((v) => ({ wildcard: { [field]: { value: `*${escapeWildcard(v)}` } } })));
    default:
      throw new SearchFilterError(`filter condition ${String(condition)} is not supported on "${name}"`);
  }
}
