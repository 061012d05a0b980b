// Draws a laid-out lineage graph in one SVG. Panning and zooming change one transform on the
// outer group; the nodes and edges are a memoised layer that re-renders only when the graph, the
// level of detail or the (coarsely quantised) visible window changes. Zoomed out, where labels
// would be unreadable, nodes are plain platform-coloured boxes (all of them); zoomed in, nodes
// have labels and expand buttons and only those near the viewport are drawn. So a thousand
// nodes render quickly and dragging stays smooth.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import { platformColor } from '../../shared/ui';
import type { Direction, VisibleGraph } from './graph';
import { edgePath, layout, NODE_H, NODE_W, type Layout } from './layout';

export interface GraphActions {
  select(id: string): void;
  open(id: string): void;
  expand(id: string, direction: Direction): void;
  openGroup(id: string): void;
}

interface ContentProps {
  graph: VisibleGraph;
  laid: Layout;
  root: string;
  selected: string | null;
  expandable: (id: string, d: Direction) => boolean;
  columnEdges: Array<{ from: string; to: string; label: string }>;
  actions: GraphActions;
}

interface Window {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Below this zoom, labels are unreadable: draw boxes only. */
const DETAIL_ZOOM = 0.45;
/** The drawn window is the viewport plus a margin, snapped to this grid (graph units). */
const WINDOW_GRID = 400;

const inWindow = (w: Window | null, x: number, y: number, x2: number, y2: number) => !w || (x2 >= w.x0 && x <= w.x1 && y2 >= w.y0 && y <= w.y1);

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const Content = memo(function Content({ graph, laid, root, selected, expandable, columnEdges, actions, detail, win }: ContentProps & { detail: boolean; win: Window | null }) {
  const onKey = (id: string, group: boolean) => (e: KeyboardEvent) => {
    if (e.key === 'Enter') (group ? actions.openGroup(id) : actions.open(id));
    if (e.key === ' ') (e.preventDefault(), actions.select(id));
  };
  return (
    <>
      <g className="edges">
        {graph.edges.map((e) => {
          const a = laid.byId.get(e.from);
          const b = laid.byId.get(e.to);
          if (!a || !b || !inWindow(win, Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x) + NODE_W, Math.max(a.y, b.y) + NODE_H)) return null;
          return <path key={`${e.from}->${e.to}`} d={edgePath(a, b)} className="ledge" markerEnd={detail ? 'url(#arrow)' : undefined} />;
        })}
        {columnEdges.map((e, i) => {
          const a = laid.byId.get(e.from);
          const b = laid.byId.get(e.to);
          return a && b ? (
            <path key={`c${i}`} d={edgePath(a, b)} className="ledge column">
              <title>{e.label}</title>
            </path>
          ) : null;
        })}
      </g>
      {graph.nodes.map((n) => {
        const p = laid.byId.get(n.id)!;
        if (!inWindow(win, p.x, p.y, p.x + NODE_W, p.y + NODE_H)) return null;
        const isGroup = Boolean(n.group);
        const cls = `lnode${n.id === root ? ' root' : ''}${isGroup ? ' group' : ''}${n.id === selected ? ' selected' : ''}`;
        if (!detail)
          return (
            <g key={n.id} className={cls} transform={`translate(${p.x},${p.y})`} data-urn={isGroup ? undefined : n.id}>
              <rect
                width={NODE_W}
                height={NODE_H}
                rx="6"
                className="overview"
                style={isGroup ? undefined : { fill: platformColor(n.platform) }}
                role="button"
                tabIndex={0}
                aria-label={isGroup ? `Show ${n.label}` : `${n.label} (${n.platform})`}
                onClick={() => (isGroup ? actions.openGroup(n.id) : actions.select(n.id))}
                onDoubleClick={() => !isGroup && actions.open(n.id)}
                onKeyDown={onKey(n.id, isGroup)}
              />
            </g>
          );
        return (
          <g key={n.id} className={cls} transform={`translate(${p.x},${p.y})`} data-urn={isGroup ? undefined : n.id}>
            <g
              role="button"
              tabIndex={0}
              aria-keyshortcuts={isGroup ? undefined : 'Enter Space'}
              onClick={() => (isGroup ? actions.openGroup(n.id) : actions.select(n.id))}
              onDoubleClick={() => !isGroup && actions.open(n.id)}
              onKeyDown={onKey(n.id, isGroup)}
            >
              <rect width={NODE_W} height={NODE_H} rx="6" />
              {!isGroup && (
                <g transform="translate(8,13)" aria-hidden="true">
                  <rect width="18" height="18" rx="4" className="picon" style={{ fill: platformColor(n.platform) }} />
                  <text x="9" y="13" textAnchor="middle" className="picon-text">
                    {n.platform.slice(0, 2).toUpperCase()}
                  </text>
                </g>
              )}
              <text x={isGroup ? 12 : 32} y="19">
                {isGroup ? `+ ${n.label}` : clip(n.label, 25)}
              </text>
              <text x={isGroup ? 12 : 32} y="34" className="sub">
                {isGroup ? 'collapsed fan-out; click to show' : n.platform}
              </text>
            </g>
            {!isGroup &&
              // The outward direction always offers "+"; the way back towards the root only on
              // the selected node (fewer elements: a thousand nodes render faster).
              (['UPSTREAM', 'DOWNSTREAM'] as const).map((d) =>
                expandable(n.id, d) && (n.id === selected || n.id === root || (d === 'UPSTREAM' ? n.layer <= 0 : n.layer >= 0)) ? (
                  <g
                    key={d}
                    className="expand"
                    role="button"
                    tabIndex={0}
                    aria-label={`Expand ${d.toLowerCase()} of ${n.label}`}
                    transform={`translate(${d === 'UPSTREAM' ? -9 : NODE_W + 9},${NODE_H / 2})`}
                    onClick={(e) => (e.stopPropagation(), actions.expand(n.id, d))}
                    onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), actions.expand(n.id, d))}
                  >
                    <circle r="8" />
                    <text y="4" textAnchor="middle">
                      +
                    </text>
                  </g>
                ) : null,
              )}
          </g>
        );
      })}
    </>
  );
});

