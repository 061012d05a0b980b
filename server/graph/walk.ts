// The walk every LineageGraph shares: breadth first from one node, one expansion per hop, so each
// node is reached once at its smallest degree (cycle-safe), with one shortest path kept through
// parent pointers; stops at maxHops or the node limit. Then filters, ordering (degree, urn), counts
// per hop and offset paging. A backend supplies only `expand` (the edges out of a frontier);
// ExpandingLineageGraph at the end gives it the walks and the shorthands of the contract.
import { describeNode } from './node.js';
import {
  DEFAULT_NODE_LIMIT, MAX_HOPS,
  type GraphChange, type LineageDirection, type LineageEdge, type LineageGraph, type LineageNode, type LineageRelationship,
  type WalkFilters, type WalkQuery, type WalkResult,
} from './lineage-graph.js';

/** One edge leaving the frontier: `from` is in the frontier, `to` is the far end in the walk's direction. */
export interface Step {
  from: string;
  to: string;
  toType: string;
  toPlatform: string | null;
  relationship: LineageRelationship;
  lineageType: string | null;
  via: string | null;
}

export interface ExpandRequest {
  frontier: readonly string[];
  direction: LineageDirection;
  fine: boolean;
  includeRemoved: boolean;
}

export type Expand = (request: ExpandRequest) => Promise<Step[]>;

export class LineageQueryError extends Error {
  override name = 'LineageQueryError';
}

export const DEFAULT_PAGE_SIZE = 100;

interface Reached extends Omit<LineageNode, 'path'> {
  parent: string | null;
}

export async function walkGraph(
  expand: Expand,
  query: WalkQuery & { fine: boolean },
  nodeLimit = DEFAULT_NODE_LIMIT,
): Promise<WalkResult> {
  const maxHops = query.maxHops ?? 1;
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) {
    throw new LineageQueryError(`maxHops must be a whole number from 1 to ${MAX_HOPS}; got ${String(query.maxHops)}`);
  }
  const start = query.start ?? 0;
  const count = query.count ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(start) || start < 0) throw new LineageQueryError(`start must be a whole number >= 0; got ${String(query.start)}`);
  if (!Number.isInteger(count) || count < 0) throw new LineageQueryError(`count must be a whole number >= 0; got ${String(query.count)}`);
  if (query.direction !== 'UPSTREAM' && query.direction !== 'DOWNSTREAM') {
    throw new LineageQueryError(`direction must be UPSTREAM or DOWNSTREAM; got ${String(query.direction)}`);
  }

  const origin = describeNode(query.urn);
  const reached = new Map<string, Reached>();
  reached.set(query.urn, { urn: query.urn, ...origin, degree: 0, parent: null, relationship: 'DownstreamOf', lineageType: null, via: null });
  let frontier = [query.urn];
  let truncated = false;
  for (let hop = 1; hop <= maxHops && frontier.length > 0 && !truncated; hop++) {
    const steps = await expand({ frontier, direction: query.direction, fine: query.fine, includeRemoved: query.includeRemoved ?? false });
    // The same order on every backend, so the kept path does not depend on the engine.
    steps.sort((a, b) => cmp(a.to, b.to) || cmp(a.from, b.from) || cmp(a.relationship, b.relationship));
    const next: string[] = [];
    for (const step of steps) {
      if (reached.has(step.to)) continue;
      if (reached.size - 1 >= nodeLimit) {
        truncated = true;
        break;
      }
      reached.set(step.to, {
        urn: step.to, entityType: step.toType, platform: step.toPlatform, degree: hop, parent: step.from,
        relationship: step.relationship, lineageType: step.lineageType, via: step.via,
      });
      next.push(step.to);
    }
    frontier = next;
  }

  reached.delete(query.urn);
  const matches = [...reached.values()].filter(matcher(query.filters)).sort((a, b) => a.degree - b.degree || cmp(a.urn, b.urn));
  const countsPerHop: Record<number, number> = {};
  for (const node of matches) countsPerHop[node.degree] = (countsPerHop[node.degree] ?? 0) + 1;
  const page = matches.slice(start, start + count).map(({ parent: _parent, ...node }) => ({ ...node, path: pathTo(node.urn, reached, query.urn) }));
  return { start, count: page.length, total: matches.length, nodes: page, countsPerHop, truncated };
}

function pathTo(urn: string, reached: Map<string, Reached>, origin: string): string[] {
  const path = [urn];
  for (let at = reached.get(urn)?.parent; at; at = reached.get(at)?.parent) {
    path.push(at);
    if (at === origin) break;
  }
  return path.reverse();
}

function matcher(filters: WalkFilters | undefined): (node: Reached) => boolean {
  const platforms = filters?.platforms?.length ? new Set(filters.platforms) : null;
  const types = filters?.entityTypes?.length ? new Set(filters.entityTypes) : null;
  return (node) => (!platforms || (node.platform !== null && platforms.has(node.platform))) && (!types || types.has(node.entityType));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What every LineageGraph backend shares once it can apply changes and expand one hop: the
 * single-change shorthands and the walks (walkGraph over the backend's `expand`). A backend
 * supplies `apply`, `expand`, `reset`, `count` and `close`.
 */
export abstract class ExpandingLineageGraph implements LineageGraph {
  protected constructor(protected readonly nodeLimit: number = DEFAULT_NODE_LIMIT) {}

  abstract apply(changes: readonly GraphChange[]): Promise<void>;
  abstract reset(): Promise<void>;
  abstract count(): Promise<number>;
  abstract close(): Promise<void>;
  /** One hop from the frontier, in the request's direction. */
  protected abstract expand(request: ExpandRequest): Promise<Step[]>;

  replaceEdges(sourceUrn: string, aspectName: string, edges: readonly LineageEdge[]): Promise<void> {
    return this.apply([{ kind: 'replaceEdges', sourceUrn, aspectName, edges }]);
  }

  removeNode(urn: string): Promise<void> {
    return this.apply([{ kind: 'removeNode', urn }]);
  }

  walk(query: WalkQuery): Promise<WalkResult> {
    return walkGraph((request) => this.expand(request), { ...query, fine: false }, this.nodeLimit);
  }

  walkColumns(query: Omit<WalkQuery, 'urn'> & { schemaFieldUrn: string }): Promise<WalkResult> {
    const { schemaFieldUrn, ...rest } = query;
    return walkGraph((request) => this.expand(request), { ...rest, urn: schemaFieldUrn, fine: true }, this.nodeLimit);
  }

  impact(urn: string, options: { filters?: WalkFilters; includeRemoved?: boolean } = {}): Promise<WalkResult> {
    const fine = describeNode(urn).entityType === 'schemaField';
    return walkGraph(
      (request) => this.expand(request),
      { urn, direction: 'DOWNSTREAM', maxHops: MAX_HOPS, count: this.nodeLimit, fine, ...options },
      this.nodeLimit,
    );
  }
}
