// The lineage graph model and layout of the web UI (web/src/features/lineage), without a browser.
import { describe, expect, it } from 'vitest';
import { addWalk, FANOUT_LIMIT, newGraph, visible } from '../../web/src/features/lineage/graph.js';
import { layout, NODE_W } from '../../web/src/features/lineage/layout.js';

const ds = (name: string, platform = 'postgres') => `urn:li:dataset:(urn:li:dataPlatform:${platform},db.public.${name},PROD)`;
const rel = (path: string[]) => ({ entity: { urn: path[path.length - 1]!, name: path[path.length - 1]!.split('.').pop()!.split(',')[0]! }, degree: path.length - 1, path });

describe('the lineage graph the UI draws', () => {
  const root = ds('orders');
  const up = ds('raw_orders', 'kafka');
  const down = ds('daily_orders', 'hudi');
  const down2 = ds('report', 'glue');

  it('puts upstream datasets left of the root and downstream ones right, edges pointing downstream', () => {
    let g = addWalk(newGraph(root), root, 'UPSTREAM', [rel([root, up])], 1);
    g = addWalk(g, root, 'DOWNSTREAM', [rel([root, down]), rel([root, down, down2])], 2);
    expect(g.nodes.get(up)!.layer).toBe(-1);
    expect(g.nodes.get(down)!.layer).toBe(1);
    expect(g.nodes.get(down2)!.layer).toBe(2);
    expect(g.nodes.get(down2)!.via).toBe(down);
    expect([...g.edges.values()]).toEqual(expect.arrayContaining([{ from: up, to: root }, { from: root, to: down }, { from: down, to: down2 }]));
    // the root was walked both ways, `down` within the walk's depth, `down2` is the frontier
    expect(g.nodes.get(root)!.expanded).toEqual({ UPSTREAM: true, DOWNSTREAM: true });
    expect(g.nodes.get(down)!.expanded.DOWNSTREAM).toBe(true);
    expect(g.nodes.get(down2)!.expanded.DOWNSTREAM).toBe(false);
    const laid = layout(visible(g, new Set()).nodes, visible(g, new Set()).edges);
    expect(laid.byId.get(up)!.x).toBeLessThan(laid.byId.get(root)!.x);
    expect(laid.byId.get(down2)!.x).toBe(2 * (laid.byId.get(down)!.x - laid.byId.get(root)!.x));
    expect(laid.byId.get(down)!.x - laid.byId.get(root)!.x).toBeGreaterThan(NODE_W);
  });

  it('collapses a large fan-out of leaves into one counted group until it is opened', () => {
    const leaves = Array.from({ length: 40 }, (_, i) => ds(`t${i}`, 's3'));
    const g = addWalk(newGraph(root), root, 'DOWNSTREAM', leaves.map((l) => rel([root, l])), 1);
    const shown = visible(g, new Set());
    const group = shown.nodes.find((n) => n.group);
    expect(group).toMatchObject({ label: '40 datasets', layer: 1, group: { parent: root, direction: 'DOWNSTREAM' } });
    expect(shown.nodes).toHaveLength(2);
    expect(shown.edges).toEqual([{ from: root, to: group!.id }]);
    expect(visible(g, new Set([`${root}|DOWNSTREAM`])).nodes).toHaveLength(41);
    expect(visible(g, new Set(), false).nodes).toHaveLength(41);
    // a fan-out at the limit stays as it is
    const small = addWalk(newGraph(root), root, 'DOWNSTREAM', leaves.slice(0, FANOUT_LIMIT).map((l) => rel([root, l])), 1);
    expect(visible(small, new Set()).nodes.some((n) => n.group)).toBe(false);
  });

  it('lays out 1,000 nodes without overlaps in a few milliseconds', () => {
    const nodes = [{ id: 'r', layer: 0, label: 'r' }, ...Array.from({ length: 999 }, (_, i) => ({ id: `n${i}`, layer: 1 + (i % 3), label: `n${i}` }))];
    const edges = nodes.slice(1).map((n, i) => ({ from: i < 3 ? 'r' : `n${i - 3}`, to: n.id }));
    const t0 = performance.now();
    const laid = layout(nodes, edges);
    expect(performance.now() - t0).toBeLessThan(100);
    const seen = new Set(laid.nodes.map((n) => `${n.x},${n.y}`));
    expect(seen.size).toBe(1000);
  });
});
