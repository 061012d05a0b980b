// Dataset descriptions (dataset/DatasetProperties.pdl, EditableDatasetProperties.pdl,
// ViewProperties.pdl).
import { z } from 'zod';
import { TimeStamp, changeAuditStamps, customProperties, externalReference } from './common.js';

/** `tags` is a legacy string array; `uri` is deprecated. */
export const DatasetProperties = z.looseObject({
  ...customProperties,
  ...externalReference,
  name: z.string().optional(),
  qualifiedName: z.string().optional(),
  description: z.string().optional(),
  uri: z.string().optional(),
  created: TimeStamp.optional(),
  lastModified: TimeStamp.optional(),
  tags: z.array(z.string()).optional(),
});
export type DatasetProperties = z.infer<typeof DatasetProperties>;

/** What users edit in the UI; it overrides the ingested description. */
export const EditableDatasetProperties = z.looseObject({
  ...changeAuditStamps,
  description: z.string().optional(),
  name: z.string().optional(),
});
export type EditableDatasetProperties = z.infer<typeof EditableDatasetProperties>;

export const ViewProperties = z.looseObject({
  materialized: z.boolean().optional(),
  viewLogic: z.string(),
  formattedViewLogic: z.string().optional(),
  viewLanguage: z.string(),
});
export type ViewProperties = z.infer<typeof ViewProperties>;
