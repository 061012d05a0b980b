// Which lineage edges each aspect implies, read from the aspect value alone (DataHub's
// @Relationship annotations, LineageRegistry directions). Lineage is stored on the downstream
// entity; every edge here is written in data-flow direction, upstream -> downstream.
//   upstreamLineage on D:  U -> D  (D DownstreamOf U; type COPY | TRANSFORMED | VIEW)
//                          fineGrainedLineages: each upstream field -> each downstream field
//   dataJobInputOutput on J: input dataset -> J (J Consumes it), J -> output dataset (J Produces it),
//                          input job -> J (J DownstreamOf it), input/output fields likewise (column level),
//                          fineGrainedLineages as above.
// Container membership (IsPartOf) is not lineage and is not kept here.
import type { LineageEdge, LineageRelationship } from './lineage-graph.js';

export const LINEAGE_ASPECTS = ['upstreamLineage', 'dataJobInputOutput'] as const;

export function isLineageAspect(aspectName: string | undefined): boolean {
  return (LINEAGE_ASPECTS as readonly string[]).includes(aspectName ?? '');
}

type Json = Record<string, unknown>;

/** The edges `aspectName` with `value` on entity `urn` implies; deduplicated, malformed entries skipped. */
export function edgesOf(urn: string, aspectName: string, value: Json | null | undefined): LineageEdge[] {
  if (!value) return [];
  const edges = new EdgeList();
  if (aspectName === 'upstreamLineage') {
    for (const up of list(value.upstreams)) {
      const dataset = str(up.dataset);
      if (dataset) edges.add({ upstream: dataset, downstream: urn, relationship: 'DownstreamOf', fine: false, lineageType: str(up.type), via: str(up.query) });
    }
    fineGrained(edges, value.fineGrainedLineages);
  } else if (aspectName === 'dataJobInputOutput') {
    const inputs = [...urns(value.inputDatasets), ...list(value.inputDatasetEdges).map((e) => str(e.destinationUrn))];
    const outputs = [...urns(value.outputDatasets), ...list(value.outputDatasetEdges).map((e) => str(e.destinationUrn))];
    const jobs = [...urns(value.inputDatajobs), ...list(value.inputDatajobEdges).map((e) => str(e.destinationUrn))];
    for (const input of inputs) if (input) edges.add({ upstream: input, downstream: urn, relationship: 'Consumes', fine: false });
    for (const output of outputs) if (output) edges.add({ upstream: urn, downstream: output, relationship: 'Produces', fine: false });
    for (const job of jobs) if (job) edges.add({ upstream: job, downstream: urn, relationship: 'DownstreamOf', fine: false });
    for (const field of urns(value.inputDatasetFields)) edges.add({ upstream: field, downstream: urn, relationship: 'Consumes', fine: true });
    for (const field of urns(value.outputDatasetFields)) edges.add({ upstream: urn, downstream: field, relationship: 'Produces', fine: true });
    fineGrained(edges, value.fineGrainedLineages);
  }
  return edges.values();
}

function fineGrained(edges: EdgeList, lineages: unknown): void {
  for (const fg of list(lineages)) {
    const confidence = typeof fg.confidenceScore === 'number' ? fg.confidenceScore : undefined;
    for (const upstream of urns(fg.upstreams)) {
      for (const downstream of urns(fg.downstreams)) {
        edges.add({ upstream, downstream, relationship: 'DownstreamOf', fine: true, via: str(fg.query), transformOperation: str(fg.transformOperation), confidence });
      }
    }
  }
}

/** Keeps the first edge per (upstream, downstream, relationship, level). */
class EdgeList {
  private readonly byKey = new Map<string, LineageEdge>();
  add(edge: LineageEdge): void {
    const key = `${edge.upstream}\u0000${edge.downstream}\u0000${edge.relationship satisfies LineageRelationship}\u0000${edge.fine}`;
    if (this.byKey.has(key)) return;
    const clean: LineageEdge = { upstream: edge.upstream, downstream: edge.downstream, relationship: edge.relationship, fine: edge.fine };
    if (edge.lineageType) clean.lineageType = edge.lineageType;
    if (edge.via) clean.via = edge.via;
    if (edge.transformOperation) clean.transformOperation = edge.transformOperation;
    if (edge.confidence !== undefined) clean.confidence = edge.confidence;
    this.byKey.set(key, clean);
  }
  values(): LineageEdge[] {
    return [...this.byKey.values()];
  }
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => typeof x === 'object' && x !== null) : []);
const urns = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.startsWith('urn:li:')) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
