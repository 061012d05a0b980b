// The lineage graph as the UI holds it: nodes found so far, edges (always upstream -> downstream),
// which nodes were expanded in which direction, and large fan-outs collapsed into counted groups.
import { datasetKey, parseUrn, shortName } from '../../shared/urn.js';

export type Direction = 'UPSTREAM' | 'DOWNSTREAM';

export interface GraphNode {
  urn: string;
  name: string;
  platform: string;
  layer: number;
  /** The node it was reached from (for the table view). */
  via: string | null;
  expanded: { UPSTREAM: boolean; DOWNSTREAM: boolean };
}

export interface Graph {
  root: string;
  nodes: Map<string, GraphNode>;
  edges: Map<string, { from: string; to: string }>;
}

export interface Relationship {
  entity: { urn: string; name: string };
  degree: number;
  path: string[];
}

export function newGraph(root: string): Graph {
  const n: GraphNode = { urn: root, name: shortName(root), platform: platformOf(root), layer: 0, via: null, expanded: { UPSTREAM: false, DOWNSTREAM: false } };
  return { root, nodes: new Map([[root, n]]), edges: new Map() };
}

export const platformOf = (urn: string) => (parseUrn(urn).type === 'dataset' ? datasetKey(urn).platform : parseUrn(urn).type);

/** Adds the relationships found walking from `from` in `direction` (paths start at `from`). */
export function addWalk(g: Graph, from: string, direction: Direction, rels: Relationship[], hops: number): Graph {
  const nodes = new Map(g.nodes);
  const edges = new Map(g.edges);
  const start = nodes.get(from)!;
  const sign = direction === 'DOWNSTREAM' ? 1 : -1;
  for (const r of rels) {
    const path = r.path.length ? r.path : [from, r.entity.urn];
    for (let i = 1; i < path.length; i++) {
      const prev = path[i - 1]!;
      const urn = path[i]!;
      if (!nodes.has(urn)) {
        const layer = (nodes.get(prev)?.layer ?? start.layer + sign * (i - 1)) + sign;
        nodes.set(urn, { urn, name: urn === r.entity.urn ? r.entity.name : shortName(urn), platform: platformOf(urn), layer, via: prev, expanded: { UPSTREAM: false, DOWNSTREAM: false } });
      }
      const [a, b] = direction === 'DOWNSTREAM' ? [prev, urn] : [urn, prev];
      edges.set(`${a}->${b}`, { from: a, to: b });
    }
  }
  // Nodes closer than the walk's depth have been expanded in that direction.
  for (const n of [start, ...rels.filter((r) => r.degree < hops).map((r) => nodes.get(r.entity.urn)!)]) {
    if (n) nodes.set(n.urn, { ...nodes.get(n.urn)!, expanded: { ...nodes.get(n.urn)!.expanded, [direction]: true } });
  }
  return { ...g, nodes, edges };
}

export const FANOUT_LIMIT = 12;

export interface VisibleGraph {
  nodes: Array<{ id: string; layer: number; label: string; platform: string; group?: { parent: string; direction: Direction; members: string[] } }>;
  edges: Array<{ from: string; to: string }>;
}

/**
 * What is drawn: leaves hanging off one node in one direction beyond FANOUT_LIMIT become a single
 * group node ("+ 240 datasets") until opened.
 */
export function visible(g: Graph, openGroups: Set<string>, grouping = true): VisibleGraph {
  const degree = new Map<string, number>();
  for (const e of g.edges.values()) {
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  const hidden = new Map<string, string>();
  const groups: VisibleGraph['nodes'] = [];
  if (grouping) {
    const fan = new Map<string, string[]>();
    for (const e of g.edges.values()) {
      for (const [parent, child, dir] of [
        [e.from, e.to, 'DOWNSTREAM'],
        [e.to, e.from, 'UPSTREAM'],
      ] as const) {
        const c = g.nodes.get(child);
        if (!c || child === g.root || degree.get(child) !== 1 || c.expanded.UPSTREAM || c.expanded.DOWNSTREAM) continue;
        const key = `${parent}|${dir}`;
        fan.set(key, [...(fan.get(key) ?? []), child]);
      }
    }
    for (const [key, members] of fan) {
      if (members.length <= FANOUT_LIMIT || openGroups.has(key)) continue;
      const [parent, dir] = key.split('|') as [string, Direction];
      const id = `group:${key}`;
      for (const m of members) hidden.set(m, id);
      groups.push({ id, layer: g.nodes.get(members[0]!)!.layer, label: `${members.length} datasets`, platform: '', group: { parent, direction: dir, members } });
    }
  }
  const nodes: VisibleGraph['nodes'] = [...g.nodes.values()].filter((n) => !hidden.has(n.urn)).map((n) => ({ id: n.urn, layer: n.layer, label: n.name, platform: n.platform }));
  const edges: VisibleGraph['edges'] = [];
  const seen = new Set<string>();
  for (const e of g.edges.values()) {
    const from = hidden.get(e.from) ?? e.from;
    const to = hidden.get(e.to) ?? e.to;
    const k = `${from}->${to}`;
    if (!seen.has(k)) (seen.add(k), edges.push({ from, to }));
  }
  return { nodes: [...nodes, ...groups], edges };
}
