// Options and failure handling of the postgres source, over the in-process PGlite wire server.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSourceConfigSchema } from '../../../../ingest/sources/postgres/config.js';
import { PostgresSource } from '../../../../ingest/sources/postgres/source.js';
import { containerUrnForKey, datasetUrn } from '../../../../model/urn.js';
import { collectMcps, testContext } from '../context.js';
import { startPgliteServer, type TestServer } from './pglite-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startPgliteServer();
});
afterAll(async () => server?.stop());

const config = (extra: Record<string, unknown> = {}) =>
  postgresSourceConfigSchema.parse({ host_port: server.hostPort, database: 'tickit', username: 'postgres', ...extra });

describe('postgres source config', () => {
  it("accepts DataHub's keys, string booleans, and denies information_schema and pg_catalog by default", () => {
    const c = postgresSourceConfigSchema.parse({ host_port: 'db:5432', profiling: { enabled: 'true', include_field_histogram: 'True' }, include_views: 'false' });
    expect(c.profiling.enabled).toBe(true);
    expect(c.profiling.include_field_histogram).toBe(true);
    expect(c.include_views).toBe(false);
    expect(c.schema_pattern.deny).toEqual(['information_schema', 'pg_catalog']);
    expect(c.env).toBe('PROD');
  });

  it('rejects unknown keys and column statistics asked for with profile_table_level_only', () => {
    expect(postgresSourceConfigSchema.safeParse({ host_port: 'db', tabel_pattern: {} }).success).toBe(false);
    const r = postgresSourceConfigSchema.safeParse({ host_port: 'db', profiling: { profile_table_level_only: true, include_field_min_value: true } });
    expect(r.error?.issues[0]?.message).toContain('cannot be true when profile_table_level_only is true');
  });

  it('turns the expensive metrics off unless they are set explicitly', () => {
    const p = postgresSourceConfigSchema.parse({ host_port: 'db', profiling: { turn_off_expensive_profiling_metrics: true, include_field_quantiles: true } }).profiling;
    expect(p).toMatchObject({ include_field_quantiles: true, include_field_sample_values: false, max_number_of_fields_to_profile: 10 });
  });
});

describe('postgres source options', () => {
  it('prefixes the platform instance, lower-cases names on request, and places the instance in containers and paths', async () => {
    const mcps = await collectMcps(new PostgresSource(config({ platform_instance: 'prod_pg', convert_urns_to_lowercase: true }), testContext('.')));
    const mixed = datasetUrn('postgres', 'tickit.odd schema.mixed case', 'PROD', 'prod_pg');
    expect(mcps.some((m) => m.entityUrn === mixed)).toBe(true);
    const instance = 'urn:li:dataPlatformInstance:(urn:li:dataPlatform:postgres,prod_pg)';
    const dpi = mcps.find((m) => m.entityUrn === mixed && m.aspectName === 'dataPlatformInstance');
    expect(dpi?.aspect).toEqual({ platform: 'urn:li:dataPlatform:postgres', instance });
    const db = containerUrnForKey({ platform: 'postgres', instance: 'prod_pg', database: 'tickit' });
    const path = mcps.find((m) => m.entityUrn === mixed && m.aspectName === 'browsePathsV2')?.aspect as { path: Array<{ id: string }> };
    expect(path.path.map((p) => p.id).slice(0, 2)).toEqual([instance, db]);
    expect(mcps.find((m) => m.entityUrn === db && m.aspectName === 'containerProperties')?.aspect).toMatchObject({
      customProperties: { instance: 'prod_pg', database: 'tickit' },
    });
  });

  it('filters schemas, tables and views by pattern, reports what it filtered, and can leave out views', async () => {
    const source = new PostgresSource(
      config({ schema_pattern: { deny: ['Odd.*', 'information_schema'] }, table_pattern: { deny: ['tickit\\.public\\.sales$'] }, include_views: false }),
      testContext('.'),
    );
    const urns = new Set((await collectMcps(source)).filter((m) => m.entityType === 'dataset').map((m) => m.entityUrn));
    expect([...urns].map((u) => u.split(',')[1]).sort()).toEqual(
      ['category', 'date', 'event', 'listing', 'users', 'venue'].map((t) => `tickit.public.${t}`),
    );
    expect(source.report.filtered).toEqual(expect.arrayContaining(['tickit.Odd Schema', 'tickit.public.sales']));
  });

  it('reports a table that fails by name and goes on with the others', async () => {
    class DenyingClient extends pg.Client {
      override query(...args: any[]): any {
        const [text, values] = args as [string, unknown[]];
        if (typeof text === 'string' && text.includes('format_type') && values?.[0] === this.deniedOid) {
          return Promise.reject(Object.assign(new Error('permission denied for table users'), { code: '42501' }));
        }
        return (super.query as any)(...args);
      }
      deniedOid = '';
    }
    const admin = new pg.Client({ host: '127.0.0.1', port: Number(server.hostPort.split(':')[1]), user: 'postgres', database: 'postgres' });
    let deniedOid = '';
    const source = new PostgresSource(config(), testContext('.'), (settings) => {
      const c = new DenyingClient(settings);
      c.deniedOid = deniedOid;
      return c;
    });
    await admin.connect();
    deniedOid = (await admin.query(`SELECT 'public.users'::regclass::oid::text AS oid`)).rows[0].oid;
    await admin.end();
    const mcps = await collectMcps(source);
    expect(mcps.some((m) => m.entityUrn === datasetUrn('postgres', 'tickit.public.users'))).toBe(false);
    expect(mcps.some((m) => m.entityUrn === datasetUrn('postgres', 'tickit.public.sales'))).toBe(true);
    expect(source.report.warnings.toJSON()).toEqual([
      expect.objectContaining({ title: 'Permission denied', context: ['tickit.public.users'] }),
    ]);
  });

  it('ends the stream with a failure when the connection is lost', async () => {
    let queries = 0;
    class DyingClient extends pg.Client {
      override query(...args: any[]): any {
        if (++queries > 6) return Promise.reject(new Error('Connection terminated unexpectedly'));
        return (super.query as any)(...args);
      }
    }
    const source = new PostgresSource(config(), testContext('.'), (settings) => new DyingClient(settings));
    const mcps = await collectMcps(source);
    expect(mcps.length).toBeGreaterThan(0);
    expect(source.report.failures.toJSON()).toEqual([expect.objectContaining({ title: 'Connection lost' })]);
  });

  it('reports a server it cannot reach as a failure naming it', async () => {
    const source = new PostgresSource(postgresSourceConfigSchema.parse({ host_port: '127.0.0.1:1', database: 'tickit' }), testContext('.'));
    expect(await collectMcps(source)).toEqual([]);
    expect(source.report.failures.toJSON()).toEqual([expect.objectContaining({ title: 'Could not connect', context: ['127.0.0.1:1/tickit'] })]);
  });
});
