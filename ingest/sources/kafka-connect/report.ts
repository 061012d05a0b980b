import { SourceReport } from '../../api/report.js';

export class KafkaConnectSourceReport extends SourceReport {
  connectorsScanned = 0;
  connectorsWithLineage = 0;
  lineageEdges = 0;
  /** Lineage ends no source has produced in the catalog (capped sample; all are warnings too). */
  readonly unresolvedLineageTargets: string[] = [];
  unresolvedLineageTargetsCount = 0;

  reportUnresolved(urn: string): void {
    this.unresolvedLineageTargetsCount++;
    if (this.unresolvedLineageTargets.length < 100) this.unresolvedLineageTargets.push(urn);
  }

  protected override extra(): Record<string, unknown> {
    return {
      ...super.extra(),
      connectors_scanned: this.connectorsScanned,
      connectors_with_lineage: this.connectorsWithLineage,
      lineage_edges: this.lineageEdges,
      unresolved_lineage_targets: this.unresolvedLineageTargets,
      unresolved_lineage_targets_count: this.unresolvedLineageTargetsCount,
    };
  }
}
