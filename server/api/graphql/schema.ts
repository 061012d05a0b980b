// The GraphQL schema: DataHub's shapes where they make sense (anchor-datahub.md §6), a subset
// that grows with the catalog. Search and lineage fields join when their services land.
export const typeDefs = /* GraphQL */ `
  scalar JSON
  scalar Long

  enum EntityType { DATASET CONTAINER GLOSSARY_TERM GLOSSARY_NODE TAG CORP_USER CORP_GROUP DATA_FLOW DATA_JOB DOMAIN OTHER }
  enum SubResourceType { DATASET_FIELD }
  enum OwnerEntityType { CORP_USER CORP_GROUP }
  enum ChangeCategory { TECHNICAL_SCHEMA }

  interface Entity { urn: String! type: EntityType! }

  type DataPlatform { urn: String! name: String! }
  type CustomPropertiesEntry { key: String! value: String }
  type Tag implements Entity { urn: String! type: EntityType! name: String! description: String }
  type TagAssociation { tag: Tag! context: String }
  type GlobalTags { tags: [TagAssociation!]! }
  type GlossaryTermAssociation { term: GlossaryTerm! }
  type GlossaryTerms { terms: [GlossaryTermAssociation!]! }
  type CorpUser implements Entity { urn: String! type: EntityType! username: String! }
  type Owner { owner: String! type: String! ownershipTypeUrn: String }
  type Ownership { owners: [Owner!]! }

  type DatasetProperties { name: String description: String qualifiedName: String customProperties: [CustomPropertiesEntry!]! }
  type SchemaField {
    fieldPath: String!
    type: String
    nativeDataType: String
    description: String
    nullable: Boolean!
    isPartOfKey: Boolean!
    tags: GlobalTags
    glossaryTerms: GlossaryTerms
  }
  type SchemaMetadata { name: String platformUrn: String version: Long primaryKeys: [String!] fields: [SchemaField!]! }
  type FieldProfile { fieldPath: String! uniqueCount: Long uniqueProportion: Float nullCount: Long nullProportion: Float min: String max: String mean: String median: String stdev: String sampleValues: [String!] }
  type DatasetProfile { timestampMillis: Long! rowCount: Long columnCount: Long sizeInBytes: Long fieldProfiles: [FieldProfile!]! }
  type Operation { timestampMillis: Long! operationType: String lastUpdatedTimestamp: Long customProperties: [CustomPropertiesEntry!] }
  type Upstream { dataset: String! type: String }

  type Dataset implements Entity {
    urn: String!
    type: EntityType!
    name: String!
    platform: DataPlatform!
    origin: String!
    properties: DatasetProperties
    editableDescription: String
    "schemaMetadata fields merged with the UI's edits (editableSchemaMetadata), as DataHub's UI shows them"
    schemaMetadata: SchemaMetadata
    tags: GlobalTags
    glossaryTerms: GlossaryTerms
    ownership: Ownership
    subTypes: [String!]!
    container: String
    removed: Boolean!
    upstreams: [Upstream!]!
    datasetProfiles(startTimeMillis: Long, endTimeMillis: Long, limit: Int): [DatasetProfile!]!
    operations(startTimeMillis: Long, endTimeMillis: Long, limit: Int): [Operation!]!
    "Every aspect, as stored"
    aspects: JSON!
  }

  type GlossaryTerm implements Entity {
    urn: String!
    type: EntityType!
    name: String!
    definition: String
    parentNode: GlossaryNode
    termSource: String
    customProperties: [CustomPropertiesEntry!]!
    "Terms this one inherits (IsA)"
    isA: [GlossaryTerm!]!
    "Terms that inherit this one"
    inheritedBy: [GlossaryTerm!]!
    hasA: [GlossaryTerm!]!
    relatedTerms: [GlossaryTerm!]!
    ownership: Ownership
    "Datasets carrying this term on the dataset or on one of its columns"
    datasets(limit: Int): [Dataset!]!
  }

  type GlossaryNode implements Entity {
    urn: String!
    type: EntityType!
    name: String!
    definition: String
    parentNode: GlossaryNode
    children: [GlossaryTerm!]!
    childNodes: [GlossaryNode!]!
  }

  "One field's change between two schema versions: ADDED, REMOVED, TYPE_CHANGED, NULLABILITY_CHANGED, DESCRIPTION_CHANGED"
  type SchemaFieldChange { fieldPath: String! change: String! before: String after: String "Breaks the compatibility rule against the previous version" breaking: Boolean! }
  "One distinct schema (by content hash) in a dataset's history"
  type SchemaVersion {
    version: Long!
    "When the catalog first stored it (ms)"
    createdAt: Long
    "When the version was created at its source (schemaMetadata created/lastModified time), null when unknown"
    sourceTime: Long
    hash: String
    schemaName: String
    fieldCount: Int!
    "The compatibility rule the version was judged under (the argument, else the dataset property schema.compatibility, else BACKWARD)"
    compatibility: String!
    "The change from the previous version (or, for *_TRANSITIVE rules, from any earlier one) breaks the rule"
    breaking: Boolean!
    breakingReasons: [String!]!
    changes: [SchemaFieldChange!]!
  }

  input TagAssociationInput { tagUrn: String! resourceUrn: String! subResourceType: SubResourceType subResource: String }
  input TermAssociationInput { termUrn: String! resourceUrn: String! subResourceType: SubResourceType subResource: String }
  input AddOwnerInput { ownerUrn: String! ownerEntityType: OwnerEntityType type: String ownershipTypeUrn: String resourceUrn: String! }
  input RemoveOwnerInput { ownerUrn: String! ownershipTypeUrn: String resourceUrn: String! }
  input DescriptionUpdateInput { description: String! resourceUrn: String! subResourceType: SubResourceType subResource: String }
  input CreateTagInput { id: String name: String! description: String }
  input CreateGlossaryEntityInput { id: String name: String! description: String parentNode: String }

  type Query {
    me: CorpUser!
    dataset(urn: String!): Dataset
    glossaryTerm(urn: String!): GlossaryTerm
    glossaryNode(urn: String!): GlossaryNode
    tag(urn: String!): Tag
    "Top-level glossary nodes and terms (no parent)"
    getRootGlossaryNodes: [GlossaryNode!]!
    getRootGlossaryTerms: [GlossaryTerm!]!
    "Schema versions of a dataset, oldest first, each distinct schema once, with the fields added, removed or changed in each and whether that breaks the compatibility rule (the one given, else the dataset's, else BACKWARD)"
    schemaTimeline(urn: String!, compatibility: String): [SchemaVersion!]!
  }

  type Mutation {
    addTag(input: TagAssociationInput!): Boolean
    removeTag(input: TagAssociationInput!): Boolean
    addTerm(input: TermAssociationInput!): Boolean
    removeTerm(input: TermAssociationInput!): Boolean
    addOwner(input: AddOwnerInput!): Boolean
    removeOwner(input: RemoveOwnerInput!): Boolean
    updateDescription(input: DescriptionUpdateInput!): Boolean
    createTag(input: CreateTagInput!): String
    createGlossaryTerm(input: CreateGlossaryEntityInput!): String
  }
`;
