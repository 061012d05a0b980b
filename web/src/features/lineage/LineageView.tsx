// Lineage of one dataset: the graph (expand a hop at a time, fan-outs collapsed into counted
// groups, column edges for a chosen column) or the same lineage as a table. `?hops=` loads more
// hops at once and `?groups=off` shows every node (both are used by bench/lineage-ui).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { request, useQuery, type GraphQLRequestError } from '../../shared/graphql';
import { Empty, EntityLink, ErrorMessage, Loading } from '../../shared/ui';
import { entityPath, fieldUrn, parseUrn } from '../../shared/urn';
import COLUMN_LINEAGE from './column-lineage.graphql?raw';
import COLUMNS from './columns.graphql?raw';
import { addWalk, newGraph, visible, type Direction, type Graph, type Relationship } from './graph';
import LINEAGE from './lineage.graphql?raw';
import { LineageGraph, type GraphActions } from './LineageGraph';

const PAGE = 1000;

async function walk(urn: string, direction: Direction, maxHops: number): Promise<Relationship[]> {
  const out: Relationship[] = [];
  for (let start = 0; start < 20_000; start += PAGE) {
    const d = await request<{ searchAcrossLineage: { total: number; relationships: Relationship[] } }>(LINEAGE, { input: { urn, direction, maxHops, start, count: PAGE } });
    out.push(...d.searchAcrossLineage.relationships);
    if (start + PAGE >= d.searchAcrossLineage.total || d.searchAcrossLineage.relationships.length === 0) break;
  }
  return out;
}

const datasetOfField = (urn: string) => parseUrn(urn).parts[0] ?? urn;

interface ColumnEdge {
  from: string;
  to: string;
  label: string;
}

function ColumnPicker({ urn, onEdges }: { urn: string; onEdges: (edges: ColumnEdge[] | null, field: string | null) => void }) {
  const { data } = useQuery<{ dataset: { schemaMetadata: { fields: Array<{ fieldPath: string }> } | null } | null }>(COLUMNS, { urn });
  const [field, setField] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!field) return onEdges(null, null);
    const f = fieldUrn(urn, field);
    request<{ up: { relationships: Relationship[] }; down: { relationships: Relationship[] } }>(COLUMN_LINEAGE, {
      up: { urn: f, direction: 'UPSTREAM', maxHops: 10 },
      down: { urn: f, direction: 'DOWNSTREAM', maxHops: 10 },
    })
      .then((d) => {
        const edges: ColumnEdge[] = [];
        for (const [dir, rels] of [['UPSTREAM', d.up.relationships], ['DOWNSTREAM', d.down.relationships]] as const) {
          for (const r of rels) {
            const a = r.path[r.path.length - 2] ?? f;
            const b = r.entity.urn;
            const [from, to] = dir === 'DOWNSTREAM' ? [a, b] : [b, a];
            edges.push({ from: datasetOfField(from), to: datasetOfField(to), label: `${parseUrn(from).parts[1]} → ${parseUrn(to).parts[1]}` });
          }
        }
        setError(null);
        onEdges(edges, field);
      })
      .catch((e: Error) => setError(e.message));
  }, [field, urn, onEdges]);
  const fields = data?.dataset?.schemaMetadata?.fields ?? [];
  return (
    <label>
      Column lineage of{' '}
      <select value={field} onChange={(e) => setField(e.target.value)} disabled={!fields.length}>
        <option value="">(none)</option>
        {fields.map((f) => (
          <option key={f.fieldPath} value={f.fieldPath}>
            {f.fieldPath}
          </option>
        ))}
      </select>
      {error && <span className="error">{error}</span>}
    </label>
  );
}

