// Profiling a Glue table over Parquet files on S3: every `*.parquet` object under the table's
// location (all partitions) is read with hyparquet and profiled by the shared rows profiler, the
// statistics the postgres profiler computes. Tables over Hudi, Iceberg or Delta are not profiled
// here (their folders hold files that are not the table's current state; the hudi source
// profiles Hudi tables from their latest file slices); neither are non-Parquet tables.
// DataHub's glue profiling instead reads statistics Glue keeps in the table parameters.
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { Table } from '@aws-sdk/client-glue';
import type { AspectValue } from '../../../model/mcp.js';
import { columnsOf, readParquetRows } from '../../common/profiling/parquet.js';
import { profileRows, type RowsProfilingConfig } from '../../common/profiling/rows-profile.js';
import type { TableFormatInfo } from './formats.js';

export type GlueProfileResult = { aspect: AspectValue } | { skipped: string };

function isParquet(t: Table): boolean {
  const sd = t.StorageDescriptor;
  return /parquet/i.test(`${t.Parameters?.classification ?? ''} ${sd?.InputFormat ?? ''} ${sd?.SerdeInfo?.SerializationLibrary ?? ''}`);
}

export async function profileGlueTable(s3: S3Client, table: Table, format: TableFormatInfo, config: RowsProfilingConfig, timestampMillis: number): Promise<GlueProfileResult> {
  if (format.format !== 'hive') return { skipped: `a ${format.format} table (profile it with its own source)` };
  if (!isParquet(table)) return { skipped: 'not a Parquet table' };
  const m = /^s3[an]?:\/\/([^/]+)\/?(.*)$/.exec(table.StorageDescriptor?.Location ?? '');
  if (!m) return { skipped: 'the location is not an s3:// path' };
  const [, bucket, prefix] = m;
  const keys: Array<{ key: string; size: number }> = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket!, Prefix: prefix! })) {
    for (const o of page.Contents ?? []) if (o.Key && /\.parquet$/i.test(o.Key) && !/\/[._]/.test(o.Key.slice(prefix!.length))) keys.push({ key: o.Key, size: o.Size ?? 0 });
  }
  if (keys.length === 0) return { skipped: 'no Parquet files under the location' };
  const size = keys.reduce((a, k) => a + k.size, 0);
  if (config.profile_table_size_limit !== null && size > config.profile_table_size_limit * 1024 ** 3) return { skipped: `larger than profile_table_size_limit (${config.profile_table_size_limit} GB)` };
  const rows: Record<string, unknown>[] = [];
  for (const { key } of keys.sort((a, b) => a.key.localeCompare(b.key))) {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket!, Key: key }));
    for (const r of await readParquetRows(Buffer.from(await res.Body!.transformToByteArray()))) rows.push(r);
    if (config.profile_table_row_limit !== null && rows.length > config.profile_table_row_limit) return { skipped: `more rows than profile_table_row_limit (${config.profile_table_row_limit})` };
  }
  return { aspect: profileRows(rows, columnsOf(rows), config, { timestampMillis, sizeInBytes: size }) };
}
