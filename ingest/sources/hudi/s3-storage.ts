// Hudi tables on S3 (or S3-compatible stores such as moto and MinIO), through the AWS SDK:
// a folder is a key prefix listed with Delimiter '/', a file is an object. Paths are
// `s3://bucket/key` (also `s3a://`, `s3n://`, as Hadoop writers name them).
import { GetObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import type { HudiStorage, StorageEntry } from './storage.js';

const S3_PATH = /^s3[an]?:\/\/([^/]+)\/?(.*)$/;

export function parseS3Path(p: string): { bucket: string; key: string } {
  const m = S3_PATH.exec(p);
  if (!m) throw new Error(`not an s3:// path: ${p}`);
  return { bucket: m[1]!, key: m[2]! };
}

export class S3HudiStorage implements HudiStorage {
  constructor(readonly client: S3Client) {}

  async list(dir: string): Promise<StorageEntry[]> {
    const { bucket, key } = parseS3Path(dir);
    const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
    const out: StorageEntry[] = [];
    try {
      for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: bucket, Prefix: prefix, Delimiter: '/' })) {
        for (const p of page.CommonPrefixes ?? []) if (p.Prefix) out.push({ name: p.Prefix.slice(prefix.length).replace(/\/$/, ''), isDirectory: true });
        for (const o of page.Contents ?? []) {
          const name = o.Key!.slice(prefix.length);
          // A zero-byte `folder/` marker object is the folder itself.
          if (name !== '') out.push({ name, isDirectory: false, size: o.Size ?? 0 });
        }
      }
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchBucket') return [];
      throw e;
    }
    return out;
  }

  async read(file: string): Promise<Buffer> {
    const { bucket, key } = parseS3Path(file);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await res.Body!.transformToByteArray());
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchBucket') {
        throw Object.assign(new Error(`no such object: ${file}`), { code: 'ENOENT' });
      }
      throw e;
    }
  }

  join(...parts: string[]): string {
    const [first, ...rest] = parts;
    return [first!.replace(/\/+$/, ''), ...rest.map((p) => p.replace(/^\/+|\/+$/g, ''))].filter((p) => p !== '').join('/');
  }
}
