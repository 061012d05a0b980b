// What ingesting tickit.sql through the seed recipe must produce, run against any server:
// the in-process PGlite wire server (postgres-source.test.ts) and a real PostgreSQL
// (postgres-source.server.test.ts).
import { expect, it } from 'vitest';
import { validateAspect } from '../../../../model/aspects/registry.js';
import { containerUrnForKey, datasetUrn, schemaFieldUrn } from '../../../../model/urn.js';
import type { Captured } from './harness.js';

type Any = Record<string, any>;

export function tickitExpectations(run: () => Captured, database: string): void {
  const ds = (schema: string, table: string) => datasetUrn('postgres', `${database}.${schema}.${table}`, 'DEV');
  const field = (urn: string, col: string) => schemaFieldUrn(urn, col);
  const users = ds('public', 'users');
  const sales = ds('public', 'sales');
  // DataHub's SQL sources key containers with the env as instance when there is no platform instance
  const dbContainer = containerUrnForKey({ platform: 'postgres', instance: 'DEV', database });
  const publicContainer = containerUrnForKey({ platform: 'postgres', instance: 'DEV', database, schema: 'public' });

  it('emits a dataset for every table, view and materialized view, named database.schema.table in env DEV', () => {
    expect(run().urns('dataset')).toEqual(
      [
        ds('public', 'users'), ds('public', 'venue'), ds('public', 'category'), ds('public', 'date'), ds('public', 'event'),
        ds('public', 'listing'), ds('public', 'sales'), ds('public', 'sales_by_event'), ds('public', 'people'),
        ds('public', 'all_venues'), ds('public', 'monthly_sales'),
        ds('Odd Schema', 'Mixed Case'), ds('Odd Schema', 'quote"d'), ds('Odd Schema', 'date'),
      ].sort(),
    );
    expect(users).toBe(`urn:li:dataset:(urn:li:dataPlatform:postgres,${database}.public.users,DEV)`);
  });

  it('runs without failures or warnings, and profiles every table (not views) once', () => {
    const c = run();
    const { result } = c;
    expect(result.sourceReport?.failures.toJSON()).toEqual([]);
    expect(result.sourceReport?.warnings.toJSON()).toEqual([]);
    expect(result.failureCount).toBe(0);
    const profiled = c.mcps.filter((m) => m.aspectName === 'datasetProfile').map((m) => m.entityUrn).sort();
    expect(profiled).toEqual(
      [
        ds('public', 'users'), ds('public', 'venue'), ds('public', 'category'), ds('public', 'date'), ds('public', 'event'),
        ds('public', 'listing'), ds('public', 'sales'), ds('Odd Schema', 'Mixed Case'), ds('Odd Schema', 'quote"d'),
      ].sort(),
    );
    const p = c.aspect<Any>(users, 'datasetProfile')!;
    expect(p).toMatchObject({ rowCount: 0, columnCount: 18, partitionSpec: { partition: 'FULL_TABLE_SNAPSHOT', type: 'FULL_TABLE' } });
    expect(p.fieldProfiles.map((f: Any) => f.fieldPath)).toContain('email');
    expect(JSON.stringify(result.sourceReport?.infos.toJSON())).toContain('JSON column');
  });

  it('emits only aspects that satisfy their DataHub schemas', () => {
    for (const m of run().mcps) {
      const v = validateAspect(m.aspectName!, m.aspect);
      expect(v.ok ? [] : v.errors, `${m.entityUrn} ${m.aspectName}`).toEqual([]);
    }
  });

  it('emits database and schema containers with DataHub GUIDs, subtypes, parents and browse paths', () => {
    const c = run();
    expect(c.urns('container')).toEqual(
      [dbContainer, publicContainer, containerUrnForKey({ platform: 'postgres', instance: 'DEV', database, schema: 'Odd Schema' })].sort(),
    );
    expect(c.aspect(dbContainer, 'containerProperties')).toEqual({
      name: database,
      customProperties: { platform: 'postgres', env: 'DEV', database },
      env: 'DEV',
    });
    expect(c.aspect(dbContainer, 'subTypes')).toEqual({ typeNames: ['Database'] });
    expect(c.aspect(dbContainer, 'browsePathsV2')).toEqual({ path: [] });
    expect(c.aspect(publicContainer, 'containerProperties')).toMatchObject({ name: 'public', customProperties: { schema: 'public', database } });
    expect(c.aspect(publicContainer, 'subTypes')).toEqual({ typeNames: ['Schema'] });
    expect(c.aspect(publicContainer, 'container')).toEqual({ container: dbContainer });
    expect(c.aspect(publicContainer, 'browsePathsV2')).toEqual({ path: [{ id: dbContainer, urn: dbContainer }] });
    expect(c.aspect(users, 'container')).toEqual({ container: publicContainer });
    expect(c.aspect(users, 'browsePathsV2')).toEqual({
      path: [{ id: dbContainer, urn: dbContainer }, { id: publicContainer, urn: publicContainer }],
    });
    expect(c.aspect(users, 'status')).toEqual({ removed: false });
  });

  it('describes tables: comment, qualified name, owner, size and row estimate', () => {
    const props = run().aspect<Any>(users, 'datasetProperties')!;
    expect(props).toMatchObject({ name: 'users', qualifiedName: `${database}.public.users`, description: 'Registered users: buyers and sellers' });
    expect(props.customProperties.table_type).toBe('BASE TABLE');
    expect(props.customProperties.owner).toEqual(expect.any(String));
    expect(Number(props.customProperties.size_in_bytes)).toBeGreaterThan(0);
    expect(run().aspect(users, 'subTypes')).toEqual({ typeNames: ['Table'] });
  });

  it('gives the schema in column order with native types, DataHub types, nullability, comments and the primary key', () => {
    const schema = run().aspect<Any>(users, 'schemaMetadata')!;
    expect(schema).toMatchObject({
      schemaName: `${database}.public.users`,
      platform: 'urn:li:dataPlatform:postgres',
      version: 0,
      hash: '',
      platformSchema: { 'com.linkedin.schema.MySqlDDL': { tableSchema: '' } },
      primaryKeys: ['userid'],
    });
    expect(schema.fields.map((f: Any) => f.fieldPath).slice(0, 8)).toEqual(['userid', 'username', 'firstname', 'lastname', 'city', 'state', 'email', 'phone']);
    expect(schema.fields[0]).toEqual({
      fieldPath: 'userid', nullable: false, type: { type: { 'com.linkedin.schema.NumberType': {} } }, nativeDataType: 'integer', recursive: false, isPartOfKey: true,
    });
    expect(schema.fields[1]).toMatchObject({ nativeDataType: 'character(8)', nullable: false, isPartOfKey: false });
    expect(schema.fields[6]).toMatchObject({
      fieldPath: 'email', nativeDataType: 'character varying(100)', nullable: true, description: 'Contact email address',
      type: { type: { 'com.linkedin.schema.StringType': {} } },
    });
    expect(schema.fields[8]).toMatchObject({ fieldPath: 'likesports', type: { type: { 'com.linkedin.schema.BooleanType': {} } } });
  });

  it('gives foreign keys as DataHub ForeignKeyConstraints between schema fields', () => {
    const schema = run().aspect<Any>(sales, 'schemaMetadata')!;
    expect(schema.foreignKeys).toContainEqual({
      name: 'sales_buyer_fk',
      foreignFields: [field(users, 'userid')],
      sourceFields: [field(sales, 'buyerid')],
      foreignDataset: users,
    });
    expect(schema.foreignKeys.map((f: Any) => f.foreignDataset)).toContain(ds('public', 'date'));
    expect(schema.foreignKeys).toHaveLength(5);
    expect(schema.fields.find((f: Any) => f.fieldPath === 'pricepaid')).toMatchObject({
      nativeDataType: 'numeric(8,2)', description: 'Price paid, in USD', type: { type: { 'com.linkedin.schema.NumberType': {} } },
    });
    expect(schema.fields.find((f: Any) => f.fieldPath === 'saletime')).toMatchObject({
      nativeDataType: 'timestamp without time zone', type: { type: { 'com.linkedin.schema.TimeType': {} } },
    });
  });

  it('maps awkward names and every common type', () => {
    const mixed = ds('Odd Schema', 'Mixed Case');
    const schema = run().aspect<Any>(mixed, 'schemaMetadata')!;
    const byName = Object.fromEntries(schema.fields.map((f: Any) => [f.fieldPath, f]));
    const t = (name: string) => Object.keys(byName[name].type.type)[0]!.replace('com.linkedin.schema.', '');
    expect(Object.keys(byName)).toEqual(['Id', 'quote"d', 'select', 'naïve café', 'tags', 'attrs', 'doc', 'uid', 'feeling', 'amount', 'at', 'span', 'blob', 'spot', 'matrix']);
    expect(schema.primaryKeys).toEqual(['Id']);
    expect(byName.Id).toMatchObject({ nativeDataType: 'bigint', isPartOfKey: true });
    expect(byName.tags).toMatchObject({ nativeDataType: 'text[]', type: { type: { 'com.linkedin.schema.ArrayType': { nestedType: ['text'] } } } });
    expect(byName.matrix.nativeDataType).toBe('integer[]');
    expect({
      attrs: t('attrs'), doc: t('doc'), uid: t('uid'), feeling: t('feeling'), amount: t('amount'), at: t('at'), span: t('span'),
      blob: t('blob'), spot: t('spot'), select: t('select'), 'naïve café': t('naïve café'),
    }).toEqual({
      attrs: 'BytesType', doc: 'BytesType', uid: 'StringType', feeling: 'EnumType', amount: 'NumberType', at: 'TimeType', span: 'TimeType',
      blob: 'BytesType', spot: 'RecordType', select: 'NumberType', 'naïve café': 'StringType',
    });
    expect(byName.feeling.nativeDataType).toBe('mood');
    expect(byName.amount.nativeDataType).toBe('positive_int');
    const quoted = ds('Odd Schema', 'quote"d');
    expect(run().aspect<Any>(quoted, 'schemaMetadata')!.foreignKeys).toEqual([
      { name: expect.any(String), foreignFields: [field(mixed, 'Id')], sourceFields: [field(quoted, 'Mixed Id')], foreignDataset: mixed },
    ]);
  });

  it('describes views and materialized views with their SQL', () => {
    const c = run();
    const view = ds('public', 'sales_by_event');
    expect(c.aspect(view, 'subTypes')).toEqual({ typeNames: ['View'] });
    expect(c.aspect<Any>(view, 'viewProperties')).toMatchObject({ materialized: false, viewLanguage: 'SQL' });
    expect(c.aspect<Any>(view, 'viewProperties')!.viewLogic).toMatch(/sum\(s\.pricepaid\)/);
    const mv = ds('public', 'monthly_sales');
    expect(c.aspect(mv, 'subTypes')).toEqual({ typeNames: ['View'] });
    expect(c.aspect<Any>(mv, 'viewProperties')).toMatchObject({ materialized: true, viewLanguage: 'SQL' });
    expect(c.aspect<Any>(mv, 'datasetProperties')).toMatchObject({ description: 'Tickets sold per month', customProperties: { table_type: 'MATERIALIZED VIEW' } });
  });

  const lineageOf = (c: Captured, urn: string) => {
    const l = c.aspect<Any>(urn, 'upstreamLineage');
    const columns: Record<string, string[]> = {};
    for (const f of l?.fineGrainedLineages ?? []) {
      expect(f).toMatchObject({ upstreamType: 'FIELD_SET', downstreamType: 'FIELD' });
      for (const d of f.downstreams) columns[d] = [...f.upstreams].sort();
    }
    return { upstreams: (l?.upstreams ?? []).map((u: Any) => u.dataset).sort(), types: (l?.upstreams ?? []).map((u: Any) => u.type), columns };
  };

  it('gives view lineage through a join and an aggregate, down to columns', () => {
    const view = ds('public', 'sales_by_event');
    const event = ds('public', 'event');
    const l = lineageOf(run(), view);
    expect(l.upstreams).toEqual([event, sales].sort());
    expect(new Set(l.types)).toEqual(new Set(['VIEW']));
    expect(l.columns).toEqual({
      [field(view, 'eventid')]: [field(event, 'eventid')],
      [field(view, 'eventname')]: [field(event, 'eventname')],
      [field(view, 'total_sales')]: [field(sales, 'pricepaid')],
    });
  });

  it('gives view lineage through a CTE and a UNION', () => {
    const view = ds('public', 'people');
    const l = lineageOf(run(), view);
    expect(l.upstreams).toEqual([ds('public', 'listing'), sales, users].sort());
    expect(l.columns[field(view, 'userid')]).toEqual([field(users, 'userid')]);
    expect(l.columns[field(view, 'fullname')]).toEqual([field(users, 'firstname'), field(users, 'lastname')].sort());
    expect(l.columns[field(view, 'role')]).toBeUndefined();
  });

  it('gives column lineage of a SELECT * view and of a materialized view over a subquery', () => {
    const c = run();
    const venue = ds('public', 'venue');
    const all = ds('public', 'all_venues');
    const l = lineageOf(c, all);
    expect(l.upstreams).toEqual([venue]);
    for (const col of ['venueid', 'venuename', 'venuecity', 'venuestate', 'venueseats']) expect(l.columns[field(all, col)]).toEqual([field(venue, col)]);
    const fine = c.aspect<Any>(all, 'upstreamLineage')!.fineGrainedLineages;
    expect(fine[0]).toMatchObject({ transformOperation: 'COPY', confidenceScore: 1 });
    const mv = ds('public', 'monthly_sales');
    const m = lineageOf(c, mv);
    expect(m.upstreams).toEqual([ds('public', 'date'), sales].sort());
    expect(m.columns[field(mv, 'qty')]).toEqual([field(sales, 'qtysold')]);
    expect(m.columns[field(mv, 'year')]).toEqual([field(ds('public', 'date'), 'year')]);
  });

  it('gives lineage of a view with quoted, mixed-case names', () => {
    const view = ds('Odd Schema', 'date');
    const mixed = ds('Odd Schema', 'Mixed Case');
    const quoted = ds('Odd Schema', 'quote"d');
    const l = lineageOf(run(), view);
    expect(l.upstreams).toEqual([mixed, quoted].sort());
    expect(l.columns).toEqual({
      [field(view, 'Id')]: [field(mixed, 'Id')],
      [field(view, 'Quoted Col')]: [field(mixed, 'quote"d')],
      [field(view, 'note')]: [field(quoted, 'note')],
    });
  });

  it("applies the seed recipe's transformers: tags on every dataset, the Sensitive term and the DBA owner on users", () => {
    const c = run();
    expect(c.aspect<Any>(users, 'globalTags')!.tags.map((t: Any) => t.tag)).toEqual(['urn:li:tag:AWS', 'urn:li:tag:111222333444', 'urn:li:tag:us-east-1']);
    expect(c.aspect<Any>(users, 'glossaryTerms')!.terms.map((t: Any) => t.urn)).toEqual(['urn:li:glossaryTerm:Classification.Sensitive']);
    expect(c.aspect<Any>(sales, 'glossaryTerms')).toBeUndefined();
    expect(c.aspect<Any>(users, 'ownership')!.owners).toEqual([
      expect.objectContaining({ owner: 'urn:li:corpuser:Database Administrators', type: 'DATAOWNER' }),
    ]);
    expect(c.aspect<Any>(sales, 'globalTags')!.tags).toHaveLength(3);
  });
}
