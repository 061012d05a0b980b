// SearchFilter -> a SQL condition over search_documents. Columns come from a fixed map (never
// from input); every value is a bound parameter.
import { SearchFilterError, type FilterCondition, type SearchField, type SearchFilter } from '../search-engine.js';

export { mentions } from '../search-engine.js';

type Kind = 'scalar' | 'array' | 'boolean';

export const FIELD_COLUMNS: Record<SearchField, { column: string; kind: Kind }> = {
  _entityType: { column: 'entity_type', kind: 'scalar' },
  urn: { column: 'urn', kind: 'scalar' },
  platform: { column: 'platform', kind: 'scalar' },
  origin: { column: 'origin', kind: 'scalar' },
  container: { column: 'container', kind: 'scalar' },
  typeNames: { column: 'type_names', kind: 'array' },
  tags: { column: 'tags', kind: 'array' },
  glossaryTerms: { column: 'glossary_terms', kind: 'array' },
  fieldTags: { column: 'field_tags', kind: 'array' },
  fieldGlossaryTerms: { column: 'field_glossary_terms', kind: 'array' },
  owners: { column: 'owners', kind: 'array' },
  domains: { column: 'domains', kind: 'array' },
  removed: { column: 'removed', kind: 'boolean' },
  hasDescription: { column: 'has_description', kind: 'boolean' },
};

export { SearchFilterError };

/** Collects bound parameters; `add(v)` returns its placeholder. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export function filterSql(filter: SearchFilter, params: Params, alias = 'd'): string {
  if ('and' in filter) return filter.and.length ? `(${filter.and.map((f) => filterSql(f, params, alias)).join(' AND ')})` : 'TRUE';
  if ('or' in filter) return filter.or.length ? `(${filter.or.map((f) => filterSql(f, params, alias)).join(' OR ')})` : 'FALSE';
  if ('not' in filter) return `(NOT ${filterSql(filter.not, params, alias)})`;
  const spec = FIELD_COLUMNS[filter.field];
  if (!spec) throw new SearchFilterError(`unknown filter field "${String(filter.field)}"; use one of ${Object.keys(FIELD_COLUMNS).join(', ')}`);
  const condition: FilterCondition = filter.condition ?? 'EQUAL';
  const sql = conditionSql(`${alias}.${spec.column}`, spec.kind, condition, filter.values ?? [], params, filter.field);
  return filter.negated ? `(NOT ${sql})` : sql;
}

function conditionSql(col: string, kind: Kind, condition: FilterCondition, values: readonly string[], params: Params, field: string): string {
  if (condition === 'EXISTS') return kind === 'array' ? `(cardinality(${col}) > 0)` : `(${col} IS NOT NULL)`;
  if (values.length === 0) throw new SearchFilterError(`filter on "${field}" with condition ${condition} needs at least one value`);
  if (kind === 'boolean') {
    const bools = values.map((v) => {
      if (v !== 'true' && v !== 'false') throw new SearchFilterError(`filter on "${field}" takes "true" or "false", not "${v}"`);
      return v === 'true';
    });
    return `(${col} = ANY(${params.add(bools)}::boolean[]))`;
  }
  if ((condition === 'EQUAL' || condition === 'IN') && kind === 'array') return `(${col} && ${params.add(values)}::text[])`;
  if (condition === 'EQUAL' || condition === 'IN') return `(${col} = ANY(${params.add(values)}::text[]))`;
  const x = kind === 'array' ? 'x' : col;
  const p = params.add(condition === 'IEQUAL' || condition === 'CONTAIN' ? values.map((v) => v.toLowerCase()) : values);
  const predicate: Record<Exclude<FilterCondition, 'EXISTS' | 'EQUAL' | 'IN'>, string> = {
    IEQUAL: `lower(${x}) = ANY(${p}::text[])`,
    CONTAIN: `EXISTS (SELECT 1 FROM unnest(${p}::text[]) v WHERE strpos(lower(${x}), v) > 0)`,
    START_WITH: `EXISTS (SELECT 1 FROM unnest(${p}::text[]) v WHERE starts_with(${x}, v))`,
    END_WITH: `EXISTS (SELECT 1 FROM unnest(${p}::text[]) v WHERE right(${x}, length(v)) = v)`,
  };
  const pred = predicate[condition as keyof typeof predicate];
  if (!pred) throw new SearchFilterError(`filter condition ${condition} is not supported on "${field}"`);
  return kind === 'array' ? `EXISTS (SELECT 1 FROM unnest(${col}) x WHERE ${pred})` : `(${pred})`;
}
