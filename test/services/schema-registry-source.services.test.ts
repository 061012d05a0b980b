// The `schema-registry` source against the real Apicurio Registry (Confluent API through ccompat,
// native v3 and v2) and moto's Glue Schema Registry: every version as schema history with the
// registry's times, compatibility and references, the GraphQL timeline with diffs and breaking
// flags, re-runs that add no versions, and malformed schemas / a registry that is down reported
// while everything else is ingested.
import { CreateRegistryCommand, CreateSchemaCommand, DeleteRegistryCommand, GlueClient, RegisterSchemaVersionCommand, GetSchemaVersionCommand } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from './streaming/closed-port.js';
import { datasetUrn } from '../../model/urn.js';
import { requireEngine } from './engines.js';
import {
  addVersionV3, capture, CCOMPAT, createArtifactV3, registerCcompat, REGISTRY, runId, servedCatalog, setCompatibility, V3, versionsV3, type Aspect,
} from './streaming/harness.js';

const run = runId();
const optional = (name: string, type: string) => ({ name, type: ['null', type], default: null });
// The seeds' pagila.sales.avro-value, then two evolutions a registry under BACKWARD accepts.
const salesV1 = {
  name: 'Value', type: 'record', doc: 'Schema for pagila.sales.avro Kafka topic value',
  fields: [
    { name: 'payment_id', type: 'int' }, { name: 'customer_id', type: 'int' }, { name: 'amount', type: 'float' },
    { name: 'payment_date', type: 'long', logicalType: 'timestamp-millis' },
    { name: 'city', type: ['string', 'null'] }, { name: 'district', type: ['string', 'null'] }, { name: 'country', type: 'string' },
  ],
};
const salesV2 = { ...salesV1, fields: [...salesV1.fields, optional('region', 'string')] };
const salesV3 = { ...salesV2, fields: salesV2.fields.map((f) => (f.name === 'customer_id' ? { ...f, type: 'long' } : f)) };

const sub = (name: string) => `${name}-${run}`;
const subjectUrn = (platform: string, subject: string) => datasetUrn(platform, subject, 'PROD');
const ccompatConfig = (extra: Record<string, unknown> = {}) => ({
  schema_registry_url: CCOMPAT, subject_pattern: { allow: [`.*${run}.*`] }, ...extra,
});

beforeAll(async () => {
  await requireEngine('schema-registry');
  // Three versions under BACKWARD, registered through the Confluent API.
  await registerCcompat(sub('pagila.sales.csv'), salesV1);
  await setCompatibility(sub('pagila.sales.csv'), 'BACKWARD');
  await registerCcompat(sub('pagila.sales.csv'), salesV2);
  await registerCcompat(sub('pagila.sales.csv'), salesV3);
  // A breaking change, accepted under NONE, then the subject put under BACKWARD.
  await setCompatibility(sub('breaking'), 'NONE');
  await registerCcompat(sub('breaking'), { type: 'record', name: 'B', fields: [{ name: 'a', type: 'int' }, { name: 'b', type: 'string' }] });
  await registerCcompat(sub('breaking'), { type: 'record', name: 'B', fields: [{ name: 'a', type: 'int' }, { name: 'c', type: 'string' }] });
  await setCompatibility(sub('breaking'), 'BACKWARD');
  // References: a Person value referring to an Address subject by its full name.
  await registerCcompat(sub('acme.Address'), { type: 'record', name: 'Address', namespace: 'acme', fields: [{ name: 'city', type: 'string' }] });
  await registerCcompat(sub('person-value'), { type: 'record', name: 'Person', namespace: 'acme', fields: [{ name: 'name', type: 'string' }, { name: 'home', type: 'acme.Address' }] }, {
    references: [{ name: 'acme.Address', subject: sub('acme.Address'), version: 1 }],
  });
  // Malformed: invalid Avro, broken Protobuf, references that form a cycle (native API, no validity rule).
  await createArtifactV3(sub('bad-avro'), 'AVRO', JSON.stringify({ type: 'record', name: 'X', fields: [{ name: 'a', type: 'nosuchtype' }] }));
  await createArtifactV3(sub('bad-proto'), 'PROTOBUF', 'syntax = "proto3"; message M { string a = 1; int32 }');
  await createArtifactV3(sub('cycle-a'), 'AVRO', JSON.stringify({ type: 'record', name: 'A', fields: [{ name: 'b', type: 'B' }] }), [{ artifactId: sub('cycle-b'), version: '1', name: 'B' }]);
  await createArtifactV3(sub('cycle-b'), 'AVRO', JSON.stringify({ type: 'record', name: 'B', fields: [{ name: 'a', type: ['null', 'A'] }] }), [{ artifactId: sub('cycle-a'), version: '1', name: 'A' }]);
  // A Protobuf schema importing another, through the native API.
  await createArtifactV3(sub('common.proto'), 'PROTOBUF', 'syntax = "proto3"; package acme; message Money { string currency = 1; int64 units = 2; }');
  await createArtifactV3(sub('order-proto'), 'PROTOBUF', 'syntax = "proto3"; package acme; import "common.proto"; message Order { string id = 1; Money total = 2; repeated Order children = 3; }', [
    { artifactId: sub('common.proto'), version: '1', name: 'common.proto' },
  ]);
}, 120_000);

