import { SourceReport } from '../../api/report.js';

export class PostgresSourceReport extends SourceReport {
  databasesScanned = 0;
  schemasScanned = 0;
  tablesScanned = 0;
  viewsScanned = 0;
  viewsWithLineage = 0;
  viewsWithColumnLineage = 0;
  viewsFailedParsing = 0;
  tablesProfiled = 0;
  profilesDropped = 0;

  protected override extra(): Record<string, unknown> {
    return {
      ...super.extra(),
      databases_scanned: this.databasesScanned,
      schemas_scanned: this.schemasScanned,
      tables_scanned: this.tablesScanned,
      views_scanned: this.viewsScanned,
      views_with_lineage: this.viewsWithLineage,
      views_with_column_lineage: this.viewsWithColumnLineage,
      num_view_definitions_failed_parsing: this.viewsFailedParsing,
      num_tables_profiled: this.tablesProfiled,
      num_profiles_dropped: this.profilesDropped,
    };
  }
}
