// Pipelines and tasks (datajob/DataFlowInfo.pdl, DataJobInfo.pdl, DataJobInputOutput.pdl).
import { z } from 'zod';
import { Edge, TimeStamp, customProperties, externalReference, fabricType, union, urn } from './common.js';
import { FineGrainedLineage } from './lineage.js';

export const DataFlowInfo = z.looseObject({
  ...customProperties,
  ...externalReference,
  name: z.string(),
  description: z.string().optional(),
  project: z.string().optional(),
  created: TimeStamp.optional(),
  lastModified: TimeStamp.optional(),
  env: fabricType.optional(),
});
export type DataFlowInfo = z.infer<typeof DataFlowInfo>;

export const AZKABAN_JOB_TYPES = ['COMMAND', 'HADOOP_JAVA', 'HADOOP_SHELL', 'HIVE', 'PIG', 'SQL', 'GLUE'] as const;

/** `type` is a union of a free string and the Azkaban enum: `{"string": "COMMAND"}`. */
export const DataJobInfo = z.looseObject({
  ...customProperties,
  ...externalReference,
  name: z.string(),
  description: z.string().optional(),
  type: union({
    string: z.string(),
    'com.linkedin.datajob.azkaban.AzkabanJobType': z.enum(AZKABAN_JOB_TYPES),
  }),
  flowUrn: urn('dataFlow').optional(),
  created: TimeStamp.optional(),
  lastModified: TimeStamp.optional(),
  status: z.string().optional(),
  env: fabricType.optional(),
});
export type DataJobInfo = z.infer<typeof DataJobInfo>;

/** `inputDatasets` and `outputDatasets` are deprecated in favour of the edge lists but still required. */
export const DataJobInputOutput = z.looseObject({
  inputDatasets: z.array(urn('dataset')),
  outputDatasets: z.array(urn('dataset')),
  inputDatasetEdges: z.array(Edge).optional(),
  outputDatasetEdges: z.array(Edge).optional(),
  inputDatajobs: z.array(urn('dataJob')).optional(),
  inputDatajobEdges: z.array(Edge).optional(),
  inputDatasetFields: z.array(urn('schemaField')).optional(),
  outputDatasetFields: z.array(urn('schemaField')).optional(),
  fineGrainedLineages: z.array(FineGrainedLineage).optional(),
});
export type DataJobInputOutput = z.infer<typeof DataJobInputOutput>;
