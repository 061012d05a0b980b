// The s3 naming rule (docs/NAMING.md): `bucket/key/prefix`, without the scheme (`s3://`, `s3a://`,
// `s3n://`) and without leading or trailing slashes, prefixed by the platform instance. Sink
// connectors name the folder they write a topic to; a Glue table names its location.
import { datasetUrn } from '../../../model/urn.js';

export const S3_PLATFORM = 's3';

/** `s3a://bucket/topics/t/` -> `bucket/topics/t`; `bucket//topics` -> `bucket/topics`. */
export function s3PathName(pathOrUri: string): string {
  return pathOrUri
    .replace(/^s3[an]?:\/\//i, '')
    .replace(/\/{2,}/g, '/')
    .replace(/^\/+|\/+$/g, '');
}

export function s3DatasetUrn(pathOrUri: string, env: string, platformInstance: string | null = null): string {
  return datasetUrn(S3_PLATFORM, s3PathName(pathOrUri), env, platformInstance);
}
