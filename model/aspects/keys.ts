// Key aspects (metadata/key/*Key.pdl): the parts of an entity's URN as a record. A key aspect
// written as an ordinary MCP means "this entity exists".
import { z } from 'zod';
import { fabricType, urn } from './common.js';

const named = z.looseObject({ name: z.string() });
const withId = z.looseObject({ id: z.string() });

export const DatasetKeyAspect = z.looseObject({ platform: urn('dataPlatform'), name: z.string(), origin: fabricType });
export const SchemaFieldKeyAspect = z.looseObject({ parent: urn(), fieldPath: z.string() });
export const TagKeyAspect = named;
export const GlossaryTermKeyAspect = named;
export const GlossaryNodeKeyAspect = named;
export const CorpUserKeyAspect = z.looseObject({ username: z.string() });
export const CorpGroupKeyAspect = named;
export const DataPlatformKeyAspect = z.looseObject({ platformName: z.string() });
export const DataPlatformInstanceKeyAspect = z.looseObject({ platform: urn('dataPlatform'), instance: z.string() });
export const DataFlowKeyAspect = z.looseObject({ orchestrator: z.string(), flowId: z.string(), cluster: z.string() });
export const DataJobKeyAspect = z.looseObject({ flow: urn('dataFlow'), jobId: z.string() });
export const ContainerKeyAspect = z.looseObject({ guid: z.string().optional() });
export const DomainKeyAspect = withId;
export const OwnershipTypeKeyAspect = withId;
export const DataProductKeyAspect = withId;
export const QueryKeyAspect = withId;

export type DatasetKeyAspect = z.infer<typeof DatasetKeyAspect>;
export type SchemaFieldKeyAspect = z.infer<typeof SchemaFieldKeyAspect>;
export type TagKeyAspect = z.infer<typeof TagKeyAspect>;
export type GlossaryTermKeyAspect = z.infer<typeof GlossaryTermKeyAspect>;
export type GlossaryNodeKeyAspect = z.infer<typeof GlossaryNodeKeyAspect>;
export type CorpUserKeyAspect = z.infer<typeof CorpUserKeyAspect>;
export type CorpGroupKeyAspect = z.infer<typeof CorpGroupKeyAspect>;
export type DataPlatformKeyAspect = z.infer<typeof DataPlatformKeyAspect>;
export type DataPlatformInstanceKeyAspect = z.infer<typeof DataPlatformInstanceKeyAspect>;
export type DataFlowKeyAspect = z.infer<typeof DataFlowKeyAspect>;
export type DataJobKeyAspect = z.infer<typeof DataJobKeyAspect>;
export type ContainerKeyAspect = z.infer<typeof ContainerKeyAspect>;
export type DomainKeyAspect = z.infer<typeof DomainKeyAspect>;
export type OwnershipTypeKeyAspect = z.infer<typeof OwnershipTypeKeyAspect>;
export type DataProductKeyAspect = z.infer<typeof DataProductKeyAspect>;
export type QueryKeyAspect = z.infer<typeof QueryKeyAspect>;

/** Entity type -> the name of its key aspect (note `corpuser` -> `corpUserKey`). */
export const KEY_ASPECT_BY_ENTITY_TYPE: Readonly<Record<string, string>> = {
  dataset: 'datasetKey',
  schemaField: 'schemaFieldKey',
  tag: 'tagKey',
  glossaryTerm: 'glossaryTermKey',
  glossaryNode: 'glossaryNodeKey',
  corpuser: 'corpUserKey',
  corpGroup: 'corpGroupKey',
  dataPlatform: 'dataPlatformKey',
  dataPlatformInstance: 'dataPlatformInstanceKey',
  dataFlow: 'dataFlowKey',
  dataJob: 'dataJobKey',
  container: 'containerKey',
  domain: 'domainKey',
  ownershipType: 'ownershipTypeKey',
  dataProduct: 'dataProductKey',
  query: 'queryKey',
};

export const KEY_ASPECT_SCHEMAS = {
  datasetKey: DatasetKeyAspect,
  schemaFieldKey: SchemaFieldKeyAspect,
  tagKey: TagKeyAspect,
  glossaryTermKey: GlossaryTermKeyAspect,
  glossaryNodeKey: GlossaryNodeKeyAspect,
  corpUserKey: CorpUserKeyAspect,
  corpGroupKey: CorpGroupKeyAspect,
  dataPlatformKey: DataPlatformKeyAspect,
  dataPlatformInstanceKey: DataPlatformInstanceKeyAspect,
  dataFlowKey: DataFlowKeyAspect,
  dataJobKey: DataJobKeyAspect,
  containerKey: ContainerKeyAspect,
  domainKey: DomainKeyAspect,
  ownershipTypeKey: OwnershipTypeKeyAspect,
  dataProductKey: DataProductKeyAspect,
  queryKey: QueryKeyAspect,
} as const;

