// A glossary term: definition, where it sits, inherited (IsA), contained (HasA) and related
// terms, and the datasets and columns that carry it.
import { useParams } from 'wouter';
import { useQuery } from '../../shared/graphql';
import { Empty, EntityLink, ErrorMessage, Loading } from '../../shared/ui';
import { param, shortName } from '../../shared/urn';
import NODE from './node.graphql?raw';
import TERM from './term.graphql?raw';

interface Ref {
  urn: string;
  name: string;
}
interface Term extends Ref {
  definition: string | null;
  termSource: string | null;
  parentNode: (Ref & { parentNode: Ref | null }) | null;
  customProperties: Array<{ key: string; value: string | null }>;
  isA: Ref[];
  inheritedBy: Ref[];
  hasA: Ref[];
  relatedTerms: Ref[];
  ownership: { owners: Array<{ owner: string; type: string }> } | null;
  datasets: Array<{
    urn: string;
    name: string;
    platform: { name: string };
    glossaryTerms: { terms: Array<{ term: { urn: string } }> } | null;
    schemaMetadata: { fields: Array<{ fieldPath: string; glossaryTerms: { terms: Array<{ term: { urn: string } }> } | null }> } | null;
  }>;
}

function RefList({ title, items, empty }: { title: string; items: Ref[]; empty: string }) {
  return (
    <section>
      <h2>{title}</h2>
      {items.length ? (
        <ul className="plain">
          {items.map((r) => (
            <li key={r.urn}>
              <EntityLink urn={r.urn} name={r.name} />
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{empty}</Empty>
      )}
    </section>
  );
}

export function TermPage() {
  const urn = param(useParams<{ urn: string }>().urn);
  const { data, error, loading } = useQuery<{ glossaryTerm: Term | null }>(TERM, { urn });
  if (loading) return <Loading what="the term" />;
  if (error) return <ErrorMessage error={error} what="the term" />;
  const t = data?.glossaryTerm;
  if (!t) return <Empty>No glossary term {urn}.</Empty>;
  return (
    <>
      <p className="muted">
        Glossary
        {t.parentNode?.parentNode && (
          <>
            {' › '}
            <EntityLink urn={t.parentNode.parentNode.urn} name={t.parentNode.parentNode.name} />
          </>
        )}
        {t.parentNode && (
          <>
            {' › '}
            <EntityLink urn={t.parentNode.urn} name={t.parentNode.name} />
          </>
        )}
      </p>
      <h1>{t.name}</h1>
      <p>{t.definition ?? <span className="empty">No definition.</span>}</p>
      <p className="muted">
        <code>{t.urn}</code>
        {t.termSource && ` · source ${t.termSource}`}
        {t.ownership?.owners.length ? ` · owners ${t.ownership.owners.map((o) => shortName(o.owner)).join(', ')}` : ''}
      </p>
      <div className="grid">
        <RefList title="Inherits from (Is A)" items={t.isA} empty="Inherits no term." />
        <RefList title="Inherited by" items={t.inheritedBy} empty="No term inherits this one." />
        <RefList title="Contains (Has A)" items={t.hasA} empty="Contains no term." />
        <RefList title="Related terms" items={t.relatedTerms} empty="No related terms." />
      </div>
      <h2>Carried by {t.datasets.length} dataset{t.datasets.length === 1 ? '' : 's'}</h2>
      {t.datasets.length === 0 ? (
        <Empty>No dataset or column carries this term yet.</Empty>
      ) : (
        <table className="data" aria-label="Datasets and columns carrying this term">
          <thead>
            <tr>
              <th scope="col">Dataset</th>
              <th scope="col">Platform</th>
              <th scope="col">On the dataset</th>
              <th scope="col">Columns</th>
            </tr>
          </thead>
          <tbody>
            {t.datasets.map((d) => (
              <tr key={d.urn}>
                <td>
                  <EntityLink urn={d.urn} name={d.name} />
                </td>
                <td>{d.platform.name}</td>
                <td>{d.glossaryTerms?.terms.some((x) => x.term.urn === t.urn) ? 'yes' : ''}</td>
                <td>
                  {(d.schemaMetadata?.fields ?? [])
                    .filter((f) => f.glossaryTerms?.terms.some((x) => x.term.urn === t.urn))
                    .map((f) => f.fieldPath)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {t.customProperties.length > 0 && (
        <>
          <h2>Properties</h2>
          <ul className="plain">
            {t.customProperties.map((p) => (
              <li key={p.key}>
                {p.key}: <code>{p.value}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

interface Node extends Ref {
  definition: string | null;
  parentNode: Ref | null;
  children: Array<Ref & { definition: string | null }>;
  childNodes: Array<Ref & { definition: string | null }>;
}

export function NodePage() {
  const urn = param(useParams<{ urn: string }>().urn);
  const { data, error, loading } = useQuery<{ glossaryNode: Node | null }>(NODE, { urn });
  if (loading) return <Loading what="the glossary node" />;
  if (error) return <ErrorMessage error={error} what="the glossary node" />;
  const n = data?.glossaryNode;
  if (!n) return <Empty>No glossary node {urn}.</Empty>;
  return (
    <>
      <p className="muted">
        Glossary{n.parentNode && <> › <EntityLink urn={n.parentNode.urn} name={n.parentNode.name} /></>}
      </p>
      <h1>{n.name}</h1>
      <p>{n.definition ?? <span className="empty">No definition.</span>}</p>
      <table className="data" aria-label="Entries">
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">Kind</th>
            <th scope="col">Definition</th>
          </tr>
        </thead>
        <tbody>
          {[...n.childNodes.map((c) => ({ ...c, kind: 'node' })), ...n.children.map((c) => ({ ...c, kind: 'term' }))].map((c) => (
            <tr key={c.urn}>
              <td>
                <EntityLink urn={c.urn} name={c.name} />
              </td>
              <td>{c.kind}</td>
              <td>{c.definition}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
