// View lineage from the view's SQL, parsed by PostgreSQL's own parser (libpg_query, WASM): which
// relations a view reads, and for each output column which source columns it is computed from,
// through CTEs (recursive too), joins, subqueries in FROM and in expressions, set operations
// (UNION / INTERSECT / EXCEPT, matched by position) and `*` (expanded from the known columns).
// Output columns are matched to the view's real columns by position, as PostgreSQL does.
import { parse } from 'libpg-query';

export interface RelationRef {
  schema: string;
  name: string;
}

export interface KnownRelation extends RelationRef {
  columns: string[];
}

/** Finds a relation by the name the SQL uses (`schema` null when unqualified); null if unknown. */
export type RelationResolver = (schema: string | null, name: string) => Promise<KnownRelation | null>;

export interface ColumnLineage {
  downstream: string;
  upstreams: Array<RelationRef & { column: string }>;
  /** True when the column is a plain copy of one source column. */
  copy: boolean;
}

export interface ViewLineage {
  upstreams: RelationRef[];
  columns: ColumnLineage[];
  /** Names the SQL uses that resolve to no relation (dropped, no privilege, a function). */
  unresolved: string[];
  /** Problems that made column lineage incomplete. */
  notes: string[];
}

export class ViewParseError extends Error {
  override name = 'ViewParseError';
}

type Node = Record<string, any>;
/** A column in scope and the base columns (`schema\0table\0column`) it comes from. */
interface Col {
  name: string;
  sources: Set<string>;
  copy: boolean;
}
interface ScopeRel {
  alias: string;
  columns: Col[];
  /** Columns unknown (unresolved relation, function): unqualified references may still land here. */
  opaque: boolean;
}
interface Scope {
  rels: ScopeRel[];
  ctes: Map<string, Col[]>;
  parent: Scope | null;
}

const key = (schema: string, name: string) => `${schema}\u0000${name}`;
const nameOf = (n: Node | undefined): string | undefined => n?.String?.sval;

class Analyzer {
  readonly tables = new Map<string, RelationRef>();
  readonly unresolved = new Set<string>();
  readonly notes: string[] = [];
  constructor(private readonly known: Map<string, KnownRelation | null>) {}

  select(stmt: Node, outer: Scope | null, inheritedCtes?: Map<string, Col[]>): Col[] {
    const scope: Scope = { rels: [], ctes: new Map(inheritedCtes ?? outer?.ctes ?? []), parent: outer };
    for (const c of stmt.withClause?.ctes ?? []) this.cte(c.CommonTableExpr, scope, Boolean(stmt.withClause.recursive));
    if (stmt.op && stmt.op !== 'SETOP_NONE') {
      const left = this.select(stmt.larg, outer, scope.ctes);
      const right = this.select(stmt.rarg, outer, scope.ctes);
      return left.map((c, i) => {
        const r = right[i];
        return { name: c.name, sources: new Set([...c.sources, ...(r?.sources ?? [])]), copy: false };
      });
    }
    if (stmt.valuesLists) {
      return (stmt.valuesLists as Node[]).length
        ? (stmt.valuesLists[0].List.items as Node[]).map((_, i) => {
            const sources = new Set<string>();
            for (const row of stmt.valuesLists) this.expr(row.List.items[i], scope, sources);
            return { name: `column${i + 1}`, sources, copy: false };
          })
        : [];
    }
    for (const item of stmt.fromClause ?? []) scope.rels.push(...this.from(item, scope));
    // Filters and grouping do not feed output columns, but their subqueries may read more tables.
    for (const k of ['whereClause', 'havingClause']) if (stmt[k]) this.expr(stmt[k], scope, new Set());
    const out: Col[] = [];
    for (const t of stmt.targetList ?? []) {
      const target = t.ResTarget as Node;
      const fields: Node[] | undefined = target.val?.ColumnRef?.fields;
      if (fields && fields[fields.length - 1]?.A_Star) {
        out.push(...this.star(fields, scope));
        continue;
      }
      const sources = new Set<string>();
      this.expr(target.val, scope, sources);
      const copy = Boolean(fields && this.lookup(fields, scope)?.copy) && sources.size === 1;
      out.push({ name: target.name ?? (fields ? nameOf(fields[fields.length - 1]) ?? '?column?' : '?column?'), sources, copy });
    }
    return out;
  }

