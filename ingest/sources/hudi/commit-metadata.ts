// Commit metadata of a completed write instant (HoodieCommitMetadata): JSON in the 0.x timeline,
// an Avro container file in the 1.x timeline. Told apart by the bytes, not the table version,
// so a table upgraded in place (0.x instants kept beside 1.x ones) still reads.
import { isAvroContainer, readAvroContainer } from './avro-file.js';

export interface WriteStat {
  partitionPath: string | null;
  path: string | null;
  numWrites: number;
  numInserts: number;
  numUpdateWrites: number;
  numDeletes: number;
  totalWriteBytes: number;
}

export interface CommitMetadata {
  operationType: string | null;
  compacted: boolean;
  /** The writer's Avro schema (extraMetadata `schema`), as written. */
  schema: string | null;
  extraMetadata: Record<string, string>;
  writeStats: WriteStat[];
  /** replacecommit (clustering, insert_overwrite): file group ids this commit replaced. */
  replacedFileIds: string[];
}

export class CommitMetadataError extends Error {
  override name = 'CommitMetadataError';
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

export async function parseCommitMetadata(bytes: Buffer): Promise<CommitMetadata> {
  let raw: Record<string, unknown>;
  if (isAvroContainer(bytes)) {
    let records: Record<string, unknown>[];
    try {
      records = await readAvroContainer(bytes);
    } catch (e) {
      throw new CommitMetadataError(`not a readable Avro container: ${(e as Error).message}`);
    }
    if (records.length !== 1) throw new CommitMetadataError(`Avro container holds ${records.length} records, expected one (truncated?)`);
    raw = records[0]!;
  } else {
    const text = bytes.toString('utf8').trim();
    if (text === '') throw new CommitMetadataError('empty file');
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new CommitMetadataError(`not valid JSON (truncated?): ${(e as Error).message}`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new CommitMetadataError('not a JSON object');
  }
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries((raw.extraMetadata as Record<string, unknown> | null) ?? {})) if (typeof v === 'string') extra[k] = v;
  const writeStats: WriteStat[] = [];
  for (const stats of Object.values((raw.partitionToWriteStats as Record<string, unknown> | null) ?? {})) {
    if (!Array.isArray(stats)) continue;
    for (const s of stats as Record<string, unknown>[]) {
      writeStats.push({
        partitionPath: str(s.partitionPath),
        path: str(s.path),
        numWrites: num(s.numWrites),
        numInserts: num(s.numInserts),
        numUpdateWrites: num(s.numUpdateWrites),
        numDeletes: num(s.numDeletes),
        totalWriteBytes: num(s.totalWriteBytes),
      });
    }
  }
  const replacedFileIds: string[] = [];
  for (const ids of Object.values((raw.partitionToReplaceFileIds as Record<string, unknown> | null) ?? {})) {
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') replacedFileIds.push(id);
  }
  return {
    operationType: str(raw.operationType),
    replacedFileIds,
    compacted: raw.compacted === true,
    schema: extra.schema && extra.schema.trim() ? extra.schema : null,
    extraMetadata: extra,
    writeStats,
  };
}

/** Totals over a commit's write stats, for the operation aspect. */
export function writeTotals(meta: CommitMetadata): { inserted: number; updated: number; deleted: number; bytes: number; files: number; partitions: number } {
  const files = new Set<string>();
  const partitions = new Set<string>();
  let inserted = 0, updated = 0, deleted = 0, bytes = 0;
  for (const s of meta.writeStats) {
    inserted += s.numInserts;
    updated += s.numUpdateWrites;
    deleted += s.numDeletes;
    bytes += s.totalWriteBytes;
    if (s.path) files.add(s.path);
    if (s.partitionPath !== null) partitions.add(s.partitionPath);
  }
  return { inserted, updated, deleted, bytes, files: files.size, partitions: partitions.size };
}
