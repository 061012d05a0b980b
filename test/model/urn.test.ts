import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  UrnError,
  containerGuid,
  containerUrn,
  containerUrnForKey,
  corpGroupUrn,
  corpUserUrn,
  dataFlowUrn,
  dataJobUrn,
  dataPlatformInstanceUrn,
  dataPlatformUrn,
  datasetUrn,
  decodeUrnPart,
  domainUrn,
  encodeUrnPart,
  entityTypeOf,
  glossaryNodeUrn,
  glossaryTermUrn,
  isUrn,
  parseDatasetUrn,
  parseSchemaFieldUrn,
  parseUrn,
  schemaFieldUrn,
  tagUrn,
  urnName,
} from '../../model/index.js';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const ORDERS = 'urn:li:dataset:(urn:li:dataPlatform:postgres,mydb.public.orders,PROD)';

describe('dataset URNs', () => {
  it('are built from platform, name and env', () => {
    expect(datasetUrn('postgres', 'mydb.public.orders', 'PROD')).toBe(ORDERS);
  });

  it('default to the PROD env', () => {
    expect(datasetUrn('postgres', 'mydb.public.orders')).toBe(ORDERS);
  });

  it('upper-case a lower-case env as DataHub does', () => {
    expect(datasetUrn('postgres', 'mydb.public.orders', 'dev')).toBe(
      'urn:li:dataset:(urn:li:dataPlatform:postgres,mydb.public.orders,DEV)',
    );
  });

  it('prefix the name with the platform instance', () => {
    expect(datasetUrn('postgres', 'mydb.public.orders', 'PROD', 'prod_pg')).toBe(
      'urn:li:dataset:(urn:li:dataPlatform:postgres,prod_pg.mydb.public.orders,PROD)',
    );
  });

  it('accept a platform given as a URN', () => {
    expect(datasetUrn('urn:li:dataPlatform:postgres', 'mydb.public.orders')).toBe(ORDERS);
  });

  it('parse back into platform, name and env', () => {
    expect(parseDatasetUrn(ORDERS)).toEqual({ platform: 'postgres', name: 'mydb.public.orders', env: 'PROD' });
  });

  it('percent-encode commas and parentheses in the name and decode them when parsed', () => {
    const urn = datasetUrn('s3', 'bucket/a,b (copy)');
    expect(urn).toBe('urn:li:dataset:(urn:li:dataPlatform:s3,bucket/a%2Cb %28copy%29,PROD)');
    expect(parseDatasetUrn(urn).name).toBe('bucket/a,b (copy)');
  });

  it('leave a percent sign alone', () => {
    expect(datasetUrn('s3', 'a%2Cb')).toBe('urn:li:dataset:(urn:li:dataPlatform:s3,a%2Cb,PROD)');
  });

  it('reject an env that is not a DataHub fabric type', () => {
    expect(() => datasetUrn('postgres', 't', 'LOCAL')).toThrow(/env "LOCAL" is not one of DEV, TEST/);
    expect(() => parseDatasetUrn('urn:li:dataset:(urn:li:dataPlatform:postgres,t,LOCAL)')).toThrow(UrnError);
  });

  it('reject an empty name', () => {
    expect(() => datasetUrn('postgres', '')).toThrow('dataset name must not be empty');
  });
});

describe('schemaField URNs', () => {
  it('nest the parent dataset URN and the field path', () => {
    expect(schemaFieldUrn(ORDERS, 'customer_id')).toBe(
      'urn:li:schemaField:(urn:li:dataset:(urn:li:dataPlatform:postgres,mydb.public.orders,PROD),customer_id)',
    );
  });

  it('keep v2 field path brackets and encode commas', () => {
    const urn = schemaFieldUrn(ORDERS, '[version=2.0].[type=E].[type=map].a,b');
    expect(urn).toBe(`urn:li:schemaField:(${ORDERS},[version=2.0].[type=E].[type=map].a%2Cb)`);
    expect(parseSchemaFieldUrn(urn)).toEqual({ parent: ORDERS, fieldPath: '[version=2.0].[type=E].[type=map].a,b' });
  });

  it('require a parent URN', () => {
    expect(() => schemaFieldUrn('orders', 'id')).toThrow('schemaField parent must be a URN: orders');
    expect(() => parseSchemaFieldUrn('urn:li:schemaField:(orders,id)')).toThrow(/not a schemaField URN/);
  });
});

