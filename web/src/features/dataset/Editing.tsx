// Editing tags, terms, owners and descriptions on a dataset or one of its columns, as DataHub's
// UI does (the server keeps column edits in editableSchemaMetadata). Shown only to editors.
import { useState } from 'react';
import { mutate } from '../../shared/graphql';
import { Chip } from '../../shared/ui';
import EDITS from './edits.graphql?raw';

export interface Target {
  resourceUrn: string;
  /** A column's fieldPath, for column-level edits. */
  field?: string;
}

const sub = (t: Target) => (t.field ? { subResourceType: 'DATASET_FIELD', subResource: t.field } : {});

/** `pii` -> urn:li:tag:pii; a full URN is kept. */
const toUrn = (prefix: string, text: string) => (text.startsWith('urn:li:') ? text : `${prefix}${text.trim()}`);

export function useEditor(target: Target, done: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (op: string, input: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await mutate(EDITS, op, { input });
      done();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return {
    error,
    busy,
    addTag: (name: string) => run('AddTag', { tagUrn: toUrn('urn:li:tag:', name), resourceUrn: target.resourceUrn, ...sub(target) }),
    removeTag: (urn: string) => run('RemoveTag', { tagUrn: urn, resourceUrn: target.resourceUrn, ...sub(target) }),
    addTerm: (name: string) => run('AddTerm', { termUrn: toUrn('urn:li:glossaryTerm:', name), resourceUrn: target.resourceUrn, ...sub(target) }),
    removeTerm: (urn: string) => run('RemoveTerm', { termUrn: urn, resourceUrn: target.resourceUrn, ...sub(target) }),
    addOwner: (name: string) => run('AddOwner', { ownerUrn: toUrn('urn:li:corpuser:', name), ownerEntityType: 'CORP_USER', type: 'TECHNICAL_OWNER', resourceUrn: target.resourceUrn }),
    removeOwner: (urn: string) => run('RemoveOwner', { ownerUrn: urn, resourceUrn: target.resourceUrn }),
    setDescription: (description: string) => run('UpdateDescription', { description, resourceUrn: target.resourceUrn, ...sub(target) }),
  };
}

/** Chips for the current values, with remove buttons and an add form when editing is allowed. */
export function AssociationList({
  kind,
  items,
  canEdit,
  onAdd,
  onRemove,
  where,
  busy,
}: {
  kind: 'tag' | 'term' | 'owner';
  items: Array<{ urn: string; name?: string }>;
  canEdit: boolean;
  onAdd: (text: string) => void;
  onRemove: (urn: string) => void;
  where: string;
  busy: boolean;
}) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const noun = kind === 'term' ? 'glossary term' : kind;
  return (
    <span className="assoc">
      {items.map((i) => (
        <Chip key={i.urn} urn={i.urn} kind={kind} label={i.name} onRemove={canEdit ? () => onRemove(i.urn) : undefined} />
      ))}
      {canEdit &&
        (open ? (
          <form
            className="edit-row"
            onSubmit={(e) => {
              e.preventDefault();
              if (text.trim()) onAdd(text.trim());
              setText('');
              setOpen(false);
            }}
          >
            <input
              type="text"
              aria-label={`New ${noun} for ${where}`}
              placeholder={kind === 'term' ? 'e.g. Classification.Sensitive' : kind === 'owner' ? 'user name' : 'tag name'}
              value={text}
              autoFocus
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
            />
            <button type="submit" className="secondary" disabled={busy}>
              Add
            </button>
            <button type="button" className="link" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button type="button" className="link add-btn" onClick={() => setOpen(true)} aria-label={`Add ${noun} to ${where}`}>
            + {kind === 'term' ? 'term' : kind}
          </button>
        ))}
    </span>
  );
}

export function DescriptionEditor({ value, canEdit, onSave, where, busy }: { value: string | null; canEdit: boolean; onSave: (v: string) => void; where: string; busy: boolean }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(value ?? '');
  if (!editing)
    return (
      <>
        {value ? <span className="description">{value}</span> : <span className="empty">No description</span>}
        {canEdit && (
          <>
            {' '}
            <button type="button" className="link" onClick={() => (setText(value ?? ''), setEditing(true))} aria-label={`Edit description of ${where}`}>
              Edit
            </button>
          </>
        )}
      </>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(text);
        setEditing(false);
      }}
    >
      <textarea aria-label={`Description of ${where}`} value={text} onChange={(e) => setText(e.target.value)} rows={3} style={{ width: '100%' }} autoFocus />
      <div className="edit-row">
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        <button type="button" className="link" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
