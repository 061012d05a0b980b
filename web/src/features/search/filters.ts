// Search state lives in the URL (?q=&f=field:value&page=), so every result page can be shared.
// Values of one field are alternatives (OR); different fields must all hold (AND).

export interface SearchState {
  query: string;
  filters: Array<{ field: string; value: string }>;
  page: number;
}

export const PAGE_SIZE = 10;

export const FACET_FIELDS: Array<{ field: string; label: string }> = [
  { field: '_entityType', label: 'Type' },
  { field: 'platform', label: 'Platform' },
  { field: 'origin', label: 'Environment' },
  { field: 'glossaryTerms', label: 'Glossary terms' },
  { field: 'tags', label: 'Tags' },
  { field: 'fieldGlossaryTerms', label: 'Column terms' },
  { field: 'fieldTags', label: 'Column tags' },
  { field: 'owners', label: 'Owners' },
  { field: 'domains', label: 'Domain' },
  { field: 'container', label: 'Container' },
];

export function readSearch(search: string): SearchState {
  const p = new URLSearchParams(search);
  const filters = p.getAll('f').flatMap((f) => {
    const i = f.indexOf(':');
    return i > 0 ? [{ field: f.slice(0, i), value: f.slice(i + 1) }] : [];
  });
  return { query: p.get('q') ?? '', filters, page: Math.max(1, Number(p.get('page')) || 1) };
}

export function searchHref(s: SearchState): string {
  const p = new URLSearchParams();
  if (s.query) p.set('q', s.query);
  for (const f of s.filters) p.append('f', `${f.field}:${f.value}`);
  if (s.page > 1) p.set('page', String(s.page));
  const qs = p.toString();
  return `/search${qs ? `?${qs}` : ''}`;
}

export function toggleFilter(s: SearchState, field: string, value: string): SearchState {
  const on = s.filters.some((f) => f.field === field && f.value === value);
  return { ...s, page: 1, filters: on ? s.filters.filter((f) => !(f.field === field && f.value === value)) : [...s.filters, { field, value }] };
}

/** DataHub's orFilters: one AND group, a condition per field listing its values. */
export function toOrFilters(filters: SearchState['filters']) {
  if (!filters.length) return undefined;
  const byField = new Map<string, string[]>();
  for (const f of filters) byField.set(f.field, [...(byField.get(f.field) ?? []), f.value]);
  return [{ and: [...byField].map(([field, values]) => ({ field, values })) }];
}
