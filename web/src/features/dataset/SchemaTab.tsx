// Schema: nested fields (indented by depth), types, keys, descriptions, column tags and terms.
import { useState } from 'react';
import { Empty } from '../../shared/ui';
import { AssociationList, DescriptionEditor, useEditor } from './Editing';
import type { Dataset, Field } from './types';

/** DataHub v2 field paths carry `[version=2.0].[type=…]` segments; people read the names. */
export const simplePath = (p: string) => p.split('.').filter((s) => !s.startsWith('[')).join('.');

function FieldRow({ f, dataset, canEdit, refetch }: { f: Field; dataset: Dataset; canEdit: boolean; refetch: () => void }) {
  const path = simplePath(f.fieldPath);
  const depth = path.split('.').length - 1;
  const leaf = path.split('.').pop();
  const ed = useEditor({ resourceUrn: dataset.urn, field: f.fieldPath }, refetch);
  return (
    <tr>
      <th scope="row" style={{ paddingLeft: 8 + depth * 16, fontWeight: 500 }}>
        {depth > 0 && <span className="nested">{path.split('.').slice(0, -1).join('.')}.</span>}
        <code>{leaf}</code>
        {f.isPartOfKey && <span className="key" title="part of the primary key">KEY</span>}
      </th>
      <td>
        <code>{f.nativeDataType ?? f.type ?? ''}</code>
        {f.nullable ? '' : <span className="muted"> not null</span>}
      </td>
      <td>
        <DescriptionEditor value={f.description} canEdit={canEdit} busy={ed.busy} where={`column ${path}`} onSave={(v) => ed.setDescription(v)} />
        {ed.error && (
          <div className="error" role="alert">
            {ed.error}
          </div>
        )}
      </td>
      <td>
        <AssociationList kind="tag" where={`column ${path}`} items={(f.tags?.tags ?? []).map((t) => t.tag)} canEdit={canEdit} busy={ed.busy} onAdd={ed.addTag} onRemove={ed.removeTag} />
      </td>
      <td>
        <AssociationList kind="term" where={`column ${path}`} items={(f.glossaryTerms?.terms ?? []).map((t) => t.term)} canEdit={canEdit} busy={ed.busy} onAdd={ed.addTerm} onRemove={ed.removeTerm} />
      </td>
    </tr>
  );
}

export function SchemaTab({ dataset, canEdit, refetch }: { dataset: Dataset; canEdit: boolean; refetch: () => void }) {
  const [filter, setFilter] = useState('');
  const fields = dataset.schemaMetadata?.fields ?? [];
  if (!fields.length) return <Empty>No schema has been ingested for this dataset.</Empty>;
  const shown = filter ? fields.filter((f) => f.fieldPath.toLowerCase().includes(filter.toLowerCase()) || (f.description ?? '').toLowerCase().includes(filter.toLowerCase())) : fields;
  return (
    <>
      <div className="edit-row" style={{ marginBottom: 8 }}>
        <input type="search" aria-label="Filter columns" placeholder="Filter columns" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="muted">
          {shown.length} of {fields.length} columns
        </span>
      </div>
      <table className="data" aria-label="Columns">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Description</th>
            <th scope="col">Tags</th>
            <th scope="col">Glossary terms</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f) => (
            <FieldRow key={f.fieldPath} f={f} dataset={dataset} canEdit={canEdit} refetch={refetch} />
          ))}
        </tbody>
      </table>
    </>
  );
}
