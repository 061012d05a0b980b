// Where Hudi tables are read from, behind two calls (list a directory, read a file) so the
// S3 implementation fits beside the local one. Paths are the storage's own: file system paths
// here, `s3://bucket/key` later. Nothing else in the source touches the file system.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface StorageEntry {
  name: string;
  isDirectory: boolean;
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
