// Home: the search box, counts by platform and environment, recently changed datasets, and the
// glossary's top-level nodes as entry points.
import { Link } from 'wouter';
import { BarChart } from '../../shared/charts';
import { useQuery } from '../../shared/graphql';
import { Empty, EntityLink, ErrorMessage, Loading, formatNumber, formatTime } from '../../shared/ui';
import { searchHref } from './filters';
import HOME from './home.graphql?raw';
import { SearchBox } from './SearchBox';

interface HomeData {
  analytics: { totalDatasets: number; datasetsByPlatform: Array<{ value: string; count: number }>; datasetsByEnv: Array<{ value: string; count: number }> };
  recentlyChanged: Array<{ entity: { urn: string; name: string }; changedAt: number }>;
  getRootGlossaryNodes: Array<{ urn: string; name: string; children: Array<{ urn: string }>; childNodes: Array<{ urn: string }> }>;
  getRootGlossaryTerms: Array<{ urn: string; name: string }>;
}

const facetBars = (field: string, values: Array<{ value: string; count: number }>) =>
  values.map((v) => ({ label: v.value, value: v.count, href: searchHref({ query: '', filters: [{ field, value: v.value }], page: 1 }) }));

export function HomePage() {
  const { data, error, loading } = useQuery<HomeData>(HOME);
  return (
    <>
      <h1>Find data</h1>
      <SearchBox className="home-search" autoFocus />
      {loading && <Loading what="the catalog overview" />}
      {error && <ErrorMessage error={error} what="the catalog overview" />}
      {data && (
        <div className="grid">
          <section className="panel" aria-labelledby="by-platform">
            <h2 id="by-platform">{formatNumber(data.analytics.totalDatasets)} datasets by platform</h2>
            {data.analytics.datasetsByPlatform.length === 0 ? (
              <Empty>No datasets yet. Ingest a source with `catalog ingest -c recipe.yml`.</Empty>
            ) : (
              <ul className="plain">
                {facetBars('platform', data.analytics.datasetsByPlatform).map((b) => (
                  <li key={b.label}>
                    <Link href={b.href}>{b.label}</Link> <span className="muted">{formatNumber(b.value)}</span>
                  </li>
                ))}
              </ul>
            )}
            <h3>By environment</h3>
            <ul className="plain">
              {facetBars('origin', data.analytics.datasetsByEnv).map((b) => (
                <li key={b.label}>
                  <Link href={b.href}>{b.label}</Link> <span className="muted">{formatNumber(b.value)}</span>
                </li>
              ))}
            </ul>
            {data.analytics.datasetsByPlatform.length > 0 && <BarChart label="Datasets by platform" bars={facetBars('platform', data.analytics.datasetsByPlatform)} />}
          </section>
          <section className="panel" aria-labelledby="recent">
            <h2 id="recent">Recently changed</h2>
            {data.recentlyChanged.length === 0 ? (
              <Empty>Nothing has changed yet.</Empty>
            ) : (
              <ul className="plain">
                {data.recentlyChanged.map((r) => (
                  <li key={r.entity.urn}>
                    <EntityLink urn={r.entity.urn} name={r.entity.name} /> <span className="muted">{formatTime(r.changedAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="glossary">
            <h2 id="glossary">Glossary</h2>
            {data.getRootGlossaryNodes.length + data.getRootGlossaryTerms.length === 0 ? (
              <Empty>No glossary yet. Load one with `catalog ingest -c recipes/glossary.yml`.</Empty>
            ) : (
              <ul className="plain">
                {data.getRootGlossaryNodes.map((n) => (
                  <li key={n.urn}>
                    <EntityLink urn={n.urn} name={n.name} /> <span className="muted">{n.children.length + n.childNodes.length} entries</span>
                  </li>
                ))}
                {data.getRootGlossaryTerms.map((t) => (
                  <li key={t.urn}>
                    <EntityLink urn={t.urn} name={t.name} />
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link href="/glossary">Browse the glossary</Link> · <Link href="/tags">Tags</Link> · <Link href="/analytics">Analytics</Link>
            </p>
          </section>
        </div>
      )}
    </>
  );
}
