// Profiling a Hudi table from its data files: the latest file slice of every file group is read
// with hyparquet and profiled by the shared rows profiler (ingest/common/profiling). For a
// Copy-on-Write table that is the snapshot, so updated and deleted records count right. For a
// Merge-on-Read table the profile is the read-optimized view (base files only): a snapshot would
// need the log files of each latest slice merged over its base file (Avro data blocks upserting
// by record key with the precombine field deciding ties, delete blocks removing keys, rollback
// command blocks dropping earlier blocks), which this reader does not do; the report says how
// many log files were left out.
import type { AspectValue } from '../../../model/mcp.js';
import { columnsOf, readParquetRows } from '../../common/profiling/parquet.js';
import { profileRows, type RowsProfilingConfig } from '../../common/profiling/rows-profile.js';
import { latestFileSlices, type FileSlice } from './file-slices.js';
import type { HudiStorage } from './storage.js';
import type { HudiTable } from './table.js';

export interface HudiProfileResult {
  aspect: AspectValue | null;
  /** Why the table was not profiled, or what the profile leaves out. */
  notes: Array<{ title: string; message: string }>;
  filesRead: number;
}

/** The latest file slices of a table (completed instants only, replaced file groups left out). */
export function tableFileSlices(storage: HudiStorage, table: HudiTable): Promise<FileSlice[]> {
  const completed = new Set(table.commits.map((c) => c.instant.requestedTime));
  const replaced = new Set(table.commits.flatMap((c) => c.metadata?.replacedFileIds ?? []));
  return latestFileSlices(storage, table.basePath, completed, replaced);
}

export async function profileHudiTable(
  storage: HudiStorage,
  table: HudiTable,
  slices: FileSlice[],
  config: RowsProfilingConfig,
  timestampMillis: number,
): Promise<HudiProfileResult> {
  const notes: HudiProfileResult['notes'] = [];
  const format = (table.properties.baseFileFormat ?? 'PARQUET').toUpperCase();
  if (format !== 'PARQUET') return { aspect: null, notes: [{ title: 'Table not profiled', message: `base file format ${format} is not read (Parquet only)` }], filesRead: 0 };
  const baseFiles = slices.map((s) => s.baseFile).filter((f): f is string => f !== null);
  const logFiles = slices.reduce((n, s) => n + s.logFiles.length, 0);
  const logOnly = slices.filter((s) => !s.baseFile).length;
  const rows: Record<string, unknown>[] = [];
  let size = 0;
  for (const file of baseFiles) {
    const bytes = await storage.read(file);
    size += bytes.byteLength;
    if (config.profile_table_size_limit !== null && size > config.profile_table_size_limit * 1024 ** 3) {
      return { aspect: null, notes: [{ title: 'Table not profiled', message: `data files larger than profile_table_size_limit (${config.profile_table_size_limit} GB)` }], filesRead: 0 };
    }
    let fileRows: Record<string, unknown>[];
    try {
      fileRows = await readParquetRows(bytes);
    } catch (e) {
      throw new Error(`${file} is not a readable Parquet file: ${(e as Error).message}`);
    }
    for (const r of fileRows) rows.push(r);
    if (config.profile_table_row_limit !== null && rows.length > config.profile_table_row_limit) {
      return { aspect: null, notes: [{ title: 'Table not profiled', message: `more rows than profile_table_row_limit (${config.profile_table_row_limit})` }], filesRead: 0 };
    }
  }
  const aspect = profileRows(rows, columnsOf(rows), config, { timestampMillis, sizeInBytes: size });
  if (table.properties.tableType === 'MERGE_ON_READ') {
    aspect.partitionSpec = { partition: 'READ_OPTIMIZED_VIEW', type: 'FULL_TABLE' };
    if (logFiles || logOnly) {
      notes.push({
        title: 'Merge-on-Read profile is the read-optimized view',
        message: `${logFiles} log file(s) of the latest file slices are not merged (${logOnly} file group(s) with log files only); a snapshot profile needs their Avro data and delete blocks merged over the base files by record key and precombine field`,
      });
    }
  }
  return { aspect, notes, filesRead: baseFiles.length };
}
