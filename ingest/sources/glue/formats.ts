// What a Glue table really is: a plain Hive table, or a view over a Hudi, Iceberg or Delta table.
// Signals: table parameters (`spark.sql.sources.provider`, `table_type`), the input format
// (Hudi's HoodieParquetInputFormat / HoodieParquetRealtimeInputFormat), the `_hoodie_*` columns.
// A Hudi Merge-on-Read table is synced as `<t>_ro` (read optimized) and `<t>_rt` (real time);
// both are views of the one Hudi table at the location, which is its base path.
import type { Table } from '@aws-sdk/client-glue';

export type TableFormat = 'hudi' | 'iceberg' | 'delta' | 'hive';
export type HudiView = 'read_optimized' | 'real_time' | 'copy_on_write' | null;

export interface TableFormatInfo {
  format: TableFormat;
  /** Which Hudi query view the Glue table is (null when unknown or not Hudi). */
  hudiView: HudiView;
  /** The table's data location (Hudi base path, Iceberg/Delta table root). */
  location: string | null;
}

const HUDI_INPUT = /^org\.apache\.hudi\.hadoop\.(realtime\.)?Hoodie\w*InputFormat$/;

export function tableFormat(t: Table): TableFormatInfo {
  const p = lowerKeys(t.Parameters ?? {});
  const sd = t.StorageDescriptor;
  const serde = lowerKeys(sd?.SerdeInfo?.Parameters ?? {});
  const location = serde['path'] ?? sd?.Location ?? null;
  const provider = (p['spark.sql.sources.provider'] ?? '').toLowerCase();
  const input = sd?.InputFormat ?? '';
  const hudiColumns = (sd?.Columns ?? []).some((c) => c.Name?.startsWith('_hoodie_'));
  if (provider === 'hudi' || HUDI_INPUT.test(input) || hudiColumns) {
    let hudiView: HudiView = null;
    const ro = serde['hoodie.query.as.ro.table'];
    if (/realtime/i.test(input) || ro === 'false') hudiView = 'real_time';
    else if (ro === 'true' || /_ro$/.test(t.Name ?? '')) hudiView = 'read_optimized';
    else if (/HoodieParquetInputFormat$/.test(input)) hudiView = 'copy_on_write';
    return { format: 'hudi', hudiView, location };
  }
  if ((p['table_type'] ?? '').toUpperCase() === 'ICEBERG' || provider === 'iceberg') return { format: 'iceberg', hudiView: null, location: sd?.Location ?? null };
  if (provider === 'delta' || (p['spark.sql.sources.provider'] === undefined && (p['table_type'] ?? '').toUpperCase() === 'DELTA')) {
    return { format: 'delta', hudiView: null, location: serde['path'] ?? sd?.Location ?? null };
  }
  return { format: 'hive', hudiView: null, location: sd?.Location ?? null };
}

/** The Hudi table name a synced Glue table stands for: `artists_ro` / `artists_rt` -> `artists`. */
export function hudiTableName(glueName: string, view: HudiView): string {
  if ((view === 'read_optimized' && /_ro$/.test(glueName)) || (view === 'real_time' && /_rt$/.test(glueName))) return glueName.slice(0, -3);
  return glueName;
}

function lowerKeys(o: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) out[k.toLowerCase()] = v;
  return out;
}
