// Legacy MetadataChangeEvent (MCE) snapshots, as older DataHub sources and files carry them:
//   {"proposedSnapshot": {"com.linkedin.metadata.snapshot.DatasetSnapshot": {"urn": "...",
//     "aspects": [{"com.linkedin.common.Status": {"removed": false}}, ...]}}}
// An MCE is nothing more than several UPSERTs of one entity, so it is read as one MCP per aspect.
// Names may carry Avro's `com.linkedin.pegasus2avro.` namespace (DataHub's file sink writes it);
// it is rewritten to `com.linkedin.` and nulls are dropped, as DataHub's `pre_json_transform` does.
import type { AspectValue, MetadataChangeProposal, SystemMetadata } from './mcp.js';
import { entityTypeOf } from './urn.js';

export class MceFormatError extends Error {
  override name = 'MceFormatError';
}

export interface MetadataChangeEvent {
  auditHeader?: Record<string, unknown> | null;
  proposedSnapshot: Record<string, { urn: string; aspects: Array<Record<string, AspectValue>> }>;
  proposedDelta?: null;
  systemMetadata?: SystemMetadata | null;
}

const AVRO_NS = 'com.linkedin.pegasus2avro.';
const PDL_NS = 'com.linkedin.';

/** DataHub's `pre_json_transform`: Avro namespaces become PDL ones in union keys, nulls are dropped. */
export function preJsonTransform(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(preJsonTransform);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0]!.includes(AVRO_NS)) {
    return { [keys[0]!.replace(AVRO_NS, PDL_NS)]: preJsonTransform(obj[keys[0]!]) };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined) out[k] = preJsonTransform(v);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Aspect record names. The aspect name is the record name with its first letter lower-cased
// (`com.linkedin.common.Status` -> `status`), a leading `ML` acronym lower-cased as a whole
// (`MLModelProperties` -> `mlModelProperties`), except where the PDL `@Aspect` annotation names
// it otherwise (the ML model card aspects below).

const ASPECT_NAME_EXCEPTIONS: Record<string, string> = {
  'com.linkedin.ml.metadata.Metrics': 'mlModelMetrics',
  'com.linkedin.ml.metadata.TrainingData': 'mlModelTrainingData',
  'com.linkedin.ml.metadata.EvaluationData': 'mlModelEvaluationData',
  'com.linkedin.ml.metadata.QuantitativeAnalyses': 'mlModelQuantitativeAnalyses',
  'com.linkedin.ml.metadata.EthicalConsiderations': 'mlModelEthicalConsiderations',
  'com.linkedin.ml.metadata.CaveatsAndRecommendations': 'mlModelCaveatsAndRecommendations',
  'com.linkedin.ml.metadata.MLModelFactorPrompts': 'mlModelFactorPrompts',
};

