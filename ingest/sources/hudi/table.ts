// Reads one Hudi table from `.hoodie/`: its properties, its timeline, and the metadata of every
// completed write. What is malformed (missing properties, an unknown table version, a truncated
// instant) becomes a warning naming the file, and the rest of the table is still read.
import { CommitMetadataError, parseCommitMetadata, type CommitMetadata } from './commit-metadata.js';
import { isKnownTableVersion, parseJavaProperties, tableProperties, type HoodieTableProperties } from './properties.js';
import { isNotFound, type HudiStorage } from './storage.js';
import { completedWrites, readTimeline, type Instant, type Timeline } from './timeline.js';

export interface HudiCommit {
  instant: Instant;
  /** Null when the metadata file could not be read (a warning says why). */
  metadata: CommitMetadata | null;
}

export interface HudiTable {
  basePath: string;
  /** Properties from hoodie.properties; every field null or empty when the file is missing. */
  properties: HoodieTableProperties;
  propertiesFound: boolean;
  timeline: Timeline;
  /** Completed writes (commit, deltacommit, compaction, replacecommit) in timeline order. */
  commits: HudiCommit[];
}

const READ_CONCURRENCY = 16;

export type Warn = (title: string, message: string, context: string) => void;

export class NotAHudiTable extends Error {
  override name = 'NotAHudiTable';
}

export async function readTable(storage: HudiStorage, basePath: string, warn: Warn): Promise<HudiTable> {
  const hoodieDir = storage.join(basePath, '.hoodie');
  const hoodieEntries = await storage.list(hoodieDir);
  if (hoodieEntries.length === 0) throw new NotAHudiTable(`no .hoodie folder (or an empty one) in ${basePath}`);

  const propertiesFile = storage.join(hoodieDir, 'hoodie.properties');
  let properties = tableProperties({});
  let propertiesFound = false;
  try {
    properties = tableProperties(parseJavaProperties((await storage.read(propertiesFile)).toString('utf8')));
    propertiesFound = true;
  } catch (e) {
    const why = isNotFound(e) ? 'the file is missing' : `the file could not be read: ${(e as Error).message}`;
    warn('Missing hoodie.properties', `${why}; table name, type, keys and partitioning are unknown, the timeline is still read`, propertiesFile);
  }
  if (propertiesFound) {
    const v = properties.raw['hoodie.table.version'];
    if (properties.tableVersion === null || !isKnownTableVersion(properties.tableVersion)) {
      warn('Unknown Hudi table version', `hoodie.table.version=${v ?? '(absent)'}; the timeline is read in the layout found on disk`, propertiesFile);
    }
    if (properties.tableType === null) {
      warn('Unknown Hudi table type', `hoodie.table.type=${properties.raw['hoodie.table.type'] ?? '(absent)'}`, propertiesFile);
    }
  }

  const timeline = await readTimeline(storage, hoodieDir, properties.timelinePath);
  for (const name of timeline.unrecognised) warn('Unknown timeline instant', 'an instant file with an action this reader does not know; skipped', storage.join(timeline.dir, name));

  // Commit metadata files are read READ_CONCURRENCY at a time (S3 round trips dominate a long
  // timeline); results keep timeline order, and warnings are raised in that order too.
  const writes = completedWrites(timeline);
  const results: Array<CommitMetadata | Error | null> = new Array(writes.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < writes.length) {
      const i = next++;
      try {
        results[i] = await parseCommitMetadata(await storage.read(writes[i]!.file));
      } catch (e) {
        results[i] = e as Error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, writes.length) }, worker));
  const commits: HudiCommit[] = writes.map((instant, i) => {
    const r = results[i];
    if (!(r instanceof Error)) return { instant, metadata: r ?? null };
    if (!(r instanceof CommitMetadataError) && !isNotFound(r)) throw r;
    warn('Unreadable commit metadata', `${r.message}; the instant is kept without its schema and write statistics`, instant.file);
    return { instant, metadata: null };
  });
  return { basePath, properties, propertiesFound, timeline, commits };
}
