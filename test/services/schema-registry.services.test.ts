// Smoke test for the real Apicurio Registry of scripts/services (schema-registry): the same Avro
// subject seen through the Confluent-compatible API (/apis/ccompat/v7) and the native APIs
// (/apis/registry/v2, the one the seeds' Debezium converters use, and /apis/registry/v3).
import { beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from './engines.js';

let base = '';
const CCOMPAT = '/apis/ccompat/v7';
const V2 = '/apis/registry/v2';
const V3 = '/apis/registry/v3';
// Storage is in memory but outlives a test run, so every run uses fresh subject names.
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

// Debezium's flattened value schema for moma.public.artists (seeds-streaming.md §1, (g)).
const optional = (name: string, type: string) => ({ name, type: ['null', type], default: null });
const artistsV1 = {
  type: 'record',
  name: 'Value',
  namespace: 'moma.public.artists',
  fields: [
    { name: 'artist_id', type: 'int' },
    optional('name', 'string'),
    optional('nationality', 'string'),
    optional('gender', 'string'),
    optional('birth_year', 'int'),
    optional('death_year', 'int'),
    optional('__op', 'string'),
    optional('__db', 'string'),
    optional('__table', 'string'),
    optional('__schema', 'string'),
    optional('__lsn', 'long'),
    optional('__source_ts_ms', 'long'),
    optional('__deleted', 'string'),
  ],
};
// A compatible evolution: one more optional column, as when the source table gains a column.
const artistsV2 = { ...artistsV1, fields: [...artistsV1.fields, optional('wiki_qid', 'string')] };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, json: json as any, text };
}

