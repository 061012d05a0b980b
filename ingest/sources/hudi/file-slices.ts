// The latest file slice of every file group: the newest base file written by a completed instant
// (files of pending, failed or rolled-back writes are not data), and, for Merge-on-Read, the log
// files written on top of that base file. Reading the latest base files of a Copy-on-Write table
// is its snapshot: an update rewrites the file group, a delete leaves the record out of the new
// version; file groups a completed replacecommit replaced are left out. File names (Hudi's FSUtils):
//   base  <fileId>_<writeToken>_<instantTime>.<parquet|orc|hfile>
//   log   .<fileId>_<baseInstantTime>.log.<version>_<writeToken>
import type { HudiStorage } from './storage.js';

export interface FileSlice {
  partition: string;
  fileId: string;
  baseInstant: string;
  /** Null for a file group that so far has only log files. */
  baseFile: string | null;
  logFiles: string[];
}

const BASE = /^(.+)_(\d+-\d+-\d+)_(\d{8,17})\.(parquet|orc|hfile)$/;
const LOG = /^\.(.+)_(\d{8,17})\.log\.(\d+)(?:_[\d-]+)?$/;

/** Partition folders under the base path (dot folders such as `.hoodie` left out), `''` for the root. */
async function partitionDirs(storage: HudiStorage, basePath: string, maxDepth: number): Promise<Array<{ partition: string; dir: string; files: string[] }>> {
  const out: Array<{ partition: string; dir: string; files: string[] }> = [];
  let level = [{ partition: '', dir: basePath }];
  for (let depth = 0; depth <= maxDepth && level.length; depth++) {
    const next: typeof level = [];
    for (const { partition, dir } of level) {
      const entries = await storage.list(dir);
      const files = entries.filter((e) => !e.isDirectory).map((e) => e.name);
      if (files.some((f) => BASE.test(f) || LOG.test(f))) out.push({ partition, dir, files });
      for (const e of entries) if (e.isDirectory && !e.name.startsWith('.')) next.push({ partition: partition ? `${partition}/${e.name}` : e.name, dir: storage.join(dir, e.name) });
    }
    level = next;
  }
  return out;
}

/** The latest file slice per file group, as of the completed write instants given. */
export async function latestFileSlices(
  storage: HudiStorage,
  basePath: string,
  completedInstants: Set<string>,
  replacedFileIds: Set<string> = new Set(),
  maxDepth = 6,
): Promise<FileSlice[]> {
  const slices: FileSlice[] = [];
  for (const { partition, dir, files } of await partitionDirs(storage, basePath, maxDepth)) {
    const groups = new Map<string, { base: { instant: string; file: string } | null; logs: Array<{ base: string; file: string }> }>();
    const group = (id: string) => {
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { base: null, logs: [] }));
      return g;
    };
    for (const f of files) {
      let m = BASE.exec(f);
      if (m) {
        if (!completedInstants.has(m[3]!)) continue;
        const g = group(m[1]!);
        if (!g.base || m[3]! > g.base.instant) g.base = { instant: m[3]!, file: storage.join(dir, f) };
        continue;
      }
      m = LOG.exec(f);
      if (m) group(m[1]!).logs.push({ base: m[2]!, file: storage.join(dir, f) });
    }
    for (const [fileId, g] of groups) {
      // A completed replacecommit (clustering, insert_overwrite) retired this file group.
      if (replacedFileIds.has(fileId)) continue;
      const baseInstant = g.base?.instant ?? g.logs.map((l) => l.base).sort().at(-1) ?? '';
      const logFiles = g.logs.filter((l) => l.base === baseInstant).map((l) => l.file).sort();
      if (!g.base && logFiles.length === 0) continue;
      slices.push({ partition, fileId, baseInstant, baseFile: g.base?.file ?? null, logFiles });
    }
  }
  return slices.sort((a, b) => a.partition.localeCompare(b.partition) || a.fileId.localeCompare(b.fileId));
}
