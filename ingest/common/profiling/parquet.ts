// Rows of a Parquet file held in memory, read with hyparquet (pure JavaScript; gzip, snappy,
// zstd, brotli and lz4 through hyparquet-compressors). Shared by the sources that profile files.
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

export async function readParquetRows(bytes: Buffer): Promise<Record<string, unknown>[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return (await parquetReadObjects({ file, compressors })) as Record<string, unknown>[];
}

/** Column names in first-seen order over all rows. */
export function columnsOf(rows: Record<string, unknown>[]): string[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  return columns;
}
