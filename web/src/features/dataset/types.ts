export interface TagsValue {
  tags: Array<{ tag: { urn: string; name: string } }>;
}
export interface TermsValue {
  terms: Array<{ term: { urn: string; name: string } }>;
}
export interface Field {
  fieldPath: string;
  type: string | null;
  nativeDataType: string | null;
  description: string | null;
  nullable: boolean;
  isPartOfKey: boolean;
  tags: TagsValue | null;
  glossaryTerms: TermsValue | null;
}
export interface Dataset {
  urn: string;
  name: string;
  origin: string;
  platform: { name: string };
  subTypes: string[];
  container: string | null;
  removed: boolean;
  properties: { name: string | null; description: string | null; qualifiedName: string | null; customProperties: Array<{ key: string; value: string | null }> } | null;
  editableDescription: string | null;
  tags: TagsValue | null;
  glossaryTerms: TermsValue | null;
  ownership: { owners: Array<{ owner: string; type: string }> } | null;
  upstreams: Array<{ dataset: string; type: string | null }>;
  schemaMetadata: { name: string | null; version: number | null; primaryKeys: string[] | null; fields: Field[] } | null;
}
export interface DatasetData {
  viewer: { canEdit: boolean };
  dataset: Dataset | null;
}