describe('the schema-registry source on the Confluent API (Apicurio ccompat)', () => {
  let got: Awaited<ReturnType<typeof capture>>;
  beforeAll(async () => {
    got = await capture('schema-registry', ccompatConfig());
  }, 120_000);

  it('emits every version of a subject oldest first, with its compatibility level and registry properties', () => {
    const urn = subjectUrn('confluent-schema-registry', sub('pagila.sales.csv'));
    const versions = got.all(urn, 'schemaMetadata');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions.map((v) => v.fields.length)).toEqual([7, 8, 8]);
    expect(versions[0]!.fields.find((f: Aspect) => f.fieldPath.endsWith('.payment_date'))).toMatchObject({
      fieldPath: '[version=2.0].[type=Value].[type=long].payment_date', type: { type: { 'com.linkedin.schema.TimeType': {} } }, nullable: false,
    });
    expect(new Set(versions.map((v) => v.hash)).size).toBe(3);
    expect(got.aspect(urn, 'datasetProperties')).toMatchObject({
      name: sub('pagila.sales.csv'), description: 'Schema for pagila.sales.avro Kafka topic value',
      customProperties: { 'schema.compatibility': 'BACKWARD', 'schema.type': 'AVRO', 'schema.version': '3', 'schema.versions': '3', 'schema.registry': 'confluent' },
    });
    expect(got.aspect(urn, 'subTypes')).toEqual({ typeNames: ['Schema'] });
  });

  it('resolves references to describe the referencing schema, and lists them as a property', () => {
    const urn = subjectUrn('confluent-schema-registry', sub('person-value'));
    const fields = got.aspect(urn, 'schemaMetadata')!.fields.map((f: Aspect) => f.fieldPath);
    expect(fields).toEqual([
      '[version=2.0].[type=Person].[type=string].name',
      '[version=2.0].[type=Person].[type=Address].home',
      '[version=2.0].[type=Person].[type=Address].home.[type=string].city',
    ]);
    expect(JSON.parse(got.aspect(urn, 'datasetProperties')!.customProperties['schema.references'])).toEqual([{ name: 'acme.Address', subject: sub('acme.Address'), version: 1 }]);
  });

  it('reports invalid Avro, broken Protobuf and cyclic references by subject and version, and ingests everything else', () => {
    const report = got.result.sourceReport!.toJSON() as Aspect;
    const malformed = report.warnings.filter((w: Aspect) => w.title === 'Malformed schema');
    const text = JSON.stringify(malformed);
    expect(text).toContain(`${sub('bad-avro')} version 1`);
    expect(text).toMatch(/invalid-avro: invalid Avro schema: .*nosuchtype/);
    expect(text).toContain(`${sub('bad-proto')} version 1`);
    expect(text).toContain(`cyclic-reference: cyclic schema references: ${sub('cycle-a')}@1 -> ${sub('cycle-b')}@1 -> ${sub('cycle-a')}@1`);
    expect(report.malformed_schemas).toBe(4); // bad-avro, bad-proto, cycle-a, cycle-b
    expect(report.failures.map((f: Aspect) => f.title)).toEqual(['No readable version']);
    // The malformed subjects are still datasets (properties, no schema); the good ones are whole.
    expect(got.aspect(subjectUrn('confluent-schema-registry', sub('bad-avro')), 'schemaMetadata')).toBeUndefined();
    expect(got.aspect(subjectUrn('confluent-schema-registry', sub('bad-avro')), 'datasetProperties')).toBeDefined();
    expect(got.urns()).toContain(subjectUrn('confluent-schema-registry', sub('pagila.sales.csv')));
    expect(got.result.exitCode).toBe(1);
  });

  it('converts a Protobuf subject with its import and marks the recursive message', () => {
    const urn = subjectUrn('confluent-schema-registry', sub('order-proto'));
    const fields = got.aspect(urn, 'schemaMetadata')!.fields as Aspect[];
    expect(fields.map((f) => f.fieldPath)).toEqual([
      '[version=2.0].[type=acme_Order].[type=string].id',
      '[version=2.0].[type=acme_Order].[type=acme_Money].total',
      '[version=2.0].[type=acme_Order].[type=acme_Money].total.[type=string].currency',
      '[version=2.0].[type=acme_Order].[type=acme_Money].total.[type=long].units',
      '[version=2.0].[type=acme_Order].[type=array].[type=acme_Order].children',
    ]);
    expect(fields.at(-1)!.recursive).toBe(true);
  });
});