export function LineageGraph(props: Omit<ContentProps, 'laid'> & { onRendered?: (n: number) => void }) {
  const laid = useMemo(() => layout(props.graph.nodes, props.graph.edges), [props.graph]);
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ x: 0, y: 0, k: 1 });
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);

  const fit = useCallback(() => {
    const el = box.current;
    if (!el) return;
    const w = el.clientWidth || 800;
    const h = el.clientHeight || 560;
    const k = Math.min(1.2, Math.max(0.005, Math.min(w / (laid.width + 80), h / (laid.height + 80))));
    setView({ k, x: w / 2 - (laid.minX + laid.width / 2) * k, y: h / 2 - (laid.minY + laid.height / 2) * k });
  }, [laid]);
  useEffect(fit, [fit]);
  const { onRendered } = props;
  useEffect(() => {
    onRendered?.(props.graph.nodes.length);
  }, [props.graph, onRendered]);

  const zoom = (factor: number, cx?: number, cy?: number) =>
    setView((v) => {
      const el = box.current!;
      const px = cx ?? el.clientWidth / 2;
      const py = cy ?? el.clientHeight / 2;
      const k = Math.min(3, Math.max(0.005, v.k * factor));
      return { k, x: px - ((px - v.x) * k) / v.k, y: py - ((py - v.y) * k) / v.k };
    });
  const onWheel = (e: WheelEvent) => {
    const r = box.current!.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
  };
  const onDown = (e: PointerEvent) => {
    if ((e.target as Element).closest('[role="button"]')) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
  };
  const detail = view.k >= DETAIL_ZOOM;
  const [size, setSize] = useState({ w: 800, h: 560 });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth || 800, h: el.clientHeight || 560 }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const snap = (v: number, up: boolean) => (up ? Math.ceil(v / WINDOW_GRID) : Math.floor(v / WINDOW_GRID)) * WINDOW_GRID;
  const x0 = detail ? snap(-view.x / view.k - WINDOW_GRID, false) : 0;
  const y0 = detail ? snap(-view.y / view.k - WINDOW_GRID, false) : 0;
  const x1 = detail ? snap((size.w - view.x) / view.k + WINDOW_GRID, true) : 0;
  const y1 = detail ? snap((size.h - view.y) / view.k + WINDOW_GRID, true) : 0;
  const win = useMemo(() => (detail ? { x0, y0, x1, y1 } : null), [detail, x0, y0, x1, y1]);
  const onMove = (e: PointerEvent) => {
    const d = drag.current;
    if (d) setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
  };

  return (
    <>
      <div className="lineage-toolbar" aria-label="Zoom">
        <button type="button" className="secondary" onClick={() => zoom(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" className="secondary" onClick={() => zoom(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" className="secondary" onClick={fit}>
          Fit
        </button>
        <span className="legend">
          {props.graph.nodes.length} nodes, {props.graph.edges.length} edges · drag to pan, wheel to zoom{detail ? ', + on a node expands a hop' : '; zoom in to read names and expand'}
        </span>
      </div>
      <div className="lineage-canvas" ref={box} onWheel={onWheel}>
        <svg role="group" aria-label="Lineage graph" data-nodes={props.graph.nodes.length} onPointerDown={onDown} onPointerMove={onMove} onPointerUp={() => (drag.current = null)}>
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#9aa8b8" />
            </marker>
          </defs>
          <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
            <Content {...props} laid={laid} detail={detail} win={win} />
          </g>
        </svg>
      </div>
    </>
  );
}