describe('simple URNs', () => {
  it('name tags, glossary terms and nodes', () => {
    expect(tagUrn('pii')).toBe('urn:li:tag:pii');
    expect(tagUrn('urn:li:tag:pii')).toBe('urn:li:tag:pii');
    expect(glossaryTermUrn('Classification.Sensitive')).toBe('urn:li:glossaryTerm:Classification.Sensitive');
    expect(glossaryNodeUrn('Classification')).toBe('urn:li:glossaryNode:Classification');
  });

  it('name users and groups, spaces included', () => {
    expect(corpUserUrn('jdoe@acme.com')).toBe('urn:li:corpuser:jdoe@acme.com');
    expect(corpUserUrn('Database Administrators')).toBe('urn:li:corpuser:Database Administrators');
    expect(parseUrn('urn:li:corpuser:Database Administrators')).toMatchObject({
      entityType: 'corpuser',
      id: 'Database Administrators',
      parts: ['Database Administrators'],
    });
    expect(corpGroupUrn('Trust and Safety')).toBe('urn:li:corpGroup:Trust and Safety');
  });

  it('name platforms and domains', () => {
    expect(dataPlatformUrn('kafka-connect')).toBe('urn:li:dataPlatform:kafka-connect');
    expect(domainUrn('Marketing')).toBe('urn:li:domain:Marketing');
    expect(urnName('urn:li:domain:Marketing')).toBe('Marketing');
  });

  it('treat an id with an unclosed parenthesis as a simple id, as DataHub does', () => {
    expect(parseUrn('urn:li:tag:(beta').parts).toEqual(['(beta']);
  });

  it('reject empty names', () => {
    expect(() => tagUrn('')).toThrow('tag name must not be empty');
  });
});

describe('dataPlatformInstance URNs', () => {
  it('pair the platform URN with the instance name', () => {
    expect(dataPlatformInstanceUrn('postgres', 'prod_pg')).toBe('urn:li:dataPlatformInstance:(urn:li:dataPlatform:postgres,prod_pg)');
  });
});

describe('container URNs', () => {
  it('hash the key as Python json.dumps(sort_keys, compact separators) does, without env', () => {
    const guid = md5('{"database":"mydb","platform":"postgres"}');
    expect(containerGuid({ platform: 'postgres', database: 'mydb' })).toBe(guid);
    expect(containerGuid({ platform: 'urn:li:dataPlatform:postgres', database: 'mydb', env: 'PROD' })).toBe(guid);
    expect(containerUrnForKey({ platform: 'postgres', database: 'mydb' })).toBe(`urn:li:container:${guid}`);
  });

  it('include schema and instance and drop absent values', () => {
    expect(containerGuid({ platform: 'postgres', database: 'mydb', schema: 'public', instance: null })).toBe(
      md5('{"database":"mydb","platform":"postgres","schema":"public"}'),
    );
    expect(containerGuid({ platform: 'postgres', instance: 'prod_pg', database: 'mydb' })).toBe(
      md5('{"database":"mydb","instance":"prod_pg","platform":"postgres"}'),
    );
  });

  it('escape non-ASCII characters as Python does (ensure_ascii)', () => {
    expect(containerGuid({ platform: 'postgres', database: 'café' })).toBe(md5('{"database":"caf\\u00e9","platform":"postgres"}'));
    expect(containerGuid({ platform: 'postgres', database: 'db😀' })).toBe(md5('{"database":"db\\ud83d\\ude00","platform":"postgres"}'));
    expect(containerGuid({ platform: 'postgres', database: 'a"b\\c\n' })).toBe(md5('{"database":"a\\"b\\\\c\\n","platform":"postgres"}'));
  });

  it('accept a guid or a container URN', () => {
    expect(containerUrn('51904fc8cd5cc729bc630decff284525')).toBe('urn:li:container:51904fc8cd5cc729bc630decff284525');
    expect(containerUrn('urn:li:container:51904fc8cd5cc729bc630decff284525')).toBe('urn:li:container:51904fc8cd5cc729bc630decff284525');
  });
});