describe('the schema-registry source on Apicurio\'s native APIs', () => {
  it('reads v3 and v2 alike, with each version\'s registration time as its source time', async () => {
    const artifact = sub('native');
    await createArtifactV3(artifact, 'AVRO', JSON.stringify(salesV1));
    await new Promise((r) => setTimeout(r, 1100)); // registration times have second precision
    await addVersionV3(artifact, JSON.stringify(salesV2));
    const registered = await versionsV3(artifact);
    const times = registered.map((v) => Date.parse(v.createdOn));
    for (const url of [V3, `${REGISTRY}/apis/registry/v2`]) {
      const got = await capture('schema-registry', { schema_registry_url: url, schema_registry_type: 'apicurio', subject_pattern: { allow: [artifact] } });
      const versions = got.all(subjectUrn('apicurio-registry', artifact), 'schemaMetadata');
      expect(versions.map((v) => v.created.time)).toEqual(times);
      expect(versions.map((v) => v.lastModified.time)).toEqual(times);
      expect(versions.map((v) => v.fields.length)).toEqual([7, 8]);
    }
  }, 60_000);
});

describe('schema history in the catalog', () => {
  let served: Awaited<ReturnType<typeof servedCatalog>>;
  beforeAll(async () => {
    served = await servedCatalog();
  });
  afterAll(async () => served?.close());

  const timeline = (urn: string) =>
    served.gql(`{ schemaTimeline(urn: "${urn}") { version hash sourceTime compatibility breaking breakingReasons changes { fieldPath change before after breaking } } }`);

  it('shows a schema evolved in the registry as three versions with the right diffs, none breaking under BACKWARD', async () => {
    const result = await served.ingest('schema-registry', ccompatConfig({ subject_pattern: { allow: [sub('pagila.sales.csv')] } }));
    expect(result.exitCode).toBe(0);
    const urn = subjectUrn('confluent-schema-registry', sub('pagila.sales.csv'));
    const { schemaTimeline: versions } = await timeline(urn);
    expect(versions).toHaveLength(3);
    expect(versions.map((v: Aspect) => v.compatibility)).toEqual(['BACKWARD', 'BACKWARD', 'BACKWARD']);
    expect(versions[0].changes.map((c: Aspect) => `${c.change} ${c.fieldPath}`)).toHaveLength(7);
    expect(versions[1].changes).toEqual([{ fieldPath: '[version=2.0].[type=Value].[type=string].region', change: 'ADDED', before: null, after: 'string', breaking: false }]);
    expect(versions[2].changes).toEqual([
      { fieldPath: '[version=2.0].[type=Value].[type=long].customer_id', change: 'TYPE_CHANGED', before: 'int', after: 'long', breaking: false },
    ]);
    expect(versions.map((v: Aspect) => v.breaking)).toEqual([false, false, false]);
  }, 60_000);

  it('adds no version when the same registry is ingested again', async () => {
    const urn = subjectUrn('confluent-schema-registry', sub('pagila.sales.csv'));
    const before = await served.catalog.store.getAspectVersions(urn, 'schemaMetadata');
    const again = await served.ingest('schema-registry', ccompatConfig({ subject_pattern: { allow: [sub('pagila.sales.csv')] } }));
    expect(again.exitCode).toBe(0);
    const after = await served.catalog.store.getAspectVersions(urn, 'schemaMetadata');
    expect(after.map((v) => v.version).sort()).toEqual(before.map((v) => v.version).sort());
    expect((await timeline(urn)).schemaTimeline).toHaveLength(3);
  }, 60_000);

  it('flags a change the subject\'s BACKWARD rule forbids: a required field added, and says why', async () => {
    await served.ingest('schema-registry', ccompatConfig({ subject_pattern: { allow: [sub('breaking')] } }));
    const { schemaTimeline: versions } = await timeline(subjectUrn('confluent-schema-registry', sub('breaking')));
    expect(versions).toHaveLength(2);
    expect(versions[1].breaking).toBe(true);
    expect(versions[1].changes).toEqual([
      { fieldPath: '[version=2.0].[type=B].[type=string].c', change: 'ADDED', before: null, after: 'string', breaking: true },
      { fieldPath: '[version=2.0].[type=B].[type=string].b', change: 'REMOVED', before: 'string', after: null, breaking: false },
    ]);
    expect(versions[1].breakingReasons).toEqual(['field c added without a default: the new schema cannot read data written without it']);
    // Asked what FORWARD would say: the removal of a required field is what breaks.
    const forward = await served.gql(`{ schemaTimeline(urn: "${subjectUrn('confluent-schema-registry', sub('breaking'))}", compatibility: "FORWARD") { compatibility breakingReasons } }`);
    expect(forward.schemaTimeline[1]).toEqual({ compatibility: 'FORWARD', breakingReasons: ['required field b removed: readers on the old schema cannot read new data'] });
  }, 60_000);

  it('uses the registry\'s registration times as the versions\' source times (native API)', async () => {
    const artifact = sub('timed');
    await createArtifactV3(artifact, 'AVRO', JSON.stringify(salesV1));
    await addVersionV3(artifact, JSON.stringify(salesV2));
    const registered = await versionsV3(artifact);
    await served.ingest('schema-registry', { schema_registry_url: V3, schema_registry_type: 'apicurio', subject_pattern: { allow: [artifact] } });
    const { schemaTimeline: versions } = await timeline(subjectUrn('apicurio-registry', artifact));
    expect(versions.map((v: Aspect) => v.sourceTime)).toEqual(registered.map((v) => Date.parse(v.createdOn)));
  }, 60_000);
});

