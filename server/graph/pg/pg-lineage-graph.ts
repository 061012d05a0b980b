// The embedded lineage graph: an edge table in the store's own database (PGlite or a PostgreSQL
// server, through the store's SqlDriver). Writes are set-based (one DELETE and one INSERT per run
// of replaced aspects); a walk is one indexed query per hop (walk.ts does the breadth-first part),
// which keeps each node once at its smallest degree, unlike a recursive CTE that carries every path.
import { quoteIdent, type SqlDriver, type SqlExecutor } from '../../store/sql/driver.js';
import type { GraphChange } from '../lineage-graph.js';
import { describeNode } from '../node.js';
import { ExpandingLineageGraph, type ExpandRequest, type Step } from '../walk.js';
import { migrateGraph } from './migrations.js';

export interface PgLineageGraphOptions {
  /** The schema holding the store's tables (default `public`); the graph's tables go beside them. */
  schema?: string;
  /** Most nodes one walk collects (default 10,000); past it the result says `truncated`. */
  nodeLimit?: number;
}

export class PgLineageGraph extends ExpandingLineageGraph {
  private readonly s: string;

  private constructor(
    private readonly driver: SqlDriver,
    options: PgLineageGraphOptions,
  ) {
    super(options.nodeLimit);
    this.s = quoteIdent(options.schema ?? 'public');
  }

  /** Brings the graph's tables up to date in the driver's database. */
  static async open(driver: SqlDriver, options: PgLineageGraphOptions = {}): Promise<PgLineageGraph> {
    await migrateGraph(driver, options.schema ?? 'public');
    return new PgLineageGraph(driver, options);
  }

  async apply(changes: readonly GraphChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.driver.transaction(async (tx) => {
      let run: Array<Extract<GraphChange, { kind: 'replaceEdges' }>> = [];
      for (const change of changes) {
        if (change.kind === 'replaceEdges') {
          run.push(change);
          continue;
        }
        await this.replaceRun(tx, run);
        run = [];
        if (change.kind === 'removeNode') await this.removeNodeIn(tx, change.urn);
        else if (change.removed) await tx.query(`INSERT INTO ${this.s}.graph_removed (urn) VALUES ($1) ON CONFLICT DO NOTHING`, [change.urn]);
        else await tx.query(`DELETE FROM ${this.s}.graph_removed WHERE urn = $1`, [change.urn]);
      }
      await this.replaceRun(tx, run);
    });
  }


  async reset(): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.query(`TRUNCATE ${this.s}.graph_edge, ${this.s}.graph_removed`);
    });
  }

  async count(): Promise<number> {
    const [row] = await this.driver.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${this.s}.graph_edge`);
    return Number(row?.n ?? 0);
  }

  /** The store owns the database connection and closes it. */
  async close(): Promise<void> {}

  protected async expand({ frontier, direction, fine, includeRemoved }: ExpandRequest): Promise<Step[]> {
    const [near, far] = direction === 'DOWNSTREAM' ? ['up', 'down'] : ['down', 'up'];
    const skipRemoved = includeRemoved ? '' : `AND NOT EXISTS (SELECT 1 FROM ${this.s}.graph_removed r WHERE r.urn = e.${far})`;
    return this.driver.query<Step>(
      `SELECT e.${near} AS "from", e.${far} AS "to", e.${far}_type AS "toType", e.${far}_platform AS "toPlatform",
              e.relationship, e.lineage_type AS "lineageType", e.via
         FROM ${this.s}.graph_edge e
        WHERE e.${near} = ANY($1::text[]) AND e.fine = $2 ${skipRemoved}`,
      [frontier, fine],
    );
  }

  /** Replaces the edges of a run of aspects: one DELETE, one INSERT; the last write of an aspect wins. */
  private async replaceRun(tx: SqlExecutor, run: ReadonlyArray<Extract<GraphChange, { kind: 'replaceEdges' }>>): Promise<void> {
    if (run.length === 0) return;
    const latest = new Map<string, (typeof run)[number]>();
    for (const change of run) latest.set(`${change.sourceUrn}\u0000${change.aspectName}`, change);
    const owners: string[] = [];
    const aspects: string[] = [];
    for (const change of latest.values()) {
      owners.push(change.sourceUrn);
      aspects.push(change.aspectName);
    }
    await tx.query(
      `DELETE FROM ${this.s}.graph_edge e USING unnest($1::text[], $2::text[]) AS k(owner, aspect)
        WHERE e.owner = k.owner AND e.aspect = k.aspect`,
      [owners, aspects],
    );
    const cols: unknown[][] = Array.from({ length: 14 }, () => []);
    for (const change of latest.values()) {
      for (const edge of change.edges) {
        const up = describeNode(edge.upstream);
        const down = describeNode(edge.downstream);
        const row = [
          change.sourceUrn, change.aspectName, edge.upstream, edge.downstream, edge.relationship, edge.fine,
          up.entityType, up.platform, down.entityType, down.platform,
          edge.lineageType ?? null, edge.via ?? null, edge.transformOperation ?? null, edge.confidence ?? null,
        ];
        row.forEach((value, i) => cols[i]!.push(value));
      }
    }
    if (cols[0]!.length === 0) return;
    await tx.query(
      `INSERT INTO ${this.s}.graph_edge
         (owner, aspect, up, down, relationship, fine, up_type, up_platform, down_type, down_platform,
          lineage_type, via, transform_operation, confidence)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::real[])
       ON CONFLICT DO NOTHING`,
      cols,
    );
  }

  /** Hard delete: the edges the node's own aspects implied, and its soft-delete mark. */
  private async removeNodeIn(tx: SqlExecutor, urn: string): Promise<void> {
    await tx.query(`DELETE FROM ${this.s}.graph_edge WHERE owner = $1`, [urn]);
    await tx.query(`DELETE FROM ${this.s}.graph_removed WHERE urn = $1`, [urn]);
  }

}
