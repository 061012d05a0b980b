// Dataset lineage (dataset/UpstreamLineage.pdl, Upstream.pdl, FineGrainedLineage.pdl). Lineage is
// stored on the downstream entity. Column-level edges name schemaField (or dataset) URNs.
import { z } from 'zod';
import { AuditStamp, float, stringMap, urn } from './common.js';

export const DATASET_LINEAGE_TYPES = ['COPY', 'TRANSFORMED', 'VIEW'] as const;
export const FINE_GRAINED_UPSTREAM_TYPES = ['FIELD_SET', 'DATASET', 'NONE'] as const;
export const FINE_GRAINED_DOWNSTREAM_TYPES = ['FIELD', 'FIELD_SET'] as const;

/** `auditStamp` defaults to the unknown actor at time 0. */
export const Upstream = z.looseObject({
  auditStamp: AuditStamp.optional(),
  created: AuditStamp.optional(),
  dataset: urn('dataset'),
  type: z.enum(DATASET_LINEAGE_TYPES),
  properties: stringMap.optional(),
  query: urn().optional(),
});
export type Upstream = z.infer<typeof Upstream>;

/** `confidenceScore` defaults to 1.0. */
export const FineGrainedLineage = z.looseObject({
  upstreamType: z.enum(FINE_GRAINED_UPSTREAM_TYPES),
  upstreams: z.array(urn()).optional(),
  downstreamType: z.enum(FINE_GRAINED_DOWNSTREAM_TYPES),
  downstreams: z.array(urn()).optional(),
  transformOperation: z.string().optional(),
  confidenceScore: float.optional(),
  query: urn().optional(),
});
export type FineGrainedLineage = z.infer<typeof FineGrainedLineage>;

export const UpstreamLineage = z.looseObject({
  upstreams: z.array(Upstream),
  fineGrainedLineages: z.array(FineGrainedLineage).optional(),
});
export type UpstreamLineage = z.infer<typeof UpstreamLineage>;