export function LineageView({ urn }: { urn: string }) {
  const params = new URLSearchParams(useSearch());
  const hops = Math.min(Math.max(Number(params.get('hops')) || 1, 1), 20);
  const grouping = params.get('groups') !== 'off';
  const [, navigate] = useLocation();
  const [graph, setGraph] = useState<Graph | null>(null);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const [busy, setBusy] = useState(false);
  const [openGroups, setOpenGroups] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<'graph' | 'table'>('graph');
  const [columnEdges, setColumnEdges] = useState<ColumnEdge[] | null>(null);
  const [columnField, setColumnField] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setGraph(null);
    setError(null);
    Promise.all([walk(urn, 'UPSTREAM', hops), walk(urn, 'DOWNSTREAM', hops)])
      .then(([up, down]) => {
        if (!live) return;
        (window as unknown as { __lineageFetched?: number }).__lineageFetched = performance.now();
        setGraph(addWalk(addWalk(newGraph(urn), urn, 'UPSTREAM', up, hops), urn, 'DOWNSTREAM', down, hops));
      })
      .catch((e) => live && setError(e as GraphQLRequestError));
    return () => {
      live = false;
    };
  }, [urn, hops]);

  const expand = useCallback(async (id: string, direction: Direction) => {
    setBusy(true);
    try {
      const rels = await walk(id, direction, 1);
      setGraph((g) => (g ? addWalk(g, id, direction, rels, 1) : g));
    } catch (e) {
      setError(e as GraphQLRequestError);
    } finally {
      setBusy(false);
    }
  }, []);
  const actions: GraphActions = useMemo(
    () => ({
      select: setSelected,
      open: (id) => {
        const to = entityPath(id);
        if (to) navigate(`${to}/lineage`);
      },
      expand: (id, d) => void expand(id, d),
      openGroup: (id) => setOpenGroups((s) => new Set([...s, id.replace(/^group:/, '')])),
    }),
    [expand, navigate],
  );
  const shown = useMemo(() => (graph ? visible(graph, openGroups, grouping) : null), [graph, openGroups, grouping]);
  const expandable = useCallback((id: string, d: Direction) => Boolean(graph?.nodes.get(id) && !graph.nodes.get(id)!.expanded[d]), [graph]);
  const onColumnEdges = useCallback((edges: ColumnEdge[] | null, field: string | null) => (setColumnEdges(edges), setColumnField(field)), []);
  const onRendered = useCallback((n: number) => {
    (window as unknown as { __lineageRendered?: { nodes: number; at: number } }).__lineageRendered = { nodes: n, at: performance.now() };
  }, []);

  if (error) return <ErrorMessage error={error} what="lineage" />;
  if (!graph || !shown) return <Loading what="lineage" />;
  const sel = selected ? graph.nodes.get(selected) : null;
  return (
    <div className="lineage">
      <div className="lineage-toolbar">
        <div role="radiogroup" aria-label="View">
          <button type="button" className={mode === 'graph' ? 'primary' : 'secondary'} aria-pressed={mode === 'graph'} onClick={() => setMode('graph')}>
            Graph
          </button>{' '}
          <button type="button" className={mode === 'table' ? 'primary' : 'secondary'} aria-pressed={mode === 'table'} onClick={() => setMode('table')}>
            Table
          </button>
        </div>
        <ColumnPicker urn={urn} onEdges={onColumnEdges} />
        {busy && <span role="status">Expanding…</span>}
        {sel && (
          <span>
            Selected: <EntityLink urn={sel.urn} name={sel.name} />
          </span>
        )}
      </div>
      {graph.nodes.size === 1 && <Empty>No lineage recorded for this dataset yet: no upstream or downstream datasets.</Empty>}
      {columnField && columnEdges && (
        <p className="muted" role="status">
          Column <code>{columnField}</code>: {columnEdges.length ? columnEdges.map((e) => e.label).join(', ') : 'no column-level lineage'} (dashed orange edges).
        </p>
      )}
      {mode === 'graph' ? (
        <LineageGraph graph={shown} root={urn} selected={selected} expandable={expandable} columnEdges={columnEdges ?? []} actions={actions} onRendered={onRendered} />
      ) : (
        <table className="data" aria-label="Lineage table">
          <thead>
            <tr>
              <th scope="col">Dataset</th>
              <th scope="col">Platform</th>
              <th scope="col">Direction</th>
              <th scope="col" className="num">Hops</th>
              <th scope="col">Reached from</th>
            </tr>
          </thead>
          <tbody>
            {[...graph.nodes.values()]
              .filter((n) => n.urn !== urn)
              .sort((a, b) => a.layer - b.layer || a.name.localeCompare(b.name))
              .map((n) => (
                <tr key={n.urn}>
                  <td>
                    <EntityLink urn={n.urn} name={n.name} />
                  </td>
                  <td>{n.platform}</td>
                  <td>{n.layer < 0 ? 'upstream' : 'downstream'}</td>
                  <td className="num">{Math.abs(n.layer)}</td>
                  <td>{n.via && <EntityLink urn={n.via} />}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
