// The lineage graph contract: derived from the store (upstreamLineage, dataJobInputOutput), kept
// up to date from change logs, rebuildable. Embedded: PgLineageGraph (edge table in the store's
// database); scale-out later: a Neo4jLineageGraph behind the same interface. Edges are kept in
// data-flow direction (upstream -> downstream) with DataHub's relationship name beside them.

export type LineageDirection = 'UPSTREAM' | 'DOWNSTREAM';
/** DataHub's names: D DownstreamOf U (also job -> input job), job Consumes input, job Produces output. */
export type LineageRelationship = 'DownstreamOf' | 'Consumes' | 'Produces';

/** One edge an aspect implies, in data-flow direction: data moves from `upstream` to `downstream`. */
export interface LineageEdge {
  upstream: string;
  downstream: string;
  relationship: LineageRelationship;
  /** Column level (schemaField endpoints, from fineGrainedLineages or *DatasetFields). */
  fine: boolean;
  /** upstreamLineage's COPY | TRANSFORMED | VIEW. */
  lineageType?: string;
  /** The query entity the edge came through (`urn:li:query:…`). */
  via?: string;
  transformOperation?: string;
  confidence?: number;
}

export type GraphChange =
  | { kind: 'replaceEdges'; sourceUrn: string; aspectName: string; edges: readonly LineageEdge[] }
  /**
   * Hard delete: the edges the node's own aspects implied, and its soft-delete mark. Edges other
   * entities' aspects imply stay, as those aspects do in the store (the graph is a function of the
   * store, so a rebuild gives the same graph); their far end is then a node no source produced,
   * which readers report rather than hide (DESIGN: naming and identity).
   */
  | { kind: 'removeNode'; urn: string }
  /** Soft delete (`status.removed`): edges stay; walks skip the node unless asked not to. */
  | { kind: 'setRemoved'; urn: string; removed: boolean };

export interface WalkFilters {
  /** Platform names (`postgres`, `kafka`), as in the dataset URN; jobs use their orchestrator. */
  platforms?: readonly string[];
  /** camelCase entity types (`dataset`, `dataJob`, `schemaField`). */
  entityTypes?: readonly string[];
}

export interface WalkQuery {
  urn: string;
  direction: LineageDirection;
  /** Hops to follow (default 1; at most MAX_HOPS). */
  maxHops?: number;
  /** Narrow the results; traversal still goes through nodes they exclude (a job between tables). */
  filters?: WalkFilters;
  /** Offset paging over results ordered by (degree, urn). */
  start?: number;
  count?: number;
  /** Walk into soft-deleted nodes too (default false: they are neither returned nor crossed). */
  includeRemoved?: boolean;
}

export interface LineageNode {
  urn: string;
  entityType: string;
  platform: string | null;
  /** Hops from the start node along the shortest path (DataHub's `degree`). */
  degree: number;
  /** One shortest path, start node first, this node last. */
  path: string[];
  /** The last edge of that path. */
  relationship: LineageRelationship;
  lineageType: string | null;
  via: string | null;
}

export interface WalkResult {
  start: number;
  count: number;
  /** Results after filters, before paging. */
  total: number;
  nodes: LineageNode[];
  /** Results after filters, per degree: `{1: 3, 2: 7}`. */
  countsPerHop: Record<number, number>;
  /** The node limit stopped the walk: there may be more than `total`. */
  truncated: boolean;
}

export const MAX_HOPS = 100;
export const DEFAULT_NODE_LIMIT = 10_000;

export interface LineageGraph {
  /** Applies the changes in one transaction, in order. */
  apply(changes: readonly GraphChange[]): Promise<void>;
  /** The edges an aspect implies replace that aspect's previous ones. */
  replaceEdges(sourceUrn: string, aspectName: string, edges: readonly LineageEdge[]): Promise<void>;
  removeNode(urn: string): Promise<void>;
  /** Entity-level lineage (datasets, jobs), breadth first, cycle-safe, bounded by hops and the node limit. */
  walk(query: WalkQuery): Promise<WalkResult>;
  /** Column-level lineage from a schemaField URN. */
  walkColumns(query: Omit<WalkQuery, 'urn'> & { schemaFieldUrn: string }): Promise<WalkResult>;
  /** Everything downstream of an entity or a column (schemaField URN), to the node limit. */
  impact(urn: string, options?: { filters?: WalkFilters; includeRemoved?: boolean }): Promise<WalkResult>;
  /** For `catalog reindex`: drop everything / count edges. */
  reset(): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}