/** Record FQNs of the aspects the model knows, for the way back (aspect name -> record). */
const KNOWN_ASPECT_RECORDS = [
  'com.linkedin.common.Status', 'com.linkedin.common.Ownership', 'com.linkedin.common.GlobalTags',
  'com.linkedin.common.GlossaryTerms', 'com.linkedin.common.InstitutionalMemory', 'com.linkedin.common.BrowsePaths',
  'com.linkedin.common.BrowsePathsV2', 'com.linkedin.common.SubTypes', 'com.linkedin.common.DataPlatformInstance',
  'com.linkedin.common.Deprecation', 'com.linkedin.common.Siblings', 'com.linkedin.common.Operation',
  'com.linkedin.container.Container', 'com.linkedin.container.ContainerProperties', 'com.linkedin.domain.Domains',
  'com.linkedin.domain.DomainProperties', 'com.linkedin.dataset.DatasetProperties',
  'com.linkedin.dataset.EditableDatasetProperties', 'com.linkedin.dataset.UpstreamLineage',
  'com.linkedin.dataset.DatasetProfile', 'com.linkedin.dataset.DatasetUsageStatistics', 'com.linkedin.dataset.ViewProperties',
  'com.linkedin.dataset.DatasetDeprecation', 'com.linkedin.schema.SchemaMetadata', 'com.linkedin.schema.EditableSchemaMetadata',
  'com.linkedin.glossary.GlossaryTermInfo', 'com.linkedin.glossary.GlossaryNodeInfo', 'com.linkedin.glossary.GlossaryRelatedTerms',
  'com.linkedin.tag.TagProperties', 'com.linkedin.identity.CorpUserInfo', 'com.linkedin.identity.CorpUserEditableInfo',
  'com.linkedin.identity.CorpUserStatus', 'com.linkedin.identity.CorpGroupInfo', 'com.linkedin.identity.GroupMembership',
  'com.linkedin.datajob.DataFlowInfo', 'com.linkedin.datajob.DataJobInfo', 'com.linkedin.datajob.DataJobInputOutput',
  'com.linkedin.datajob.EditableDataFlowProperties', 'com.linkedin.datajob.EditableDataJobProperties',
  'com.linkedin.chart.ChartInfo', 'com.linkedin.dashboard.DashboardInfo', 'com.linkedin.dataplatform.DataPlatformInfo',
  'com.linkedin.ml.metadata.MLModelProperties', 'com.linkedin.ml.metadata.MLFeatureProperties',
  'com.linkedin.ml.metadata.MLPrimaryKeyProperties', 'com.linkedin.ml.metadata.MLFeatureTableProperties',
  'com.linkedin.ml.metadata.MLModelGroupProperties', 'com.linkedin.ml.metadata.Metrics',
  'com.linkedin.ml.metadata.TrainingData', 'com.linkedin.ml.metadata.EvaluationData',
  'com.linkedin.ml.metadata.QuantitativeAnalyses', 'com.linkedin.ml.metadata.EthicalConsiderations',
  'com.linkedin.ml.metadata.CaveatsAndRecommendations', 'com.linkedin.ml.metadata.MLModelFactorPrompts',
  'com.linkedin.ml.metadata.SourceCode', 'com.linkedin.ml.metadata.Cost',
  'com.linkedin.metadata.key.DatasetKey', 'com.linkedin.metadata.key.GlossaryTermKey', 'com.linkedin.metadata.key.GlossaryNodeKey',
  'com.linkedin.metadata.key.CorpUserKey', 'com.linkedin.metadata.key.CorpGroupKey', 'com.linkedin.metadata.key.TagKey',
];

function normaliseFqn(fqn: string): string {
  return fqn.startsWith(AVRO_NS) ? PDL_NS + fqn.slice(AVRO_NS.length) : fqn;
}

function recordName(fqn: string): string {
  return fqn.slice(fqn.lastIndexOf('.') + 1);
}

/** `com.linkedin.common.Status` -> `status`; `...MLModelProperties` -> `mlModelProperties`. */
export function aspectNameForRecord(fqn: string): string {
  const pdl = normaliseFqn(fqn);
  const exception = ASPECT_NAME_EXCEPTIONS[pdl];
  if (exception) return exception;
  const name = recordName(pdl);
  if (!name) throw new MceFormatError(`not an aspect record name: ${fqn}`);
  const ml = /^(Editable)?ML(?=[A-Z])/.exec(name);
  if (ml) return ml[1] ? `editableMl${name.slice(ml[0].length)}` : `ml${name.slice(2)}`;
  return name[0]!.toLowerCase() + name.slice(1);
}

const RECORD_BY_ASPECT = new Map(KNOWN_ASPECT_RECORDS.map((fqn) => [aspectNameForRecord(fqn), fqn]));

/** The record FQN of a known aspect (`status` -> `com.linkedin.common.Status`), or null. */
export function recordForAspectName(aspectName: string): string | null {
  return RECORD_BY_ASPECT.get(aspectName) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Snapshot names: `com.linkedin.metadata.snapshot.<Entity>Snapshot`.

const ENTITY_BY_SNAPSHOT: Record<string, string> = {
  CorpUserSnapshot: 'corpuser',
  CorpGroupSnapshot: 'corpGroup',
  MLModelSnapshot: 'mlModel',
  MLModelGroupSnapshot: 'mlModelGroup',
  MLModelDeploymentSnapshot: 'mlModelDeployment',
  MLFeatureSnapshot: 'mlFeature',
  MLFeatureTableSnapshot: 'mlFeatureTable',
  MLPrimaryKeySnapshot: 'mlPrimaryKey',
};
const SNAPSHOT_NS = 'com.linkedin.metadata.snapshot.';

/** `com.linkedin.metadata.snapshot.GlossaryTermSnapshot` -> `glossaryTerm`. */
export function entityTypeForSnapshot(fqn: string): string {
  const name = recordName(normaliseFqn(fqn));
  if (!name.endsWith('Snapshot') || name === 'Snapshot') throw new MceFormatError(`not a snapshot name: ${fqn}`);
  const known = ENTITY_BY_SNAPSHOT[name];
  if (known) return known;
  const base = name.slice(0, -'Snapshot'.length);
  return base[0]!.toLowerCase() + base.slice(1);
}

export function snapshotForEntityType(entityType: string): string {
  const known = Object.entries(ENTITY_BY_SNAPSHOT).find(([, e]) => e === entityType);
  if (known) return SNAPSHOT_NS + known[0];
  return `${SNAPSHOT_NS}${entityType[0]!.toUpperCase()}${entityType.slice(1)}Snapshot`;
}

// ---------------------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function isMce(value: unknown): boolean {
  return isObject(value) && 'proposedSnapshot' in value;
}