describe('a schema registry that is down', () => {
  it('is one failure naming the registry, without credentials, and the run ends with exit code 1', async () => {
    const port = await closedPort();
    const got = await capture('schema-registry', {
      schema_registry_url: `http://127.0.0.1:${port}/apis/ccompat/v7`,
      schema_registry_config: { 'basic.auth.user.info': 'admin:s3cret-pw' },
    });
    const report = got.result.sourceReport!.toJSON() as Aspect;
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ title: 'Schema registry unreachable' });
    expect(report.failures[0].message).toBe(`cannot reach the schema registry at http://127.0.0.1:${port}/apis/ccompat/v7/subjects?offset=0&limit=1000: ECONNREFUSED`);
    expect(JSON.stringify(got.result.toJSON())).not.toContain('s3cret-pw');
    expect(got.mcps).toHaveLength(0);
    expect(got.result.exitCode).toBe(1);
  });
});

describe('the schema-registry source on the Glue Schema Registry (moto)', () => {
  const aws = { region: 'us-east-1', endpoint: 'http://127.0.0.1:55000', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  const registry = `catalog-${run}`;
  let glue: GlueClient;
  beforeAll(async () => {
    await requireEngine('moto');
    glue = new GlueClient(aws);
    await glue.send(new CreateRegistryCommand({ RegistryName: registry }));
    await glue.send(new CreateSchemaCommand({ RegistryId: { RegistryName: registry }, SchemaName: 'pagila.public.actor-value', DataFormat: 'AVRO', Compatibility: 'BACKWARD', SchemaDefinition: JSON.stringify(salesV1) }));
    await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { RegistryName: registry, SchemaName: 'pagila.public.actor-value' }, SchemaDefinition: JSON.stringify(salesV2) }));
    await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { RegistryName: registry, SchemaName: 'pagila.public.actor-value' }, SchemaDefinition: JSON.stringify(salesV3) }));
  }, 60_000);
  afterAll(async () => {
    await glue?.send(new DeleteRegistryCommand({ RegistryId: { RegistryName: registry } })).catch(() => {});
    glue?.destroy();
  });

  it('reads every version with its creation time and the schema\'s compatibility', async () => {
    const got = await capture('schema-registry', {
      schema_registry_type: 'glue',
      schema_registry_url: aws.endpoint,
      schema_registry_config: { region: 'us-east-1', aws_access_key_id: 'testing', aws_secret_access_key: 'testing', registry_names: [registry], schema_names: ['pagila.public.actor-value', 'no-such-schema'] },
    });
    expect(got.result.exitCode).toBe(0);
    const urn = subjectUrn('glue-schema-registry', `${registry}/pagila.public.actor-value`);
    expect(got.urns()).toEqual([urn]);
    const versions = got.all(urn, 'schemaMetadata');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const first = await glue.send(new GetSchemaVersionCommand({ SchemaId: { RegistryName: registry, SchemaName: 'pagila.public.actor-value' }, SchemaVersionNumber: { VersionNumber: 1 } }));
    expect(versions[0]!.created.time).toBe(Date.parse(`${String(first.CreatedTime).replace(' ', 'T')}Z`));
    expect(got.aspect(urn, 'datasetProperties')!.customProperties).toMatchObject({ 'schema.compatibility': 'BACKWARD', 'schema.registry': 'glue', 'schema.group': registry });
  }, 60_000);
});
