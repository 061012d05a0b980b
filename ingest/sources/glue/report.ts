import { SourceReport } from '../../api/report.js';

export class GlueSourceReport extends SourceReport {
  databasesScanned = 0;
  tablesScanned = 0;
  partitionsRead = 0;
  lakeTables: Record<string, number> = {};
  jobsScanned = 0;
  jobsWithLineage = 0;
  tablesProfiled = 0;

  protected override extra(): Record<string, unknown> {
    return {
      ...super.extra(),
      databases_scanned: this.databasesScanned,
      tables_scanned: this.tablesScanned,
      partitions_read: this.partitionsRead,
      lake_tables: this.lakeTables,
      jobs_scanned: this.jobsScanned,
      jobs_with_lineage: this.jobsWithLineage,
      tables_profiled: this.tablesProfiled,
    };
  }
}
