// SearchFilter -> a predicate over the in-memory index's slots. Values are resolved to value ids
// once per query (conditions other than EQUAL/IN scan the field's distinct values), so testing a
// slot is a few integer lookups. Errors match the other engines' (SearchFilterError).
import { SEARCH_FIELDS, SearchFilterError, type FilterCondition, type SearchField, type SearchFilter } from '../search-engine.js';
import type { InvertedIndex } from './inverted-index.js';

export type SlotPredicate = (slot: number) => boolean;

const BOOLEAN_FIELDS = new Set<SearchField>(['removed', 'hasDescription']);

export function compileFilter(filter: SearchFilter, index: InvertedIndex): SlotPredicate {
  if ('and' in filter) {
    const parts = filter.and.map((f) => compileFilter(f, index));
    return (slot) => parts.every((p) => p(slot));
  }
  if ('or' in filter) {
    const parts = filter.or.map((f) => compileFilter(f, index));
    return (slot) => parts.some((p) => p(slot));
  }
  if ('not' in filter) {
    const inner = compileFilter(filter.not, index);
    return (slot) => !inner(slot);
  }
  const { field } = filter;
  if (!(SEARCH_FIELDS as readonly string[]).includes(field)) {
    throw new SearchFilterError(`unknown filter field "${String(field)}"; use one of ${SEARCH_FIELDS.join(', ')}`);
  }
  const predicate = condition(field, filter.condition ?? 'EQUAL', filter.values ?? [], index);
  return filter.negated ? (slot) => !predicate(slot) : predicate;
}

function condition(field: SearchField, cond: FilterCondition, values: readonly string[], index: InvertedIndex): SlotPredicate {
  if (cond === 'EXISTS') return field === 'urn' ? () => true : (slot) => index.valueCount(slot, field) > 0;
  if (values.length === 0) throw new SearchFilterError(`filter on "${field}" with condition ${cond} needs at least one value`);
  if (BOOLEAN_FIELDS.has(field)) {
    for (const v of values) if (v !== 'true' && v !== 'false') throw new SearchFilterError(`filter on "${field}" takes "true" or "false", not "${v}"`);
    cond = 'EQUAL';
  }
  const test = valueTest(cond, values, field);
  if (field === 'urn') return (slot) => test(index.urns[slot]!);
  const table = index.tables[field];
  const ids = new Set<number>();
  if (cond === 'EQUAL' || cond === 'IN') {
    for (const v of values) {
      const id = table.find(v);
      if (id !== undefined) ids.add(id);
    }
  } else {
    table.values.forEach((v, id) => test(v) && ids.add(id));
  }
  const at = index.fieldAt(field);
  return (slot) => index.hasAnyAt(slot, at, ids);
}

function valueTest(cond: FilterCondition, values: readonly string[], field: string): (value: string) => boolean {
  const lower = values.map((v) => v.toLowerCase());
  switch (cond) {
    case 'EQUAL':
    case 'IN': {
      const set = new Set(values);
      return (v) => set.has(v);
    }
    case 'IEQUAL': return (v) => lower.includes(v.toLowerCase());
    case 'CONTAIN': return (v) => lower.some((x) => v.toLowerCase().includes(x));
    case 'START_WITH': return (v) => values.some((x) => v.startsWith(x));
    case 'END_WITH': return (v) => values.some((x) => v.endsWith(x));
    default: throw new SearchFilterError(`filter condition ${String(cond)} is not supported on "${field}"`);
  }
}
