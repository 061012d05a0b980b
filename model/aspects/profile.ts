// Timeseries aspects of datasets (dataset/DatasetProfile.pdl, DatasetFieldProfile.pdl,
// common/Operation.pdl). Statistics (min, max, mean, quantile values...) are strings.
import { z } from 'zod';
import { float, long, stringMap, timeseriesAspectBase, urn } from './common.js';

export const DatasetFieldProfile = z.looseObject({
  fieldPath: z.string(),
  uniqueCount: long.optional(),
  uniqueProportion: float.optional(),
  nullCount: long.optional(),
  nullProportion: float.optional(),
  min: z.string().optional(),
  max: z.string().optional(),
  mean: z.string().optional(),
  median: z.string().optional(),
  stdev: z.string().optional(),
  quantiles: z.array(z.looseObject({ quantile: z.string(), value: z.string() })).optional(),
  distinctValueFrequencies: z.array(z.looseObject({ value: z.string(), frequency: long })).optional(),
  histogram: z.looseObject({ boundaries: z.array(z.string()), heights: z.array(float) }).optional(),
  sampleValues: z.array(z.string()).optional(),
});
export type DatasetFieldProfile = z.infer<typeof DatasetFieldProfile>;

export const DatasetProfile = z.looseObject({
  ...timeseriesAspectBase,
  rowCount: long.optional(),
  columnCount: long.optional(),
  fieldProfiles: z.array(DatasetFieldProfile).optional(),
  sizeInBytes: long.optional(),
});
export type DatasetProfile = z.infer<typeof DatasetProfile>;

export const OPERATION_TYPES = ['INSERT', 'UPDATE', 'DELETE', 'CREATE', 'ALTER', 'DROP', 'CUSTOM', 'UNKNOWN'] as const;

export const Operation = z.looseObject({
  ...timeseriesAspectBase,
  actor: urn().optional(),
  operationType: z.enum(OPERATION_TYPES),
  customOperationType: z.string().optional(),
  numAffectedRows: long.optional(),
  affectedDatasets: z.array(urn()).optional(),
  sourceType: z.string().optional(),
  customProperties: stringMap.optional(),
  lastUpdatedTimestamp: long,
  queries: z.array(urn()).optional(),
});
export type Operation = z.infer<typeof Operation>;