  private cte(cte: Node, scope: Scope, recursive: boolean): void {
    const rename = (cols: Col[]) => {
      const names: string[] = (cte.aliascolnames ?? []).map((n: Node) => nameOf(n));
      return cols.map((c, i) => ({ ...c, name: names[i] ?? c.name }));
    };
    const body = cte.ctequery?.SelectStmt as Node | undefined;
    if (!body) {
      this.notes.push(`CTE "${cte.ctename}" is not a SELECT; its columns are unknown`);
      scope.ctes.set(cte.ctename, []);
      return;
    }
    if (recursive && body.op && body.op !== 'SETOP_NONE') {
      scope.ctes.set(cte.ctename, rename(this.select(body.larg, scope.parent, scope.ctes)));
    }
    scope.ctes.set(cte.ctename, rename(this.select(body, scope.parent, scope.ctes)));
  }

  private from(item: Node, scope: Scope): ScopeRel[] {
    if (item.RangeVar) {
      const rv = item.RangeVar as Node;
      const alias = rv.alias?.aliasname ?? rv.relname;
      let columns: Col[] | null = null;
      if (!rv.schemaname && scope.ctes.has(rv.relname)) {
        columns = scope.ctes.get(rv.relname)!;
      } else {
        const rel = this.known.get(key(rv.schemaname ?? '', rv.relname));
        if (rel) {
          this.tables.set(key(rel.schema, rel.name), { schema: rel.schema, name: rel.name });
          columns = rel.columns.map((c) => ({ name: c, sources: new Set([`${rel.schema}\u0000${rel.name}\u0000${c}`]), copy: true }));
        } else {
          this.unresolved.add(rv.schemaname ? `${rv.schemaname}.${rv.relname}` : rv.relname);
        }
      }
      return [{ alias, columns: renameCols(columns ?? [], rv.alias), opaque: columns === null }];
    }
    if (item.RangeSubselect) {
      const sub = item.RangeSubselect as Node;
      const cols = this.select(sub.subquery.SelectStmt, sub.lateral ? scope : scope.parent, scope.ctes);
      return [{ alias: sub.alias?.aliasname ?? '', columns: renameCols(cols, sub.alias), opaque: false }];
    }
    if (item.JoinExpr) {
      const j = item.JoinExpr as Node;
      const rels = [...this.from(j.larg, scope), ...this.from(j.rarg, scope)];
      if (j.quals) this.expr(j.quals, { ...scope, rels: [...scope.rels, ...rels] }, new Set());
      if (j.alias) {
        const cols = rels.flatMap((r) => r.columns);
        return [{ alias: j.alias.aliasname, columns: renameCols(cols, j.alias), opaque: rels.some((r) => r.opaque) }];
      }
      return rels;
    }
    if (item.RangeFunction) {
      const rf = item.RangeFunction as Node;
      const sources = new Set<string>();
      this.expr(rf.functions, scope, sources);
      const names: string[] = (rf.alias?.colnames ?? []).map((n: Node) => nameOf(n));
      return [{ alias: rf.alias?.aliasname ?? '', columns: names.map((name) => ({ name, sources, copy: false })), opaque: names.length === 0 }];
    }
    this.notes.push(`FROM item ${Object.keys(item)[0]} is not analysed`);
    return [];
  }

  private star(fields: Node[], scope: Scope): Col[] {
    if (fields.length === 1) {
      if (scope.rels.some((r) => r.opaque)) this.notes.push('* over a relation whose columns are unknown');
      return scope.rels.flatMap((r) => r.columns);
    }
    const rel = this.findRel(nameOf(fields[fields.length - 2])!, scope);
    if (!rel || rel.opaque) this.notes.push(`${fields.map((f) => nameOf(f) ?? '*').join('.')}: columns unknown`);
    return rel?.columns ?? [];
  }

  private findRel(alias: string, scope: Scope | null): ScopeRel | undefined {
    for (let s = scope; s; s = s.parent) {
      const rel = s.rels.find((r) => r.alias === alias);
      if (rel) return rel;
    }
    return undefined;
  }

