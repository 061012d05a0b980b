import { describe, expect, it } from 'vitest';
import {
  aspectNameForRecord,
  entityTypeForSnapshot,
  mceToMcps,
  mcpsToMce,
  recordForAspectName,
  snapshotForEntityType,
} from '../../model/mce.js';

const termUrn = 'urn:li:glossaryTerm:Classification.Sensitive';

describe('legacy MetadataChangeEvents', () => {
  it('name an aspect by its record name with the first letter lower-cased', () => {
    expect(aspectNameForRecord('com.linkedin.common.Status')).toBe('status');
    expect(aspectNameForRecord('com.linkedin.dataset.DatasetProperties')).toBe('datasetProperties');
    expect(aspectNameForRecord('com.linkedin.schema.SchemaMetadata')).toBe('schemaMetadata');
    expect(aspectNameForRecord('com.linkedin.glossary.GlossaryRelatedTerms')).toBe('glossaryRelatedTerms');
    expect(aspectNameForRecord('com.linkedin.pegasus2avro.common.BrowsePathsV2')).toBe('browsePathsV2');
  });

  it('lower-case a leading ML acronym whole, and follow the @Aspect names of the model card records', () => {
    expect(aspectNameForRecord('com.linkedin.ml.metadata.MLModelProperties')).toBe('mlModelProperties');
    expect(aspectNameForRecord('com.linkedin.ml.metadata.EditableMLFeatureProperties')).toBe('editableMlFeatureProperties');
    expect(aspectNameForRecord('com.linkedin.ml.metadata.Metrics')).toBe('mlModelMetrics');
    expect(aspectNameForRecord('com.linkedin.ml.metadata.TrainingData')).toBe('mlModelTrainingData');
  });

  it('map snapshot names to entity types and back', () => {
    expect(entityTypeForSnapshot('com.linkedin.metadata.snapshot.DatasetSnapshot')).toBe('dataset');
    expect(entityTypeForSnapshot('com.linkedin.pegasus2avro.metadata.snapshot.GlossaryTermSnapshot')).toBe('glossaryTerm');
    expect(entityTypeForSnapshot('com.linkedin.metadata.snapshot.CorpUserSnapshot')).toBe('corpuser');
    expect(entityTypeForSnapshot('com.linkedin.metadata.snapshot.CorpGroupSnapshot')).toBe('corpGroup');
    expect(entityTypeForSnapshot('com.linkedin.metadata.snapshot.MLModelSnapshot')).toBe('mlModel');
    for (const t of ['dataset', 'glossaryNode', 'corpuser', 'corpGroup', 'dataJob', 'mlFeatureTable']) {
      expect(entityTypeForSnapshot(snapshotForEntityType(t))).toBe(t);
    }
  });

  it('become one UPSERT per snapshot aspect, with Avro namespaces rewritten and nulls dropped', () => {
    const mce = {
      auditHeader: null,
      proposedSnapshot: {
        'com.linkedin.pegasus2avro.metadata.snapshot.GlossaryTermSnapshot': {
          urn: termUrn,
          aspects: [
            { 'com.linkedin.pegasus2avro.glossary.GlossaryTermInfo': { definition: 'Sensitive Data', termSource: 'INTERNAL', sourceRef: null, customProperties: {} } },
            { 'com.linkedin.pegasus2avro.common.Ownership': { owners: [{ owner: 'urn:li:corpuser:datahub', type: 'DEVELOPER', source: null }], ownerTypes: {}, lastModified: { time: 0, actor: 'urn:li:corpuser:unknown' } } },
          ],
        },
      },
      proposedDelta: null,
      systemMetadata: { lastObserved: 1586847600000, runId: 'r1' },
    };
    expect(mceToMcps(mce)).toEqual([
      {
        entityType: 'glossaryTerm',
        entityUrn: termUrn,
        changeType: 'UPSERT',
        aspectName: 'glossaryTermInfo',
        aspect: { definition: 'Sensitive Data', termSource: 'INTERNAL', customProperties: {} },
        systemMetadata: { lastObserved: 1586847600000, runId: 'r1' },
      },
      {
        entityType: 'glossaryTerm',
        entityUrn: termUrn,
        changeType: 'UPSERT',
        aspectName: 'ownership',
        aspect: { owners: [{ owner: 'urn:li:corpuser:datahub', type: 'DEVELOPER' }], ownerTypes: {}, lastModified: { time: 0, actor: 'urn:li:corpuser:unknown' } },
        systemMetadata: { lastObserved: 1586847600000, runId: 'r1' },
      },
    ]);
  });

  it('rewrite nested union keys too (schema field types)', () => {
    const [mcp] = mceToMcps({
      proposedSnapshot: {
        'com.linkedin.pegasus2avro.metadata.snapshot.DatasetSnapshot': {
          urn: 'urn:li:dataset:(urn:li:dataPlatform:kafka,SampleKafkaDataset,PROD)',
          aspects: [{ 'com.linkedin.pegasus2avro.schema.SchemaMetadata': { fields: [{ fieldPath: 'a', type: { type: { 'com.linkedin.pegasus2avro.schema.StringType': {} } } }] } }],
        },
      },
    });
    expect(mcp!.entityType).toBe('dataset');
    expect(mcp!.aspect).toEqual({ fields: [{ fieldPath: 'a', type: { type: { 'com.linkedin.schema.StringType': {} } } }] });
  });

  it('are rejected with a reason when malformed', () => {
    expect(() => mceToMcps({ proposedSnapshot: {} })).toThrow('exactly one snapshot type');
    expect(() => mceToMcps({ proposedSnapshot: { 'com.linkedin.metadata.snapshot.TagSnapshot': { aspects: [] } } })).toThrow('urn must be a string');
    expect(() =>
      mceToMcps({ proposedSnapshot: { 'com.linkedin.metadata.snapshot.TagSnapshot': { urn: 'urn:li:tag:pii', aspects: [{ a: {}, b: {} }] } } }),
    ).toThrow('aspects[0] must be an object with exactly one aspect type');
  });

  it('can be rebuilt from the UPSERTs of one entity whose aspects the model knows', () => {
    const mcps = [
      { entityType: 'glossaryTerm', entityUrn: termUrn, changeType: 'UPSERT' as const, aspectName: 'glossaryTermInfo', aspect: { definition: 'd', termSource: 'INTERNAL' } },
      { entityType: 'glossaryTerm', entityUrn: termUrn, changeType: 'UPSERT' as const, aspectName: 'status', aspect: { removed: false } },
    ];
    const mce = mcpsToMce(mcps);
    expect(mce.proposedSnapshot).toEqual({
      'com.linkedin.metadata.snapshot.GlossaryTermSnapshot': {
        urn: termUrn,
        aspects: [{ 'com.linkedin.glossary.GlossaryTermInfo': { definition: 'd', termSource: 'INTERNAL' } }, { 'com.linkedin.common.Status': { removed: false } }],
      },
    });
    expect(mceToMcps(mce)).toEqual(mcps);
    expect(recordForAspectName('mlModelMetrics')).toBe('com.linkedin.ml.metadata.Metrics');
    expect(() => mcpsToMce([{ ...mcps[0]!, aspectName: 'somethingNew' }])).toThrow('no known record name for aspect somethingNew');
  });
});