/** One UPSERT proposal per snapshot aspect, in snapshot order, carrying the MCE's systemMetadata. */
export function mceToMcps(mce: unknown): MetadataChangeProposal[] {
  if (!isObject(mce)) throw new MceFormatError('change event must be an object');
  const snapshotUnion = mce.proposedSnapshot;
  if (!isObject(snapshotUnion)) throw new MceFormatError('proposedSnapshot must be an object');
  const names = Object.keys(snapshotUnion);
  if (names.length !== 1) throw new MceFormatError(`proposedSnapshot must have exactly one snapshot type, found ${names.length}`);
  const snapshotName = names[0]!;
  const snapshot = snapshotUnion[snapshotName];
  if (!isObject(snapshot)) throw new MceFormatError(`${snapshotName} must be an object`);
  const urn = snapshot.urn;
  if (typeof urn !== 'string') throw new MceFormatError(`${snapshotName}.urn must be a string`);
  let entityType: string;
  try {
    entityType = entityTypeForSnapshot(snapshotName);
  } catch {
    entityType = entityTypeOf(urn);
  }
  if (!Array.isArray(snapshot.aspects)) throw new MceFormatError(`${snapshotName}.aspects must be a list`);
  const systemMetadata = isObject(mce.systemMetadata) ? (preJsonTransform(mce.systemMetadata) as SystemMetadata) : undefined;

  return snapshot.aspects.map((union, i) => {
    if (!isObject(union) || Object.keys(union).length !== 1) {
      throw new MceFormatError(`${snapshotName}.aspects[${i}] must be an object with exactly one aspect type`);
    }
    const [fqn, value] = Object.entries(union)[0]!;
    if (!isObject(value)) throw new MceFormatError(`${snapshotName}.aspects[${i}] (${fqn}) must be an object`);
    const mcp: MetadataChangeProposal = {
      entityType,
      entityUrn: urn,
      changeType: 'UPSERT',
      aspectName: aspectNameForRecord(fqn),
      aspect: preJsonTransform(value) as AspectValue,
    };
    if (systemMetadata) mcp.systemMetadata = systemMetadata;
    return mcp;
  });
}

/** The way back, for UPSERTs of one entity whose aspects the model knows by record name. */
export function mcpsToMce(mcps: MetadataChangeProposal[]): MetadataChangeEvent {
  const first = mcps[0];
  if (!first) throw new MceFormatError('an MCE needs at least one aspect');
  const aspects = mcps.map((mcp) => {
    if (mcp.entityUrn !== first.entityUrn) throw new MceFormatError(`an MCE holds one entity: ${mcp.entityUrn} is not ${first.entityUrn}`);
    if (mcp.changeType !== 'UPSERT' || !mcp.aspectName || !isObject(mcp.aspect)) {
      throw new MceFormatError(`only UPSERTs with an aspect fit in an MCE (${mcp.entityUrn} ${mcp.aspectName ?? mcp.changeType})`);
    }
    const fqn = recordForAspectName(mcp.aspectName);
    if (!fqn) throw new MceFormatError(`no known record name for aspect ${mcp.aspectName}`);
    return { [fqn]: mcp.aspect };
  });
  const mce: MetadataChangeEvent = {
    proposedSnapshot: { [snapshotForEntityType(first.entityType)]: { urn: first.entityUrn, aspects } },
  };
  if (first.systemMetadata) mce.systemMetadata = first.systemMetadata;
  return mce;
}
