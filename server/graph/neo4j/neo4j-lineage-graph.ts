// The scale-out lineage graph: Neo4j 5 over Bolt, behind the same LineageGraph contract as the
// embedded PgLineageGraph. Each entity is a node labelled `LineageNode` (configurable, so several
// catalogs or test runs share a server) with its URN, entity type and platform; each edge an aspect
// implies is a `LINEAGE` relationship in data-flow direction carrying the aspect that implied it
// (owner, aspect), DataHub's relationship name and the edge's details. A soft-deleted node carries
// `removed: true`. Walks use the shared breadth-first walk (../walk.ts): one Cypher query per hop,
// so degrees, paths, paging and truncation are the same as on PostgreSQL.
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { redactUrl } from '../../backend-url.js';
import type { GraphChange } from '../lineage-graph.js';
import { describeNode } from '../node.js';
import { ExpandingLineageGraph, type ExpandRequest, type Step } from '../walk.js';

export interface Neo4jLineageGraphOptions {
  /** `bolt://host:7687` or `neo4j://…`; user and password may be in the URL. */
  url: string;
  /** Database name (default: the server's default database). */
  database?: string;
  /** Node label for this catalog's nodes (default `LineageNode`). */
  label?: string;
  /** Most nodes one walk collects (default 10,000); past it the result says `truncated`. */
  nodeLimit?: number;
}

export class GraphBackendError extends Error {
  override name = 'GraphBackendError';
}

type Replace = Extract<GraphChange, { kind: 'replaceEdges' }>;

export class Neo4jLineageGraph extends ExpandingLineageGraph {
  private readonly label: string;

  private constructor(
    private readonly driver: Driver,
    private readonly options: Neo4jLineageGraphOptions,
  ) {
    super(options.nodeLimit);
    this.label = `\`${options.label ?? 'LineageNode'}\``;
  }

