// Ranked results with the matching text highlighted, facets with counts, combined filters, paging.
import { Link, useSearch } from 'wouter';
import { useQuery } from '../../shared/graphql';
import { Chip, Empty, EntityLink, ErrorMessage, Loading, formatNumber } from '../../shared/ui';
import { datasetKey, parseUrn, shortName } from '../../shared/urn';
import { FACET_FIELDS, PAGE_SIZE, readSearch, searchHref, toOrFilters, toggleFilter, type SearchState } from './filters';
import SEARCH from './search.graphql?raw';

interface Result {
  entity: {
    urn: string;
    type: string;
    name: string;
    dataset: {
      origin: string;
      subTypes: string[];
      properties: { description: string | null; qualifiedName: string | null } | null;
      editableDescription: string | null;
      tags: { tags: Array<{ tag: { urn: string; name: string } }> } | null;
      glossaryTerms: { terms: Array<{ term: { urn: string; name: string } }> } | null;
    } | null;
  };
  matchedFields: Array<{ name: string; value: string }>;
  explanation: { rule: string; reason: string } | null;
}
interface SearchData {
  searchAcrossEntities: { start: number; count: number; total: number; searchResults: Result[]; facets: Array<{ field: string; aggregations: Array<{ value: string; count: number }> }> };
}

/** Wraps the query's words in <mark> inside a matched value. */
export function Highlight({ text, query }: { text: string; query: string }) {
  const words = query.split(/\s+/).filter((w) => w.length > 1 && w !== '*').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!words.length) return <>{text}</>;
  const parts = text.split(new RegExp(`(${words.join('|')})`, 'ig'));
  return <>{parts.map((p, i) => (i % 2 ? <mark key={i}>{p}</mark> : p))}</>;
}

export const facetLabel = (field: string, value: string) => (value.startsWith('urn:li:') ? shortName(value) : field === '_entityType' ? value.replace(/([A-Z])/g, ' $1').toLowerCase() : value);

function Facets({ state, facets }: { state: SearchState; facets: SearchData['searchAcrossEntities']['facets'] }) {
  const shown = FACET_FIELDS.map((f) => ({ ...f, values: facets.find((x) => x.field === f.field)?.aggregations ?? [] })).filter((f) => f.values.length > 0);
  return (
    <aside aria-label="Filters">
      {shown.map((f) => (
        <fieldset key={f.field} className="facet" style={{ border: 0, padding: 0, margin: '0 0 14px' }}>
          <legend>
            <h3>{f.label}</h3>
          </legend>
          {f.values.map((v) => {
            const checked = state.filters.some((x) => x.field === f.field && x.value === v.value);
            return (
              <Link key={v.value} href={searchHref(toggleFilter(state, f.field, v.value))} className={checked ? 'facet-option on' : 'facet-option'} title={v.value}>
                <span aria-hidden="true">{checked ? '☑' : '☐'}</span>
                {checked && <span className="visually-hidden">selected: </span>}
                <span>{facetLabel(f.field, v.value)}</span>
                <span className="count">{formatNumber(v.count)}</span>
              </Link>
            );
          })}
        </fieldset>
      ))}
    </aside>
  );
}

function ResultItem({ r, query }: { r: Result; query: string }) {
  const d = r.entity.dataset;
  const desc = d?.editableDescription ?? d?.properties?.description ?? null;
  const key = r.entity.type === 'DATASET' ? datasetKey(r.entity.urn) : null;
  const extra = r.matchedFields.filter((m) => !['name', 'description', 'qualifiedName', 'urn'].includes(m.name));
  return (
    <li>
      <div className="title">
        <EntityLink urn={r.entity.urn}>
          <Highlight text={r.entity.name} query={query} />
        </EntityLink>
      </div>
      <div className="meta">
        {key ? `${key.platform} · ${key.env} · ${key.name}` : parseUrn(r.entity.urn).type}
        {d?.subTypes.length ? ` · ${d.subTypes.join(', ')}` : ''}
        {r.explanation && <span title={r.explanation.reason}> · matched {r.explanation.rule.replace('_', ' ')}</span>}
      </div>
      {desc && (
        <p className="desc">
          <Highlight text={desc} query={query} />
        </p>
      )}
      {extra.length > 0 && (
        <p className="desc muted">
          {extra.slice(0, 4).map((m, i) => (
            <span key={i}>
              {i > 0 && ' · '}
              {m.name}: <Highlight text={m.value} query={query} />
            </span>
          ))}
        </p>
      )}
      {(d?.tags?.tags.length || d?.glossaryTerms?.terms.length) ? (
        <div>
          {d?.glossaryTerms?.terms.map((t) => <Chip key={t.term.urn} urn={t.term.urn} kind="term" label={t.term.name} />)}
          {d?.tags?.tags.map((t) => <Chip key={t.tag.urn} urn={t.tag.urn} kind="tag" label={t.tag.name} />)}
        </div>
      ) : null}
    </li>
  );
}

export function SearchPage() {
  const state = readSearch(useSearch());
  const input = { query: state.query || '*', start: (state.page - 1) * PAGE_SIZE, count: PAGE_SIZE, orFilters: toOrFilters(state.filters), explain: true, facets: FACET_FIELDS.map((f) => f.field) };
  const { data, error, loading } = useQuery<SearchData>(SEARCH, { input });
  const r = data?.searchAcrossEntities;
  const pages = r ? Math.max(1, Math.ceil(r.total / PAGE_SIZE)) : 1;
  return (
    <>
      <h1>{state.query ? <>Results for “{state.query}”</> : 'All entities'}</h1>
      {state.filters.length > 0 && (
        <div className="active-filters" aria-label="Active filters">
          {state.filters.map((f) => (
            <span key={`${f.field}:${f.value}`} className="chip">
              {FACET_FIELDS.find((x) => x.field === f.field)?.label ?? f.field}: {facetLabel(f.field, f.value)}
              <Link href={searchHref(toggleFilter(state, f.field, f.value))} aria-label={`Remove filter ${facetLabel(f.field, f.value)}`} className="chip-remove">
                ×
              </Link>
            </span>
          ))}
          <Link href={searchHref({ ...state, filters: [], page: 1 })}>Clear filters</Link>
        </div>
      )}
      {error && <ErrorMessage error={error} what="search results" />}
      <div className="search-layout">
        {r ? <Facets state={state} facets={r.facets} /> : <div />}
        <section aria-label="Results" aria-busy={loading}>
          {loading && !r && <Loading what="results" />}
          {r && (
            <p className="muted" role="status">
              {formatNumber(r.total)} result{r.total === 1 ? '' : 's'}
              {r.total > PAGE_SIZE && ` · page ${state.page} of ${pages}`}
            </p>
          )}
          {r && r.total === 0 && <Empty>Nothing matches{state.query ? ` “${state.query}”` : ''}{state.filters.length ? ' with these filters; try removing one' : ''}.</Empty>}
          {r && (
            <ol className="results">
              {r.searchResults.map((x) => (
                <ResultItem key={x.entity.urn} r={x} query={state.query} />
              ))}
            </ol>
          )}
          {r && pages > 1 && (
            <nav className="pager" aria-label="Pages">
              {state.page > 1 ? <Link href={searchHref({ ...state, page: state.page - 1 })}>← Previous</Link> : <span className="muted">← Previous</span>}
              <span>
                Page {state.page} of {pages}
              </span>
              {state.page < pages ? <Link href={searchHref({ ...state, page: state.page + 1 })}>Next →</Link> : <span className="muted">Next →</span>}
            </nav>
          )}
        </section>
      </div>
    </>
  );
}