  /** The column a ColumnRef names, looking outwards through enclosing scopes. */
  private lookup(fields: Node[], scope: Scope): Col | undefined {
    const names = fields.map((f) => nameOf(f));
    const col = names[names.length - 1];
    if (!col) return undefined;
    if (names.length >= 2) {
      // `rel.col` where rel is no relation in scope is a composite field access: no column.
      return this.findRel(names[names.length - 2]!, scope)?.columns.find((c) => c.name === col);
    }
    for (let s: Scope | null = scope; s; s = s.parent) {
      for (const rel of s.rels) {
        const c = rel.columns.find((x) => x.name === col);
        if (c) return c;
      }
    }
    return undefined;
  }

  /** Collects the base columns an expression reads into `into`. */
  expr(node: unknown, scope: Scope, into: Set<string>): void {
    if (Array.isArray(node)) {
      for (const n of node) this.expr(n, scope, into);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as Node;
    if (n.ColumnRef) {
      this.lookup(n.ColumnRef.fields, scope)?.sources.forEach((x) => into.add(x));
      return;
    }
    if (n.SubLink) {
      const link = n.SubLink as Node;
      if (link.testexpr) this.expr(link.testexpr, scope, into);
      const cols = this.select(link.subselect.SelectStmt, scope);
      if (link.subLinkType === 'EXPR_SUBLINK' || link.subLinkType === 'ARRAY_SUBLINK') {
        for (const c of cols) c.sources.forEach((s) => into.add(s));
      }
      return;
    }
    for (const v of Object.values(n)) this.expr(v, scope, into);
  }
}

function renameCols(cols: Col[], alias: Node | undefined): Col[] {
  const names: string[] = (alias?.colnames ?? []).map((n: Node) => nameOf(n));
  return names.length ? cols.map((c, i) => ({ ...c, name: names[i] ?? c.name })) : cols;
}

/** Every RangeVar in the tree, for resolving them all before the (synchronous) analysis. */
function rangeVars(node: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((n) => rangeVars(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Node;
    if (n.RangeVar) out.push(n.RangeVar);
    for (const v of Object.values(n)) rangeVars(v, out);
  }
  return out;
}

/**
 * The lineage of a view whose definition is `sql` (pg_get_viewdef output, or any single SELECT)
 * and whose columns are `viewColumns`, in order. Throws ViewParseError when the SQL does not parse.
 */
export async function viewLineage(sql: string, viewColumns: string[], resolve: RelationResolver): Promise<ViewLineage> {
  let tree: Node;
  try {
    tree = (await parse(sql)) as Node;
  } catch (e) {
    throw new ViewParseError((e as Error).message);
  }
  const stmts = tree.stmts as Node[] | undefined;
  const select = stmts?.[0]?.stmt?.SelectStmt as Node | undefined;
  if (!select || stmts!.length !== 1) throw new ViewParseError('the definition is not a single SELECT statement');

  const known = new Map<string, KnownRelation | null>();
  for (const rv of rangeVars(select)) {
    const k = key(rv.schemaname ?? '', rv.relname);
    if (!known.has(k)) known.set(k, await resolve(rv.schemaname ?? null, rv.relname));
  }
  const analyzer = new Analyzer(known);
  const out = analyzer.select(select, null);
  const notes = [...analyzer.notes];
  if (out.length !== viewColumns.length) {
    notes.push(`the query yields ${out.length} columns, the view has ${viewColumns.length}`);
  }
  const columns: ColumnLineage[] = [];
  viewColumns.forEach((downstream, i) => {
    const col = out[i];
    if (!col || col.sources.size === 0) return;
    const upstreams = [...col.sources].sort().map((s) => {
      const [schema, name, column] = s.split('\u0000') as [string, string, string];
      return { schema, name, column };
    });
    columns.push({ downstream, upstreams, copy: col.copy && upstreams.length === 1 });
  });
  const upstreams = [...analyzer.tables.values()].sort((a, b) => key(a.schema, a.name).localeCompare(key(b.schema, b.name)));
  return { upstreams, columns, unresolved: [...analyzer.unresolved].sort(), notes };
}
