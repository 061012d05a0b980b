import { describe, expect, it } from 'vitest';
import { viewLineage, ViewParseError, type KnownRelation } from '../../../../ingest/sources/postgres/lineage.js';

const tables: KnownRelation[] = [
  { schema: 'public', name: 'users', columns: ['userid', 'firstname', 'lastname'] },
  { schema: 'public', name: 'sales', columns: ['salesid', 'buyerid', 'pricepaid'] },
  { schema: 'crm', name: 'Accounts', columns: ['Id', 'owner id'] },
];
const resolve = async (schema: string | null, name: string) =>
  tables.find((t) => t.name === name && (schema === null ? t.schema === 'public' : t.schema === schema)) ?? null;
const cols = (l: Awaited<ReturnType<typeof viewLineage>>) =>
  Object.fromEntries(l.columns.map((c) => [c.downstream, c.upstreams.map((u) => `${u.schema}.${u.name}.${u.column}`)]));

describe('view lineage from the SQL', () => {
  it('follows a recursive CTE, a scalar subquery and quoted names', async () => {
    const l = await viewLineage(
      `WITH RECURSIVE chain(id, depth) AS (SELECT a."Id", 0 FROM crm."Accounts" a UNION ALL SELECT c.id, c.depth + 1 FROM chain c WHERE c.depth < 3)
       SELECT id, (SELECT max(pricepaid) FROM sales s WHERE s.buyerid = chain.id) AS top FROM chain`,
      ['id', 'top'],
      resolve,
    );
    expect(l.upstreams).toEqual([{ schema: 'crm', name: 'Accounts' }, { schema: 'public', name: 'sales' }]);
    expect(cols(l)).toEqual({ id: ['crm.Accounts.Id'], top: ['public.sales.pricepaid'] });
  });

  it('expands * and t.* from the known columns, and matches output columns by position', async () => {
    const l = await viewLineage('SELECT u.*, s.pricepaid FROM users u, sales s', ['a', 'b', 'c', 'paid'], resolve);
    expect(cols(l)).toEqual({ a: ['public.users.userid'], b: ['public.users.firstname'], c: ['public.users.lastname'], paid: ['public.sales.pricepaid'] });
    expect(l.columns.every((c) => c.copy)).toBe(true);
  });

  it('names the relations it cannot resolve and still gives the rest', async () => {
    const l = await viewLineage('SELECT u.userid, g.x FROM users u JOIN gone g ON g.id = u.userid', ['userid', 'x'], resolve);
    expect(l.unresolved).toEqual(['gone']);
    expect(cols(l)).toEqual({ userid: ['public.users.userid'] });
  });

  it('throws a ViewParseError on SQL that does not parse', async () => {
    await expect(viewLineage('SELEC nonsense FROM', [], resolve)).rejects.toBeInstanceOf(ViewParseError);
  });
});