describe('dataFlow and dataJob URNs', () => {
  it('default the flow cluster to lower-case prod', () => {
    expect(dataFlowUrn('airflow', 'my_dag')).toBe('urn:li:dataFlow:(airflow,my_dag,prod)');
  });

  it('prefix the flow id with the platform instance', () => {
    expect(dataFlowUrn('airflow', 'my_dag', 'dev', 'eu')).toBe('urn:li:dataFlow:(airflow,eu.my_dag,dev)');
  });

  it('nest the flow URN in the job URN', () => {
    const job = dataJobUrn(dataFlowUrn('airflow', 'my_dag'), 'my_task');
    expect(job).toBe('urn:li:dataJob:(urn:li:dataFlow:(airflow,my_dag,prod),my_task)');
    expect(parseUrn(job).parts).toEqual(['urn:li:dataFlow:(airflow,my_dag,prod)', 'my_task']);
  });

  it('refuse a job whose flow is not a dataFlow URN', () => {
    expect(() => dataJobUrn('airflow.my_dag', 'task')).toThrow('dataJob flow must be a dataFlow URN: airflow.my_dag');
  });
});

describe('parsing', () => {
  it('splits nested tuples at the top level only', () => {
    const field = schemaFieldUrn(ORDERS, 'id');
    const parsed = parseUrn(`urn:li:dataJob:(${field},x)`);
    expect(parsed.entityType).toBe('dataJob');
    expect(parsed.parts).toEqual([field, 'x']);
    expect(parseUrn(field).parts).toEqual([ORDERS, 'id']);
  });

  it('round-trips encoded parts', () => {
    for (const raw of ['a,b', '(x)', 'plain', 'a\u241fb']) {
      expect(decodeUrnPart(encodeUrnPart(raw))).toBe(raw);
    }
    expect(encodeUrnPart(ORDERS)).toBe(ORDERS);
  });

  it('round-trips every builder through parseUrn', () => {
    const urns = [
      ORDERS,
      schemaFieldUrn(ORDERS, 'a'),
      tagUrn('pii'),
      glossaryTermUrn('Classification.Sensitive'),
      corpGroupUrn('data-eng'),
      dataPlatformInstanceUrn('postgres', 'prod_pg'),
      dataFlowUrn('airflow', 'dag'),
      containerUrnForKey({ platform: 'postgres', database: 'mydb' }),
    ];
    for (const urn of urns) {
      const parsed = parseUrn(urn);
      expect(`urn:li:${parsed.entityType}:${parsed.id}`).toBe(urn);
      expect(isUrn(urn)).toBe(true);
    }
    expect(entityTypeOf(dataFlowUrn('airflow', 'dag'))).toBe('dataFlow');
  });

  it('rejects malformed URNs with a message that says what is wrong', () => {
    expect(() => parseUrn('dataset:foo')).toThrow('not a URN (must start with "urn:li:"): dataset:foo');
    expect(() => parseUrn('urn:li:tag')).toThrow('URN has no entity type: urn:li:tag');
    expect(() => parseUrn('urn:li:tag:')).toThrow('URN has an empty id: urn:li:tag:');
    expect(() => parseUrn('urn:li:dataset:(a,(b,c)')).toThrow('unbalanced parentheses in urn:li:dataset:(a,(b,c)');
    expect(() => parseUrn('urn:li:dataset:(a,b))')).toThrow('unbalanced parentheses');
    expect(() => parseUrn('urn:li:dataset:(urn:li:dataPlatform:pg,,PROD)')).toThrow('URN tuple part 2 is empty');
    expect(() => parseDatasetUrn('urn:li:dataset:(urn:li:dataPlatform:pg,t)')).toThrow(/not a dataset URN/);
    expect(() => parseDatasetUrn('urn:li:dataset:(postgres,t,PROD)')).toThrow('dataset URN platform must be a dataPlatform URN');
    expect(isUrn('nope')).toBe(false);
    expect(isUrn(42)).toBe(false);
  });
});
