// A snapshot of the in-memory index in one file, so opening a large catalog reads arrays back
// instead of re-splitting every document (100,000 datasets: well under a second, against about
// nine seconds from the table). The table stays the truth: the snapshot records the sequence
// number it covers and the database it came from, and the engine applies every later change
// from the table after loading it. A snapshot that is missing, from another database, of
// another format, or unreadable is ignored (the engine loads from the table and writes a new one).
//
// Layout: "CATSRCH1", a u32 header length, the header (JSON: meta, the strings, and each array's
// element count), then the typed arrays, each starting on an 8-byte boundary.
import { open, rename, rm, writeFile } from 'node:fs/promises';
import type { IndexParts } from './inverted-index.js';

const MAGIC = 'CATSRCH1';

export interface SnapshotMeta {
  /** Format version of what the index holds (bump when documents or words change shape). */
  format: number;
  /** Which database and schema the snapshot belongs to. */
  database: string;
  /** Every change numbered up to here is in the snapshot. */
  seq: number;
}

const ARRAYS = ['seqs', 'state', 'types', 'packedOffsets', 'packedPool', 'postingLengths', 'postingSlots', 'postingGroups', 'byName'] as const;
type ArrayName = (typeof ARRAYS)[number];
const TYPES: Record<ArrayName, Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor> = {
  seqs: Float64Array, state: Uint8Array, types: Int32Array, packedOffsets: Int32Array, packedPool: Int32Array,
  postingLengths: Int32Array, postingSlots: Int32Array, postingGroups: Uint8Array, byName: Int32Array,
};
const pad8 = (n: number): number => (n + 7) & ~7;

/** Writes the snapshot next to `path` and renames it into place, so a crash leaves the old one whole. */
export async function writeSnapshot(path: string, meta: SnapshotMeta, parts: IndexParts): Promise<void> {
  const header = Buffer.from(JSON.stringify({
    meta,
    strings: { urns: parts.urns, names: parts.names, qualifiedLowers: parts.qualifiedLowers, tables: parts.tables, words: parts.words, nameWords: parts.nameWords },
    lengths: Object.fromEntries(ARRAYS.map((a) => [a, parts[a].length])),
  }));
  const chunks: Uint8Array[] = [Buffer.from(MAGIC), new Uint8Array(new Uint32Array([header.length]).buffer), header];
  let size = MAGIC.length + 4 + header.length;
  for (const name of ARRAYS) {
    const padding = pad8(size) - size;
    if (padding) chunks.push(new Uint8Array(padding));
    const array = parts[name];
    chunks.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    size = pad8(size) + array.byteLength;
  }
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, chunks);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The snapshot at `path` if it exists, is whole, and `accept(meta)` says it fits; else null. */
export async function readSnapshot(path: string, accept: (meta: SnapshotMeta) => boolean): Promise<{ meta: SnapshotMeta; parts: IndexParts } | null> {
  let buffer: Buffer;
  try {
    const file = await open(path, 'r');
    try {
      buffer = await file.readFile();
    } finally {
      await file.close();
    }
  } catch {
    return null;
  }
  try {
    if (buffer.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
    const headerLength = buffer.readUInt32LE(MAGIC.length);
    let at = MAGIC.length + 4;
    const header = JSON.parse(buffer.toString('utf8', at, at + headerLength)) as {
      meta: SnapshotMeta; strings: Pick<IndexParts, 'urns' | 'names' | 'qualifiedLowers' | 'tables' | 'words' | 'nameWords'>; lengths: Record<ArrayName, number>;
    };
    if (!accept(header.meta)) return null;
    at += headerLength;
    const arrays = {} as Record<ArrayName, Float64Array | Int32Array | Uint8Array>;
    for (const name of ARRAYS) {
      at = pad8(at);
      const Type = TYPES[name];
      const bytes = header.lengths[name] * Type.BYTES_PER_ELEMENT;
      if (at + bytes > buffer.length) return null;
      // A view when the file's buffer is aligned for the type, else a copy.
      const memory = buffer.buffer as ArrayBuffer;
      arrays[name] = (buffer.byteOffset + at) % Type.BYTES_PER_ELEMENT === 0
        ? new Type(memory, buffer.byteOffset + at, header.lengths[name])
        : new Type(memory.slice(buffer.byteOffset + at, buffer.byteOffset + at + bytes));
      at += bytes;
    }
    return { meta: header.meta, parts: { ...header.strings, ...(arrays as unknown as Pick<IndexParts, ArrayName>) } };
  } catch {
    return null;
  }
}
