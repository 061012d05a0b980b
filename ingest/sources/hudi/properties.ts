// `.hoodie/hoodie.properties`: a Java properties file written by Hudi. Parsed here into the
// facts the catalog shows (name, type, version, keys, partitioning, formats) and kept whole for
// the dataset's custom properties.

/** Table versions this reader knows: 0.x timeline layout up to 7 (Hudi 0.5-0.16), 1.x from 8. */
export const KNOWN_TABLE_VERSIONS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export const FIRST_1X_TABLE_VERSION = 8;

export type HudiTableType = 'COPY_ON_WRITE' | 'MERGE_ON_READ';

export interface HoodieTableProperties {
  raw: Record<string, string>;
  name: string | null;
  databaseName: string | null;
  tableType: HudiTableType | null;
  tableVersion: number | null;
  timelineLayoutVersion: number | null;
  /** Folder of the 1.x timeline under `.hoodie/` (`timeline`); null for 0.x tables. */
  timelinePath: string | null;
  recordKeyFields: string[];
  precombineField: string | null;
  partitionFields: string[];
  /** 0.x: `hoodie.table.keygenerator.class`; 1.x: `hoodie.table.keygenerator.type` (or the class). */
  keyGenerator: string | null;
  baseFileFormat: string | null;
  hiveStylePartitioning: boolean | null;
  metadataPartitions: string[];
}

/** Parses Java `.properties` text: `#`/`!` comments, `=` or `:` separators, backslash escapes and continuations. */
export function parseJavaProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/^\s+/, '');
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.replace(/^\s+/, '');
    let sep = -1;
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (c === '\\') {
        j++;
        continue;
      }
      if (c === '=' || c === ':' || c === ' ' || c === '\t') {
        sep = j;
        break;
      }
    }
    const key = unescape(sep < 0 ? line : line.slice(0, sep));
    const value = sep < 0 ? '' : unescape(line.slice(sep + 1).replace(/^\s*[=:]?\s*/, ''));
    out[key] = value;
  }
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ t: '\t', n: '\n', r: '\r', f: '\f' } as Record<string, string>)[c] ?? c;
  });
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const orNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());
const int = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v.trim()) ? Number(v.trim()) : null);

export function tableProperties(raw: Record<string, string>): HoodieTableProperties {
  const type = raw['hoodie.table.type']?.trim().toUpperCase();
  const tableVersion = int(raw['hoodie.table.version']);
  const timelineLayoutVersion = int(raw['hoodie.timeline.layout.version']);
  const hive = raw['hoodie.datasource.write.hive_style_partitioning'];
  return {
    raw,
    name: orNull(raw['hoodie.table.name']),
    databaseName: orNull(raw['hoodie.database.name']),
    tableType: type === 'COPY_ON_WRITE' || type === 'MERGE_ON_READ' ? type : null,
    tableVersion,
    timelineLayoutVersion,
    timelinePath:
      orNull(raw['hoodie.timeline.path']) ?? ((tableVersion ?? 0) >= FIRST_1X_TABLE_VERSION || (timelineLayoutVersion ?? 0) >= 2 ? 'timeline' : null),
    recordKeyFields: list(raw['hoodie.table.recordkey.fields']),
    precombineField: orNull(raw['hoodie.table.precombine.field']),
    // 1.x may suffix a partition field with its type (`ts:TIMESTAMP` for custom key generators).
    partitionFields: list(raw['hoodie.table.partition.fields']).map((f) => f.split(':')[0]!),
    keyGenerator: orNull(raw['hoodie.table.keygenerator.type']) ?? orNull(raw['hoodie.table.keygenerator.class']),
    baseFileFormat: orNull(raw['hoodie.table.base.file.format']),
    hiveStylePartitioning: hive === undefined ? null : hive.trim().toLowerCase() === 'true',
    metadataPartitions: list(raw['hoodie.table.metadata.partitions']),
  };
}

export function isKnownTableVersion(version: number): boolean {
  return (KNOWN_TABLE_VERSIONS as readonly number[]).includes(version);
}
