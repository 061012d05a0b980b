// The committed fixtures (Spark-written, 0.x and 1.x layouts, CoW and MoR) ingest with the facts
// recorded in expected.json.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateAspect } from '../../../../model/aspects/registry.js';
import { expected, FIXTURES, hudiUrn, ingest, type Captured } from './harness.js';

let run: Captured;
beforeAll(async () => {
  run = await ingest({ root: FIXTURES });
});

describe('hudi source on the committed fixtures', () => {
  it('discovers every table under the root, and not the metadata tables inside .hoodie', () => {
    expect(run.urns()).toEqual(expected.map((t) => hudiUrn(path.join(FIXTURES, t.path))).sort());
    expect(run.result.sourceReport!.failures.toJSON()).toEqual([]);
    expect(run.result.sourceReport!.warnings.toJSON()).toEqual([]);
  });

  it('emits aspects the catalog accepts', () => {
    for (const m of run.mcps) expect(validateAspect(m.aspectName!, m.aspect), `${m.entityUrn} ${m.aspectName}`).toMatchObject({ ok: true });
  });

  describe.each(expected.map((t) => [`${t.layout}/${t.name}`, t] as const))('%s', (_, t) => {
    const urn = hudiUrn(path.join(FIXTURES, t.path));

    it('has the type, version, keys and partitioning of hoodie.properties', () => {
      const props = run.aspect(urn, 'datasetProperties')!;
      expect(props.name).toBe(t.name);
      expect(props.customProperties).toMatchObject({
        'hudi.table.name': t.name,
        'hudi.table.type': t.tableType,
        'hudi.table.version': String(t.tableVersion),
        'hudi.timeline.layout': t.tableVersion >= 8 ? '1.x' : '0.x',
        'hudi.timeline.layout.version': String(t.timelineLayoutVersion),
        'hudi.record.key.fields': t.recordKey.join(','),
        'hudi.precombine.field': t.precombineField,
        'hudi.key.generator': t.keyGenerator,
        'hudi.base.file.format': t.baseFileFormat,
      });
      expect(props.customProperties['hudi.partition.fields']).toBe(t.partitionFields.length ? t.partitionFields.join(',') : undefined);
      expect(run.aspect(urn, 'subTypes')).toEqual({ typeNames: ['Table'] });
    });

    it('counts the completed commits, deltacommits and compactions, and lists them as time-travel points', () => {
      const custom = run.aspect(urn, 'datasetProperties')!.customProperties;
      const count = (k: string) => Number(custom[`hudi.timeline.completed.${k}`] ?? 0);
      expect({ commit: count('commit'), deltacommit: count('deltacommit'), compaction: count('compaction') }).toEqual({
        commit: t.completed.commit,
        deltacommit: t.completed.deltacommit,
        compaction: t.completed.compaction,
      });
      expect(custom['hudi.time_travel_points']).toBe(t.commits.map((c) => c.instant).join(','));
      expect(custom['hudi.latest.instant']).toBe(t.commits.at(-1)!.instant);
    });

    it('has the latest commit schema, with the added column, the _hoodie_ meta columns and the keys marked', () => {
      const schema = run.aspect(urn, 'schemaMetadata')!;
      const fields = schema.fields as Array<{ fieldPath: string; description?: string; isPartOfKey: boolean; isPartitioningKey?: boolean }>;
      const meta = fields.filter((f) => f.fieldPath.startsWith('_hoodie_'));
      expect(meta.map((f) => f.fieldPath)).toEqual(['_hoodie_commit_time', '_hoodie_commit_seqno', '_hoodie_record_key', '_hoodie_partition_path', '_hoodie_file_name']);
      for (const f of meta) expect(f.description).toMatch(/^Hudi meta column/);
      expect(fields.filter((f) => !f.fieldPath.startsWith('_hoodie_')).map((f) => f.fieldPath)).toEqual(t.latest.schemaFields);
      expect(fields.filter((f) => f.isPartOfKey).map((f) => f.fieldPath)).toEqual(t.recordKey);
      expect(fields.filter((f) => f.isPartitioningKey).map((f) => f.fieldPath)).toEqual(t.partitionFields);
      expect(schema.platform).toBe('urn:li:dataPlatform:hudi');
    });

    it('backfills the schema history: one schemaMetadata per distinct commit schema, oldest first', () => {
      const distinct = t.commits.map((c) => c.schemaFields.join(',')).filter((s, i, a) => i === 0 || a[i - 1] !== s);
      const emitted = run.all(urn, 'schemaMetadata').map((s) =>
        (s.fields as Array<{ fieldPath: string }>).map((f) => f.fieldPath).filter((p) => !p.startsWith('_hoodie_')).join(','),
      );
      expect(emitted).toEqual(distinct);
      expect(run.aspect(urn, 'datasetProperties')!.customProperties['hudi.schema_versions']).toBe(String(distinct.length));
    });

    it('emits one operation per completed commit, at the instant time, with its operation type and write counts', () => {
      const ops = run.all(urn, 'operation');
      expect(ops.map((o) => o.customProperties.instant_time)).toEqual(t.commits.map((c) => c.instant));
      expect(ops.map((o) => o.customProperties.hudi_operation_type)).toEqual(t.commits.map((c) => c.operationType));
      expect(ops.map((o) => o.customProperties.completion_time)).toEqual(t.commits.map((c) => c.completionTime));
      const mapped = { INSERT: 'INSERT', UPSERT: 'UPDATE', DELETE: 'DELETE', COMPACT: 'CUSTOM' } as Record<string, string>;
      expect(ops.map((o) => o.operationType)).toEqual(t.commits.map((c) => mapped[c.operationType]));
      const first = ops[0]!;
      expect(first.timestampMillis).toBe(Date.UTC(+t.commits[0]!.instant.slice(0, 4), +t.commits[0]!.instant.slice(4, 6) - 1,
        +t.commits[0]!.instant.slice(6, 8), +t.commits[0]!.instant.slice(8, 10), +t.commits[0]!.instant.slice(10, 12),
        +t.commits[0]!.instant.slice(12, 14), +t.commits[0]!.instant.slice(14, 17)));
      expect(Number(first.customProperties.records_inserted)).toBeGreaterThan(0);
      expect(Number(first.customProperties.bytes_written)).toBeGreaterThan(0);
      expect(Number(first.customProperties.files_touched)).toBeGreaterThan(0);
      const deletes = ops.find((o) => o.operationType === 'DELETE')!;
      expect(Number(deletes.customProperties.records_deleted)).toBeGreaterThan(0);
    });
  });
});
