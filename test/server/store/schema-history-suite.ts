// The store's schemaMetadata rule (server/store/schema-versions.ts), run against each store
// implementation: each distinct schema enters the history once, so a source that re-emits its
// whole history oldest first on every run adds nothing; a schema that really comes back later is
// a new version; an older one never replaces the latest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMcp } from '../../../model/mcp.js';
import { InProcessEventBus } from '../../../server/events/bus.js';
import type { MetadataStore } from '../../../server/store/store.js';
import type { MakeStore } from './store-suite.js';

let counter = 0;
const freshUrn = () => `urn:li:dataset:(urn:li:dataPlatform:suite,schemas.t_${process.pid}_${++counter},PROD)`;

/** A schemaMetadata with one field per name, a hash and a source time (0 = unknown). */
const schema = (hash: string, time: number, fields: string[]) => ({
    schemaName: 't', platform: 'urn:li:dataPlatform:suite', version: 0, hash,
    created: { time, actor: 'urn:li:corpuser:unknown' }, lastModified: { time, actor: 'urn:li:corpuser:unknown' },
    platformSchema: { 'com.linkedin.schema.OtherSchema': { rawSchema: hash } },
    fields: fields.map((f) => ({ fieldPath: f, nullable: false, type: { type: { 'com.linkedin.schema.StringType': {} } }, nativeDataType: 'string', recursive: false, isPartOfKey: false })),
});
const at = (urn: string, value: ReturnType<typeof schema>) => makeMcp(urn, 'schemaMetadata', value);

export function runSchemaHistorySuite(label: string, makeStore: MakeStore): void {
  describe(`schema history in the store: ${label}`, () => {
    let store: MetadataStore;
    beforeAll(async () => {
      store = await makeStore(new InProcessEventBus({ onSubscriberError: () => {} }));
    });
    afterAll(async () => store?.close());

    const hashes = async (urn: string) =>
      (await store.getAspectVersions(urn, 'schemaMetadata')).sort((a, b) => (a.version === 0 ? 1 : b.version === 0 ? -1 : a.version - b.version)).map((v) => v.value.hash);

    it('keeps three versions emitted oldest first, and adds none when they are emitted again, in one batch or many', async () => {
      const urn = freshUrn();
      const history = [schema('h1', 1000, ['a']), schema('h2', 2000, ['a', 'b']), schema('h3', 3000, ['a', 'b', 'c'])];
      await store.apply(history.map((m) => at(urn, m)));
      expect(await hashes(urn)).toEqual(['h1', 'h2', 'h3']);
      const again = await store.apply(history.map((m) => at(urn, m)));
      expect(again.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
      expect(again.logs).toHaveLength(0);
      for (const m of history) await store.apply([at(urn, m)]);
      expect(await hashes(urn)).toEqual(['h1', 'h2', 'h3']);
    });

    it('applies the hash rule alone when the source gives no times (Confluent API)', async () => {
      const urn = freshUrn();
      const history = [schema('h1', 0, ['a']), schema('h2', 0, ['a', 'b']), schema('h3', 0, ['a', 'b', 'c'])];
      await store.apply(history.map((m) => at(urn, m)));
      await store.apply(history.map((m) => at(urn, m)));
      expect(await hashes(urn)).toEqual(['h1', 'h2', 'h3']);
      // A new schema after them is a new version.
      await store.apply([...history, schema('h4', 0, ['d'])].map((m) => at(urn, m)));
      expect(await hashes(urn)).toEqual(['h1', 'h2', 'h3', 'h4']);
    });

    it('stores a schema that comes back later, with a newer time, as a new version', async () => {
      const urn = freshUrn();
      await store.apply([schema('h1', 1000, ['a']), schema('h2', 2000, ['b']), schema('h1', 3000, ['a'])].map((m) => at(urn, m)));
      expect(await hashes(urn)).toEqual(['h1', 'h2', 'h1']);
      // Re-emitting that history (a Hudi timeline, say) adds nothing.
      await store.apply([schema('h1', 1000, ['a']), schema('h2', 2000, ['b']), schema('h1', 3000, ['a'])].map((m) => at(urn, m)));
      expect(await hashes(urn)).toEqual(['h1', 'h2', 'h1']);
    });

    it('never replaces the latest schema with one the source says is older', async () => {
      const urn = freshUrn();
      await store.apply([at(urn, schema('h3', 3000, ['c']))]);
      const result = await store.apply([at(urn, schema('h0', 500, ['z']))]);
      expect(result.results[0]!.outcome).toBe('unchanged');
      expect(await hashes(urn)).toEqual(['h3']);
    });

    it('leaves aspects without a hash to the ordinary rule (any change is a version)', async () => {
      const urn = freshUrn();
      await store.apply([schema('', 0, ['a']), schema('', 0, ['a', 'b']), schema('', 0, ['a'])].map((m) => at(urn, m)));
      expect((await store.getAspectVersions(urn, 'schemaMetadata')).length).toBe(3);
    });
  });
}
