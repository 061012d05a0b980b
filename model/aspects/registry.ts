// The aspect registry (entity-registry style): for each aspect we know, its schema, the entity
// types that carry it, whether it is timeseries, and its PDL record name (the REST API answers
// with `{"<FQN>": {...}}`). Unknown aspects pass validation as opaque JSON objects: DataHub
// clients write many bookkeeping aspects we do not model, and newer versions add more.
import type { z } from 'zod';
import type { AspectValue } from '../mcp.js';
import { Container, ContainerProperties, BrowsePaths, BrowsePathsV2 } from './container.js';
import { DatasetProperties, EditableDatasetProperties, ViewProperties } from './dataset.js';
import { DomainProperties, Domains } from './domain.js';
import { DataPlatformInstance, Deprecation, InstitutionalMemory, Status, SubTypes } from './entity-common.js';
import { GlossaryNodeInfo, GlossaryRelatedTerms, GlossaryTermInfo } from './glossary.js';
import { CorpGroupInfo, CorpUserInfo } from './identity.js';
import { DataFlowInfo, DataJobInfo, DataJobInputOutput } from './job.js';
import { KEY_ASPECT_BY_ENTITY_TYPE, KEY_ASPECT_SCHEMAS } from './keys.js';
import { UpstreamLineage } from './lineage.js';
import { Ownership, OwnershipTypeInfo } from './ownership.js';
import { DatasetProfile, Operation } from './profile.js';
import { EditableSchemaMetadata, SchemaMetadata } from './schema.js';
import { formatIssues } from './errors.js';
import { GlobalTags, GlossaryTerms, TagProperties } from './tags-terms.js';

export interface AspectSpec {
  name: string;
  schema: z.ZodType;
  /** Entity types that carry the aspect (DataHub's entity-registry.yml, for the entities we model). */
  entityTypes: readonly string[];
  timeseries: boolean;
  /** Fully-qualified PDL record name, e.g. `com.linkedin.common.GlobalTags`. */
  fqn: string;
}

/** Timeseries aspects are appended, never versioned. Includes ones we do not validate. */
export const TIMESERIES_ASPECTS = new Set<string>([
  'datasetProfile', 'datasetUsageStatistics', 'operation', 'datahubIngestionCheckpoint', 'datahubIngestionRunSummary',
  'assertionRunEvent', 'dataProcessInstanceRunEvent', 'chartUsageStatistics', 'dashboardUsageStatistics',
  'queryUsageStatistics', 'documentUsageStatistics',
]);

export function isTimeseriesAspect(aspectName: string): boolean {
  return TIMESERIES_ASPECTS.has(aspectName);
}

// Entity types that carry most "asset" aspects.
const ML = ['mlModel', 'mlModelGroup', 'mlFeature', 'mlFeatureTable', 'mlPrimaryKey'];
const ASSETS = ['dataset', 'dataJob', 'dataFlow', 'chart', 'dashboard', 'container', 'notebook', ...ML];
const GLOSSARY = ['glossaryTerm', 'glossaryNode'];

const specs: AspectSpec[] = [];
function define(name: string, fqn: string, schema: z.ZodType, entityTypes: readonly string[]): void {
  specs.push({ name, fqn, schema, entityTypes, timeseries: TIMESERIES_ASPECTS.has(name) });
}

