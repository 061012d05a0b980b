import { SourceReport } from '../../api/report.js';

export class FileSourceReport extends SourceReport {
  totalNumFiles = 0;
  numFilesRead = 0;
  totalBytesOnDisk = 0;
  totalBytesRead = 0;
  /** Records counted before starting (count_all_before_starting), or 0. */
  totalRecords = 0;
  recordsRead = 0;

  protected override extra(): Record<string, unknown> {
    return {
      ...super.extra(),
      total_num_files: this.totalNumFiles,
      num_files_read: this.numFilesRead,
      total_bytes_on_disk: this.totalBytesOnDisk,
      total_bytes_read: this.totalBytesRead,
      total_records: this.totalRecords || null,
      records_read: this.recordsRead,
      percentage_completion: this.totalRecords ? Number(((100 * this.recordsRead) / this.totalRecords).toFixed(2)) : null,
    };
  }
}