async function ok(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const res = await call(method, path, body, headers);
  if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path} -> ${res.status}: ${res.text}`);
  return res.json;
}

const ccompatRegister = (subject: string, schema: object) =>
  ok('POST', `${CCOMPAT}/subjects/${encodeURIComponent(subject)}/versions`, {
    schema: JSON.stringify(schema),
    schemaType: 'AVRO',
  }, { 'content-type': 'application/vnd.schemaregistry.v1+json' });

describe('schema-registry (Apicurio Registry)', () => {
  beforeAll(async () => {
    base = (await requireEngine('schema-registry')).url;
  });

  it('reports its version through the native API', async () => {
    const info = await ok('GET', `${V3}/system/info`);
    expect(info.name).toMatch(/Apicurio Registry/);
    expect(info.version).toMatch(/^3\./);
  });

  it('a subject registered through the Confluent API reads back through the native v2 and v3 APIs', async () => {
    const subject = `moma.public.artists-${run}-value`;
    const { id } = await ccompatRegister(subject, artistsV1);
    expect(typeof id).toBe('number');

    const latest = await ok('GET', `${CCOMPAT}/subjects/${subject}/versions/latest`);
    expect(latest).toMatchObject({ subject, version: 1, id });
    expect(JSON.parse(latest.schema)).toEqual(artistsV1);
    expect(JSON.parse((await ok('GET', `${CCOMPAT}/schemas/ids/${id}`)).schema)).toEqual(artistsV1);
    // the listing pages at 1,000 subjects by default; a registry shared with other runs may hold more
    expect(await ok('GET', `${CCOMPAT}/subjects?limit=100000`)).toContain(subject);

    // ccompat subjects live in the native `default` group, one artifact per subject.
    expect(await ok('GET', `${V3}/groups/default/artifacts/${subject}/versions/branch=latest/content`)).toEqual(artistsV1);
    const meta = await ok('GET', `${V3}/groups/default/artifacts/${subject}`);
    expect(meta).toMatchObject({ artifactId: subject, artifactType: 'AVRO' });
    expect(await ok('GET', `${V2}/groups/default/artifacts/${subject}`)).toEqual(artistsV1);
    expect(await ok('GET', `${V2}/groups/default/artifacts/${subject}/meta`)).toMatchObject({ id: subject, type: 'AVRO', version: '1' });
  });

  it('an artifact created through the native APIs reads back through the Confluent API', async () => {
    // v2, as the seeds' 10_create_schemas.py does it: raw schema body, id in X-Registry-ArtifactId.
    const viaV2 = `moma.public.artists-${run}-v2-value`;
    const created = await ok('POST', `${V2}/groups/default/artifacts`, JSON.stringify(artistsV1), {
      'content-type': 'application/json',
      'X-Registry-ArtifactId': viaV2,
      'X-Registry-ArtifactType': 'AVRO',
    });
    expect(created).toMatchObject({ id: viaV2, type: 'AVRO', version: '1' });
    const fromV2 = await ok('GET', `${CCOMPAT}/subjects/${viaV2}/versions/1`);
    expect(JSON.parse(fromV2.schema)).toEqual(artistsV1);

    // v3: JSON envelope with the first version's content.
    const viaV3 = `moma.public.artists-${run}-v3-value`;
    const v3 = await ok('POST', `${V3}/groups/default/artifacts`, {
      artifactId: viaV3,
      artifactType: 'AVRO',
      firstVersion: { content: { content: JSON.stringify(artistsV1), contentType: 'application/json' } },
    });
    expect(v3.artifact).toMatchObject({ artifactId: viaV3, artifactType: 'AVRO' });
    expect(v3.version).toMatchObject({ version: '1' });
    const fromV3 = await ok('GET', `${CCOMPAT}/subjects/${viaV3}/versions/latest`);
    expect(fromV3).toMatchObject({ subject: viaV3, version: 1 });
    expect(JSON.parse(fromV3.schema)).toEqual(artistsV1);
    // Both registries agree on the id: ccompat ids are the native content ids (the default,
    // non-legacy id mode), so the same Avro text has one id however it was registered.
    expect(fromV3.id).toBe(v3.version.contentId);
    expect(fromV2.id).toBe(fromV3.id);
  });

  it('evolves a subject to a second version and lists the versions through both APIs', async () => {
    const subject = `moma.public.artists-${run}-evolve-value`;
    await ok('PUT', `${CCOMPAT}/config/${subject}`, { compatibility: 'BACKWARD' });
    expect(await ok('GET', `${CCOMPAT}/config/${subject}`)).toMatchObject({ compatibilityLevel: 'BACKWARD' });

    const first = await ccompatRegister(subject, artistsV1);
    // Registering the same schema again is idempotent: same id, no new version.
    expect((await ccompatRegister(subject, artistsV1)).id).toBe(first.id);
    // The second version goes through the native v3 API.
    await ok('POST', `${V3}/groups/default/artifacts/${subject}/versions`, {
      content: { content: JSON.stringify(artistsV2), contentType: 'application/json' },
    });

    expect(await ok('GET', `${CCOMPAT}/subjects/${subject}/versions`)).toEqual([1, 2]);
    const v2 = await ok('GET', `${CCOMPAT}/subjects/${subject}/versions/2`);
    expect(JSON.parse(v2.schema)).toEqual(artistsV2);
    expect(v2.id).not.toBe(first.id);
    const native = await ok('GET', `${V3}/groups/default/artifacts/${subject}/versions`);
    expect(native.count).toBe(2);
    expect(native.versions.map((v: { version: string }) => v.version)).toEqual(['1', '2']);
    expect(await ok('GET', `${V3}/groups/default/artifacts/${subject}/versions/2/content`)).toEqual(artistsV2);

    // Unlike moto's Glue Schema Registry, Apicurio enforces the compatibility rule: dropping the
    // required key (and adding a required field without a default) is not BACKWARD-compatible.
    const incompatible = { ...artistsV1, fields: [{ name: 'artist_key', type: 'string' }] };
    const check = await call('POST', `${CCOMPAT}/compatibility/subjects/${subject}/versions/latest`, {
      schema: JSON.stringify(incompatible),
      schemaType: 'AVRO',
    });
    expect(check.status).toBe(200);
    expect(check.json.is_compatible).toBe(false);
    const rejected = await call('POST', `${CCOMPAT}/subjects/${subject}/versions`, {
      schema: JSON.stringify(incompatible),
      schemaType: 'AVRO',
    });
    expect(rejected.status).toBe(409);
    expect(await ok('GET', `${CCOMPAT}/subjects/${subject}/versions`)).toEqual([1, 2]);
  });
});
