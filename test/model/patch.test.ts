// DataHub-style PATCH: JSON-Patch over aspects whose identified arrays are patched as maps.
import { describe, expect, it } from 'vitest';
import { applyPatch, escapePointerSegment, parsePointer, PatchError } from '../../model/patch.js';

const ctx = { now: 1000, actor: 'urn:li:corpuser:test' };

describe('applyPatch', () => {
  it('adds a tag by urn and leaves the existing ones in place', () => {
    const current = { tags: [{ tag: 'urn:li:tag:a', context: 'keep' }] };
    const next = applyPatch('globalTags', current, [{ op: 'add', path: '/tags/urn:li:tag:b', value: { tag: 'urn:li:tag:b' } }]);
    expect(next).toEqual({ tags: [{ tag: 'urn:li:tag:a', context: 'keep' }, { tag: 'urn:li:tag:b' }] });
    expect(current.tags).toHaveLength(1);
  });

  it('treats removing what is not there as a no-op, so replayed patches do not fail', () => {
    expect(applyPatch('globalTags', { tags: [] }, [{ op: 'remove', path: '/tags/urn:li:tag:x' }])).toEqual({ tags: [] });
  });

  it('starts from the aspect default when there is no current value', () => {
    expect(applyPatch('glossaryTerms', null, [{ op: 'add', path: '/terms/urn:li:glossaryTerm:t', value: { urn: 'urn:li:glossaryTerm:t' } }], ctx)).toEqual({
      terms: [{ urn: 'urn:li:glossaryTerm:t' }],
      auditStamp: { time: 1000, actor: 'urn:li:corpuser:test' },
    });
    expect(applyPatch('status', null, [{ op: 'add', path: '/removed', value: true }])).toEqual({ removed: true });
  });

  it('keys owners by owner urn then ownership type', () => {
    const current = { owners: [{ owner: 'urn:li:corpuser:a', type: 'DATAOWNER' }], ownerTypes: {}, lastModified: { time: 0, actor: 'x' } };
    const next = applyPatch('ownership', current, [
      { op: 'add', path: '/owners/urn:li:corpuser:a/TECHNICAL_OWNER', value: { owner: 'urn:li:corpuser:a', type: 'TECHNICAL_OWNER' } },
      { op: 'remove', path: '/owners/urn:li:corpuser:a/DATAOWNER' },
      { op: 'add', path: '/owners/urn:li:corpGroup:g/CUSTOM', value: { typeUrn: 'urn:li:ownershipType:steward' } },
    ]);
    expect(next.owners).toEqual([
      { owner: 'urn:li:corpuser:a', type: 'TECHNICAL_OWNER' },
      { owner: 'urn:li:corpGroup:g', type: 'CUSTOM', typeUrn: 'urn:li:ownershipType:steward' },
    ]);
  });

  it('patches domains and datasetProperties tags as sets of strings, customProperties by key', () => {
    expect(applyPatch('domains', { domains: ['urn:li:domain:a'] }, [{ op: 'add', path: '/domains/urn:li:domain:b', value: 'urn:li:domain:b' }])).toEqual({
      domains: ['urn:li:domain:a', 'urn:li:domain:b'],
    });
    const props = applyPatch('datasetProperties', { name: 'n', customProperties: { k: '1' }, tags: ['x'] }, [
      { op: 'add', path: '/customProperties/a~1b~0c', value: '2' },
      { op: 'remove', path: '/tags/x' },
    ]);
    expect(props).toEqual({ name: 'n', customProperties: { k: '1', 'a/b~c': '2' }, tags: [] });
  });

  it('keys upstreams by dataset urn', () => {
    const up = 'urn:li:dataset:(urn:li:dataPlatform:pg,db.a,PROD)';
    const next = applyPatch('upstreamLineage', { upstreams: [{ dataset: up, type: 'VIEW' }] }, [
      { op: 'add', path: `/upstreams/${escapePointerSegment('urn:li:dataset:(urn:li:dataPlatform:pg,db.b,PROD)')}`, value: { dataset: 'urn:li:dataset:(urn:li:dataPlatform:pg,db.b,PROD)', type: 'COPY' } },
      { op: 'remove', path: `/upstreams/${up}` },
    ]);
    expect(next.upstreams).toEqual([{ dataset: 'urn:li:dataset:(urn:li:dataPlatform:pg,db.b,PROD)', type: 'COPY' }]);
  });

  it('patches fine-grained lineage as /<transformOperation>/<downstream>/<query>/<upstream>', () => {
    const down = 'urn:li:schemaField:(urn:li:dataset:(urn:li:dataPlatform:pg,db.v,PROD),id)';
    const up1 = 'urn:li:schemaField:(urn:li:dataset:(urn:li:dataPlatform:pg,db.t,PROD),id)';
    const up2 = 'urn:li:schemaField:(urn:li:dataset:(urn:li:dataPlatform:pg,db.t,PROD),key)';
    const current = {
      upstreams: [],
      fineGrainedLineages: [{ upstreamType: 'FIELD_SET', upstreams: [up1], downstreamType: 'FIELD', downstreams: [down], transformOperation: 'COPY', confidenceScore: 1 }],
    };
    const next = applyPatch('upstreamLineage', current, [{ op: 'add', path: `/fineGrainedLineages/COPY/${down}/NONE/${up2}`, value: { confidenceScore: 0.5 } }]);
    expect(next.fineGrainedLineages).toEqual([
      { upstreamType: 'FIELD_SET', upstreams: [up1, up2], downstreamType: 'FIELD', downstreams: [down], confidenceScore: 0.5, transformOperation: 'COPY' },
    ]);
  });

  it('reaches tags and terms inside editableSchemaFieldInfo by field path, creating the field entry', () => {
    const next = applyPatch('editableSchemaMetadata', { editableSchemaFieldInfo: [{ fieldPath: 'id', description: 'key' }] }, [
      { op: 'add', path: '/editableSchemaFieldInfo/email/globalTags/tags/urn:li:tag:pii', value: { tag: 'urn:li:tag:pii' } },
      { op: 'add', path: '/editableSchemaFieldInfo/id/glossaryTerms/terms/urn:li:glossaryTerm:k', value: { urn: 'urn:li:glossaryTerm:k' } },
    ]);
    expect(next.editableSchemaFieldInfo).toEqual([
      { fieldPath: 'id', description: 'key', glossaryTerms: { terms: [{ urn: 'urn:li:glossaryTerm:k' }] } },
      { fieldPath: 'email', globalTags: { tags: [{ tag: 'urn:li:tag:pii' }] } },
    ]);
  });

  it('supports replace, copy, move and test on plain fields, and fails a test that does not hold', () => {
    const next = applyPatch('somethingElse', { a: 1, b: { c: [1, 2] } }, [
      { op: 'replace', path: '/a', value: 2 },
      { op: 'copy', from: '/b/c', path: '/d' },
      { op: 'move', from: '/a', path: '/e' },
      { op: 'add', path: '/d/-', value: 3 },
      { op: 'test', path: '/b', value: { c: [1, 2] } },
    ]);
    expect(next).toEqual({ b: { c: [1, 2] }, d: [1, 2, 3], e: 2 });
    expect(() => applyPatch('status', { removed: false }, [{ op: 'test', path: '/removed', value: true }])).toThrow(PatchError);
  });

  it('unescapes RFC 6901 segments', () => {
    expect(parsePointer('/a~1b/c~0d/~01')).toEqual(['a/b', 'c~d', '~1']);
    expect(escapePointerSegment('a/b~c')).toBe('a~1b~0c');
  });
});