  /** Connects, checks the server answers, and creates the constraint and index the graph needs. */
  static async open(options: Neo4jLineageGraphOptions): Promise<Neo4jLineageGraph> {
    const label = options.label ?? 'LineageNode';
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(label)) throw new GraphBackendError(`Neo4j label "${label}" may only hold letters, digits and "_"`);
    const url = new URL(options.url);
    const auth = url.username ? neo4j.auth.basic(decodeURIComponent(url.username), decodeURIComponent(url.password)) : undefined; // a server without authentication
    url.username = '';
    url.password = '';
    const driver = neo4j.driver(url.href.replace(/\/$/, ''), auth, { disableLosslessIntegers: true, connectionTimeout: 10_000 });
    try {
      await driver.verifyConnectivity({ database: options.database });
    } catch (error) {
      await driver.close();
      throw new GraphBackendError(
        `Neo4j at ${redactUrl(options.url)} does not answer (${(error as Error).message}); start it (scripts/services up neo4j, or docker compose up neo4j) or fix the graph URL`,
      );
    }
    const graph = new Neo4jLineageGraph(driver, { ...options, label });
    await graph.run(`CREATE CONSTRAINT ${label}_urn IF NOT EXISTS FOR (n:${graph.label}) REQUIRE n.urn IS UNIQUE`);
    await graph.run('CREATE INDEX lineage_edge_owner IF NOT EXISTS FOR ()-[e:LINEAGE]-() ON (e.owner, e.aspect)');
    return graph;
  }

  private session() {
    return this.driver.session({ database: this.options.database });
  }

  private async run(cypher: string, params: Record<string, unknown> = {}): Promise<Array<Record<string, unknown>>> {
    const session = this.session();
    try {
      const result = await session.run(cypher, params);
      return result.records.map((r) => r.toObject() as Record<string, unknown>);
    } finally {
      await session.close();
    }
  }

  async apply(changes: readonly GraphChange[]): Promise<void> {
    if (changes.length === 0) return;
    const session = this.session();
    try {
      await session.executeWrite(async (tx) => {
        let run: Replace[] = [];
        for (const change of changes) {
          if (change.kind === 'replaceEdges') {
            run.push(change);
            continue;
          }
          await this.replaceRun(tx, run);
          run = [];
          if (change.kind === 'removeNode') await this.removeNodeIn(tx, change.urn);
          else if (change.removed) {
            const { entityType, platform } = describeNode(change.urn);
            await tx.run(
              `MERGE (n:${this.label} {urn: $urn}) ON CREATE SET n.entityType = $entityType, n.platform = $platform SET n.removed = true`,
              { urn: change.urn, entityType, platform },
            );
          } else await tx.run(`MATCH (n:${this.label} {urn: $urn}) REMOVE n.removed`, { urn: change.urn });
        }
        await this.replaceRun(tx, run);
      });
    } finally {
      await session.close();
    }
  }


  /** Deletes this catalog's nodes and their edges, in batches (a large graph does not fit one transaction). */
  async reset(): Promise<void> {
    await this.run(`MATCH (n:${this.label}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`);
  }

  async count(): Promise<number> {
    const [row] = await this.run(`MATCH (:${this.label})-[e:LINEAGE]->(:${this.label}) RETURN count(e) AS n`);
    return Number(row?.n ?? 0);
  }

  /** Removes this catalog's nodes and its constraint (tests). */
  async drop(): Promise<void> {
    await this.reset();
    await this.run(`DROP CONSTRAINT ${this.options.label ?? 'LineageNode'}_urn IF EXISTS`);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  protected async expand({ frontier, direction, fine, includeRemoved }: ExpandRequest): Promise<Step[]> {
    const pattern = direction === 'DOWNSTREAM' ? '(a)-[e:LINEAGE]->(b)' : '(a)<-[e:LINEAGE]-(b)';
    const session = this.session();
    try {
      const result = await session.executeRead((tx) =>
        tx.run(
          `UNWIND $frontier AS f
           MATCH (a:${this.label} {urn: f})
           MATCH ${pattern}
           WHERE b:${this.label} AND e.fine = $fine AND ($includeRemoved OR b.removed IS NULL)
           RETURN a.urn AS from, b.urn AS to, b.entityType AS toType, b.platform AS toPlatform,
                  e.relationship AS relationship, e.lineageType AS lineageType, e.via AS via`,
          { frontier, fine, includeRemoved },
        ),
      );
      return result.records.map((r) => r.toObject() as unknown as Step);
    } finally {
      await session.close();
    }
  }

  /** Replaces the edges of a run of aspects: one delete, one create; the last write of an aspect wins. */
  private async replaceRun(tx: ManagedTransaction, run: readonly Replace[]): Promise<void> {
    if (run.length === 0) return;
    const latest = new Map<string, Replace>();
    for (const change of run) latest.set(`${change.sourceUrn}\u0000${change.aspectName}`, change);
    const keys = [...latest.values()].map((c) => ({ owner: c.sourceUrn, aspect: c.aspectName }));
    await tx.run(
      `UNWIND $keys AS k
       MATCH (:${this.label})-[e:LINEAGE]->(:${this.label}) WHERE e.owner = k.owner AND e.aspect = k.aspect
       DELETE e`,
      { keys },
    );
    const rows = [...latest.values()].flatMap((change) =>
      change.edges.map((edge) => {
        const up = describeNode(edge.upstream);
        const down = describeNode(edge.downstream);
        return {
          owner: change.sourceUrn, aspect: change.aspectName, up: edge.upstream, down: edge.downstream, relationship: edge.relationship, fine: edge.fine,
          upType: up.entityType, upPlatform: up.platform, downType: down.entityType, downPlatform: down.platform,
          lineageType: edge.lineageType ?? null, via: edge.via ?? null, transformOperation: edge.transformOperation ?? null, confidence: edge.confidence ?? null,
        };
      }),
    );
    for (let i = 0; i < rows.length; i += 5000) {
      await tx.run(
        `UNWIND $rows AS r
         MERGE (a:${this.label} {urn: r.up}) ON CREATE SET a.entityType = r.upType, a.platform = r.upPlatform
         MERGE (b:${this.label} {urn: r.down}) ON CREATE SET b.entityType = r.downType, b.platform = r.downPlatform
         CREATE (a)-[:LINEAGE {owner: r.owner, aspect: r.aspect, relationship: r.relationship, fine: r.fine, lineageType: r.lineageType,
                               via: r.via, transformOperation: r.transformOperation, confidence: r.confidence}]->(b)`,
        { rows: rows.slice(i, i + 5000) },
      );
    }
  }

  /** Hard delete: the edges the node's own aspects implied, and its soft-delete mark. */
  private async removeNodeIn(tx: ManagedTransaction, urn: string): Promise<void> {
    await tx.run(`MATCH (:${this.label})-[e:LINEAGE]->(:${this.label}) WHERE e.owner = $urn DELETE e`, { urn });
    await tx.run(`MATCH (n:${this.label} {urn: $urn}) REMOVE n.removed`, { urn });
  }
}
