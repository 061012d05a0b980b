// Where Hudi tables are read from, behind two calls (list a directory, read a file): the local
// file system here, S3 in s3-storage.ts, chosen per path by its scheme (SchemeRoutedStorage).
// Nothing else in the source touches the file system or the network.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface StorageEntry {
  name: string;
  isDirectory: boolean;
  /** Size in bytes of a file, when the listing gives it. */
  size?: number;
}

export interface HudiStorage {
  /** Entries of a directory; an empty list when it does not exist. */
  list(dir: string): Promise<StorageEntry[]>;
  /** The bytes of a file; throws when it is missing or unreadable. */
  read(file: string): Promise<Buffer>;
  join(...parts: string[]): string;
}

export class LocalHudiStorage implements HudiStorage {
  async list(dir: string): Promise<StorageEntry[]> {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
      throw e;
    }
  }

  read(file: string): Promise<Buffer> {
    return readFile(file);
  }

  join(...parts: string[]): string {
    return path.join(...parts);
  }
}

/** Is this error a missing file (as opposed to one that exists but cannot be read)? */
export function isNotFound(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Routes `s3://`, `s3a://`, `s3n://` paths to the S3 storage and everything else to the local one. */
export class SchemeRoutedStorage implements HudiStorage {
  constructor(
    private readonly local: HudiStorage,
    private readonly s3: () => HudiStorage,
  ) {}

  private pick(p: string): HudiStorage {
    return /^s3[an]?:\/\//.test(p) ? this.s3() : this.local;
  }

  list(dir: string): Promise<StorageEntry[]> {
    return this.pick(dir).list(dir);
  }

  read(file: string): Promise<Buffer> {
    return this.pick(file).read(file);
  }

  join(...parts: string[]): string {
    return this.pick(parts[0] ?? '').join(...parts);
  }
}
