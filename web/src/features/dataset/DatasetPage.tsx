// The dataset page: a header (name, platform, env, container, owners, tags, terms) and tabs with
// their own URLs: /dataset/<urn>/<tab>.
import { Link, useParams } from 'wouter';
import { useQuery } from '../../shared/graphql';
import { Empty, EntityLink, ErrorMessage, Loading, PlatformIcon, Tabs } from '../../shared/ui';
import { param, shortName } from '../../shared/urn';
import { LineageView } from '../lineage';
import DATASET from './dataset.graphql?raw';
import { AssociationList, DescriptionEditor, useEditor } from './Editing';
import { HistoryTab } from './HistoryTab';
import { OperationsTab } from './OperationsTab';
import { SchemaTab } from './SchemaTab';
import { StatsTab } from './StatsTab';
import type { Dataset, DatasetData } from './types';

const TABS = [
  { id: 'schema', label: 'Schema' },
  { id: 'docs', label: 'Documentation' },
  { id: 'stats', label: 'Stats' },
  { id: 'history', label: 'Schema history' },
  { id: 'lineage', label: 'Lineage' },
  { id: 'operations', label: 'Operations' },
  { id: 'ownership', label: 'Ownership' },
];

function DocsTab({ dataset, canEdit, refetch }: { dataset: Dataset; canEdit: boolean; refetch: () => void }) {
  const ed = useEditor({ resourceUrn: dataset.urn }, refetch);
  const props = dataset.properties?.customProperties ?? [];
  return (
    <>
      <h2>Description</h2>
      <DescriptionEditor value={dataset.editableDescription ?? dataset.properties?.description ?? null} canEdit={canEdit} busy={ed.busy} where={dataset.name} onSave={ed.setDescription} />
      {ed.error && <div className="error" role="alert">{ed.error}</div>}
      {dataset.editableDescription && dataset.properties?.description && dataset.properties.description !== dataset.editableDescription && (
        <p className="muted">Ingested description: {dataset.properties.description}</p>
      )}
      <h2>Properties</h2>
      {props.length === 0 ? (
        <Empty>No properties.</Empty>
      ) : (
        <table className="data" aria-label="Properties">
          <tbody>
            {props.map((p) => (
              <tr key={p.key}>
                <th scope="row">{p.key}</th>
                <td>
                  <code>{p.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function OwnershipTab({ dataset, canEdit, refetch }: { dataset: Dataset; canEdit: boolean; refetch: () => void }) {
  const ed = useEditor({ resourceUrn: dataset.urn }, refetch);
  const owners = dataset.ownership?.owners ?? [];
  return (
    <>
      {owners.length === 0 && <Empty>No owners.</Empty>}
      {owners.length > 0 && (
        <table className="data" aria-label="Owners">
          <thead>
            <tr>
              <th scope="col">Owner</th>
              <th scope="col">Type</th>
              {canEdit && <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {owners.map((o) => (
              <tr key={o.owner}>
                <td>{shortName(o.owner)}</td>
                <td>{o.type}</td>
                {canEdit && (
                  <td>
                    <button type="button" className="link" onClick={() => ed.removeOwner(o.owner)}>
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <div>
          <AssociationList kind="owner" where={dataset.name} items={[]} canEdit busy={ed.busy} onAdd={ed.addOwner} onRemove={ed.removeOwner} />
        </div>
      )}
      {ed.error && <div className="error" role="alert">{ed.error}</div>}
    </>
  );
}

function Header({ dataset, canEdit, refetch }: { dataset: Dataset; canEdit: boolean; refetch: () => void }) {
  const ed = useEditor({ resourceUrn: dataset.urn }, refetch);
  const qualified = dataset.properties?.qualifiedName ?? dataset.urn.split(',')[1] ?? dataset.name;
  const path = qualified.split(/[./]/).slice(0, -1);
  return (
    <div className="dataset-header">
      <div className="muted">
        <PlatformIcon platform={dataset.platform.name} /> {dataset.platform.name} · {dataset.subTypes.join(', ') || 'dataset'} · {path.join(' › ')}
      </div>
      <h1>
        {dataset.properties?.name ?? dataset.name}
        {dataset.removed && <span className="breaking">removed</span>}
      </h1>
      <div className="kv">
        <span>
          Environment <b>{dataset.origin}</b>
        </span>
        {dataset.container && (
          <span>
            Container <b title={dataset.container}>{shortName(dataset.container).slice(0, 12)}</b>
          </span>
        )}
        <span>
          Owners <b>{dataset.ownership?.owners.map((o) => shortName(o.owner)).join(', ') || 'none'}</b>
        </span>
        <span>
          Domain <b>none</b>
        </span>
      </div>
      <div>
        <span className="muted">Terms </span>
        <AssociationList kind="term" where={dataset.name} items={(dataset.glossaryTerms?.terms ?? []).map((t) => t.term)} canEdit={canEdit} busy={ed.busy} onAdd={ed.addTerm} onRemove={ed.removeTerm} />
      </div>
      <div>
        <span className="muted">Tags </span>
        <AssociationList kind="tag" where={dataset.name} items={(dataset.tags?.tags ?? []).map((t) => t.tag)} canEdit={canEdit} busy={ed.busy} onAdd={ed.addTag} onRemove={ed.removeTag} />
      </div>
      {ed.error && <div className="error" role="alert">{ed.error}</div>}
      {!canEdit && <p className="muted read-only-note">Read-only: your token’s role cannot edit.</p>}
    </div>
  );
}

export function DatasetPage() {
  const params = useParams<{ urn: string; tab?: string }>();
  const urn = param(params.urn);
  const tab = TABS.some((t) => t.id === params.tab) ? params.tab! : 'schema';
  const { data, error, loading, refetch } = useQuery<DatasetData>(DATASET, { urn });
  if (loading && !data) return <Loading what="the dataset" />;
  if (error) return <ErrorMessage error={error} what="the dataset" />;
  const d = data?.dataset;
  if (!d)
    return (
      <Empty>
        No dataset <code>{urn}</code> in the catalog. <Link href="/search">Search</Link> for it by name.
      </Empty>
    );
  const canEdit = Boolean(data?.viewer.canEdit);
  const tabs = TABS.map((t) => (t.id === 'schema' ? { ...t, count: d.schemaMetadata?.fields.length ?? 0 } : t));
  return (
    <>
      <Header dataset={d} canEdit={canEdit} refetch={refetch} />
      <Tabs tabs={tabs} active={tab} hrefFor={(id) => `/dataset/${encodeURIComponent(urn)}/${id}`} />
      <section aria-label={TABS.find((t) => t.id === tab)!.label}>
        {tab === 'schema' && <SchemaTab dataset={d} canEdit={canEdit} refetch={refetch} />}
        {tab === 'docs' && <DocsTab dataset={d} canEdit={canEdit} refetch={refetch} />}
        {tab === 'stats' && <StatsTab urn={urn} />}
        {tab === 'history' && <HistoryTab urn={urn} />}
        {tab === 'lineage' && <LineageView urn={urn} />}
        {tab === 'operations' && <OperationsTab urn={urn} />}
        {tab === 'ownership' && <OwnershipTab dataset={d} canEdit={canEdit} refetch={refetch} />}
      </section>
      {d.upstreams.length > 0 && tab === 'schema' && (
        <p className="muted">
          Upstream: {d.upstreams.map((u, i) => (
            <span key={u.dataset}>
              {i > 0 && ', '}
              <EntityLink urn={u.dataset} />
            </span>
          ))}
        </p>
      )}
    </>
  );
}