const C = 'com.linkedin.common.';
define('status', `${C}Status`, Status, [...ASSETS, ...GLOSSARY, 'tag', 'corpuser', 'corpGroup', 'schemaField', 'domain', 'dataProduct', 'query', 'dataPlatformInstance', 'ownershipType']);
define('subTypes', `${C}SubTypes`, SubTypes, [...ASSETS, 'schemaField']);
define('globalTags', `${C}GlobalTags`, GlobalTags, [...ASSETS, 'schemaField', 'corpuser', 'dataProduct', 'dataPlatformInstance']);
define('glossaryTerms', `${C}GlossaryTerms`, GlossaryTerms, [...ASSETS, 'schemaField', 'dataProduct']);
define('ownership', `${C}Ownership`, Ownership, [...ASSETS, ...GLOSSARY, 'tag', 'corpGroup', 'domain', 'dataProduct', 'dataPlatformInstance']);
define('institutionalMemory', `${C}InstitutionalMemory`, InstitutionalMemory, [...ASSETS, ...GLOSSARY, 'domain', 'dataProduct', 'dataPlatformInstance']);
define('deprecation', `${C}Deprecation`, Deprecation, [...ASSETS, 'glossaryTerm', 'tag', 'schemaField', 'dataPlatformInstance']);
define('dataPlatformInstance', `${C}DataPlatformInstance`, DataPlatformInstance, [...ASSETS, 'query']);
define('browsePaths', `${C}BrowsePaths`, BrowsePaths, [...ASSETS, 'glossaryTerm']);
define('browsePathsV2', `${C}BrowsePathsV2`, BrowsePathsV2, ASSETS);
define('operation', `${C}Operation`, Operation, ['dataset']);
define('container', 'com.linkedin.container.Container', Container, ASSETS);
define('containerProperties', 'com.linkedin.container.ContainerProperties', ContainerProperties, ['container']);
define('domains', 'com.linkedin.domain.Domains', Domains, [...ASSETS, 'glossaryTerm', 'dataProduct']);
define('domainProperties', 'com.linkedin.domain.DomainProperties', DomainProperties, ['domain']);
define('datasetProperties', 'com.linkedin.dataset.DatasetProperties', DatasetProperties, ['dataset']);
define('editableDatasetProperties', 'com.linkedin.dataset.EditableDatasetProperties', EditableDatasetProperties, ['dataset']);
define('viewProperties', 'com.linkedin.dataset.ViewProperties', ViewProperties, ['dataset']);
define('upstreamLineage', 'com.linkedin.dataset.UpstreamLineage', UpstreamLineage, ['dataset', 'chart']);
define('datasetProfile', 'com.linkedin.dataset.DatasetProfile', DatasetProfile, ['dataset']);
define('schemaMetadata', 'com.linkedin.schema.SchemaMetadata', SchemaMetadata, ['dataset', 'glossaryTerm', ...ML]);
define('editableSchemaMetadata', 'com.linkedin.schema.EditableSchemaMetadata', EditableSchemaMetadata, ['dataset']);
define('glossaryTermInfo', 'com.linkedin.glossary.GlossaryTermInfo', GlossaryTermInfo, ['glossaryTerm']);
define('glossaryNodeInfo', 'com.linkedin.glossary.GlossaryNodeInfo', GlossaryNodeInfo, ['glossaryNode']);
define('glossaryRelatedTerms', 'com.linkedin.glossary.GlossaryRelatedTerms', GlossaryRelatedTerms, ['glossaryTerm']);
define('tagProperties', 'com.linkedin.tag.TagProperties', TagProperties, ['tag']);
define('ownershipTypeInfo', 'com.linkedin.ownership.OwnershipTypeInfo', OwnershipTypeInfo, ['ownershipType']);
define('corpUserInfo', 'com.linkedin.identity.CorpUserInfo', CorpUserInfo, ['corpuser']);
define('corpGroupInfo', 'com.linkedin.identity.CorpGroupInfo', CorpGroupInfo, ['corpGroup']);
define('dataFlowInfo', 'com.linkedin.datajob.DataFlowInfo', DataFlowInfo, ['dataFlow']);
define('dataJobInfo', 'com.linkedin.datajob.DataJobInfo', DataJobInfo, ['dataJob']);
define('dataJobInputOutput', 'com.linkedin.datajob.DataJobInputOutput', DataJobInputOutput, ['dataJob']);
for (const [entityType, keyName] of Object.entries(KEY_ASPECT_BY_ENTITY_TYPE)) {
  const schema = KEY_ASPECT_SCHEMAS[keyName as keyof typeof KEY_ASPECT_SCHEMAS];
  const fqn = `com.linkedin.metadata.key.${keyName[0]!.toUpperCase()}${keyName.slice(1)}`;
  define(keyName, fqn, schema, [entityType]);
}

const SPECS = new Map(specs.map((s) => [s.name, s]));

/** The names of every aspect this registry validates. */
export const ASPECT_NAMES: readonly string[] = specs.map((s) => s.name);

export function aspectSpec(aspectName: string): AspectSpec | undefined {
  return SPECS.get(aspectName);
}

export function aspectSchema(aspectName: string): z.ZodType | undefined {
  return SPECS.get(aspectName)?.schema;
}

/** The entity types that carry a known aspect, or undefined for an aspect we do not model. */
export function entityTypesForAspect(aspectName: string): readonly string[] | undefined {
  return SPECS.get(aspectName)?.entityTypes;
}

/** The PDL record name of a known aspect (`globalTags` -> `com.linkedin.common.GlobalTags`). */
export function aspectFqn(aspectName: string): string | undefined {
  return SPECS.get(aspectName)?.fqn;
}

/** The key aspect's name for an entity type (`corpuser` -> `corpUserKey`), if we model it. */
export function keyAspectName(entityType: string): string | undefined {
  return Object.hasOwn(KEY_ASPECT_BY_ENTITY_TYPE, entityType) ? KEY_ASPECT_BY_ENTITY_TYPE[entityType] : undefined;
}

export type AspectValidation = { ok: true; value: AspectValue } | { ok: false; errors: string[] };

/**
 * Validates a known aspect against its DataHub shape. On success the value is returned exactly as
 * given (same object: unknown fields kept, no defaults filled in). Unknown aspects pass when they
 * are JSON objects. Errors read `schemaMetadata.fields[2].type: expected ...`.
 */
export function validateAspect(aspectName: string, value: unknown): AspectValidation {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return { ok: false, errors: [`${aspectName}: expected a JSON object, received ${got}`] };
  }
  const spec = SPECS.get(aspectName);
  if (!spec) return { ok: true, value: value as AspectValue };
  const result = spec.schema.safeParse(value);
  if (result.success) return { ok: true, value: value as AspectValue };
  return { ok: false, errors: formatIssues(aspectName, result.error.issues) };
}
