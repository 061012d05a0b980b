import { SourceReport } from '../../api/report.js';

export class HudiSourceReport extends SourceReport {
  tablesDiscovered = 0;
  tablesScanned = 0;
  instantsRead = 0;
  commitMetadataRead = 0;
  schemaVersionsEmitted = 0;
  operationsEmitted = 0;
  lineageEdges = 0;
  tablesProfiled = 0;

  protected override extra(): Record<string, unknown> {
    return {
      ...super.extra(),
      tables_discovered: this.tablesDiscovered,
      tables_scanned: this.tablesScanned,
      instants_read: this.instantsRead,
      commit_metadata_read: this.commitMetadataRead,
      schema_versions_emitted: this.schemaVersionsEmitted,
      operations_emitted: this.operationsEmitted,
      lineage_edges: this.lineageEdges,
      tables_profiled: this.tablesProfiled,
    };
  }
}
