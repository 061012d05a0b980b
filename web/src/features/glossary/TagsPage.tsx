// Tags in use (on datasets and on columns) with counts, and a tag's page listing what carries it.
import { useParams } from 'wouter';
import { BarChart } from '../../shared/charts';
import { useQuery } from '../../shared/graphql';
import { Empty, EntityLink, ErrorMessage, Loading } from '../../shared/ui';
import { param, shortName } from '../../shared/urn';
import TAG from './tag.graphql?raw';
import TAGS from './tags.graphql?raw';

type Facets = Array<{ field: string; aggregations: Array<{ value: string; count: number }> }>;

export function TagsPage() {
  const { data, error, loading } = useQuery<{ searchAcrossEntities: { facets: Facets } }>(TAGS);
  const of = (f: string) => data?.searchAcrossEntities.facets.find((x) => x.field === f)?.aggregations ?? [];
  return (
    <>
      <h1>Tags</h1>
      {loading && <Loading what="tags" />}
      {error && <ErrorMessage error={error} what="tags" />}
      {data && (
        <div className="grid">
          {[
            ['tags', 'On datasets'],
            ['fieldTags', 'On columns'],
          ].map(([field, title]) => (
            <section key={field} className="panel" aria-label={`Tags ${title!.toLowerCase()}`}>
              <h2>{title}</h2>
              {of(field!).length === 0 ? (
                <Empty>No tags {title!.toLowerCase()}.</Empty>
              ) : (
                <>
                  <ul className="plain">
                    {of(field!).map((a) => (
                      <li key={a.value}>
                        <EntityLink urn={a.value} /> <span className="muted">{a.count}</span>
                      </li>
                    ))}
                  </ul>
                  <BarChart label={`Tags ${title}`} bars={of(field!).map((a) => ({ label: shortName(a.value), value: a.count }))} />
                </>
              )}
            </section>
          ))}
        </div>
      )}
    </>
  );
}

interface TagData {
  tag: { urn: string; name: string; description: string | null } | null;
  searchAcrossEntities: {
    total: number;
    searchResults: Array<{
      entity: {
        urn: string;
        name: string;
        dataset: { tags: { tags: Array<{ tag: { urn: string } }> } | null; schemaMetadata: { fields: Array<{ fieldPath: string; tags: { tags: Array<{ tag: { urn: string } }> } | null }> } | null } | null;
      };
    }>;
  };
}

export function TagPage() {
  const urn = param(useParams<{ urn: string }>().urn);
  const filters = [{ and: [{ field: 'tags', values: [urn] }] }, { and: [{ field: 'fieldTags', values: [urn] }] }];
  const { data, error, loading } = useQuery<TagData>(TAG, { urn, filters });
  if (loading) return <Loading what="the tag" />;
  if (error) return <ErrorMessage error={error} what="the tag" />;
  const results = data!.searchAcrossEntities.searchResults;
  return (
    <>
      <p className="muted">Tag</p>
      <h1>{data!.tag?.name ?? shortName(urn)}</h1>
      <p>{data!.tag?.description ?? <span className="empty">No description.</span>}</p>
      <h2>Carried by {data!.searchAcrossEntities.total}</h2>
      {results.length === 0 ? (
        <Empty>Nothing carries this tag.</Empty>
      ) : (
        <table className="data" aria-label="Entities carrying this tag">
          <thead>
            <tr>
              <th scope="col">Entity</th>
              <th scope="col">On the entity</th>
              <th scope="col">Columns</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.entity.urn}>
                <td>
                  <EntityLink urn={r.entity.urn} name={r.entity.name} />
                </td>
                <td>{r.entity.dataset?.tags?.tags.some((t) => t.tag.urn === urn) ? 'yes' : ''}</td>
                <td>
                  {(r.entity.dataset?.schemaMetadata?.fields ?? [])
                    .filter((f) => f.tags?.tags.some((t) => t.tag.urn === urn))
                    .map((f) => f.fieldPath)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
