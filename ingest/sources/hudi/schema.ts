// schemaMetadata of a Hudi table from the Avro schemas in its commit metadata: the five
// `_hoodie_*` meta columns first (marked in their descriptions), then the data fields, with the
// record key fields marked `isPartOfKey` and the partition fields `isPartitioningKey`.
import { createHash } from 'node:crypto';
import type { AspectValue } from '../../../model/mcp.js';
import { fieldDataType } from '../../../model/aspects/schema.js';
import { dataPlatformUrn } from '../../../model/urn.js';
import { avroRecordFields, type ConvertedField } from './avro-schema.js';
import { PLATFORM } from './naming.js';
import type { HoodieTableProperties } from './properties.js';
import type { HudiCommit } from './table.js';
import { instantMillis } from './timeline.js';

export const META_COLUMNS: Array<[string, string]> = [
  ['_hoodie_commit_time', 'Hudi meta column: instant time of the commit that last wrote the record'],
  ['_hoodie_commit_seqno', 'Hudi meta column: sequence number of the record within its commit'],
  ['_hoodie_record_key', 'Hudi meta column: the record key'],
  ['_hoodie_partition_path', 'Hudi meta column: the partition path of the record'],
  ['_hoodie_file_name', 'Hudi meta column: the file the record is stored in'],
];

/** One distinct schema on the timeline, with the first and last commit that wrote with it. */
export interface SchemaVersion {
  schema: string;
  hash: string;
  firstInstant: string;
  lastInstant: string;
}

/** The distinct commit schemas in timeline order (a schema written again later counts again). */
export function schemaVersions(commits: HudiCommit[]): SchemaVersion[] {
  const out: SchemaVersion[] = [];
  for (const c of commits) {
    const schema = c.metadata?.schema;
    if (!schema) continue;
    const hash = schemaHash(schema);
    const last = out[out.length - 1];
    if (last && last.hash === hash) last.lastInstant = c.instant.requestedTime;
    else out.push({ schema, hash, firstInstant: c.instant.requestedTime, lastInstant: c.instant.requestedTime });
  }
  return out;
}

/** md5 of the schema JSON re-serialised, so whitespace does not make a new version. */
export function schemaHash(schema: string): string {
  let canonical = schema;
  try {
    canonical = JSON.stringify(JSON.parse(schema));
  } catch {
    // hashed as written; the conversion reports the bad JSON
  }
  return createHash('md5').update(canonical).digest('hex');
}

export function schemaMetadata(name: string, version: SchemaVersion, props: HoodieTableProperties): AspectValue {
  const keys = new Set(props.recordKeyFields);
  const partitions = new Set(props.partitionFields);
  const data = avroRecordFields(version.schema);
  const present = new Set(data.map((f) => f.fieldPath));
  const meta: ConvertedField[] =
    props.raw['hoodie.populate.meta.fields']?.trim().toLowerCase() === 'false'
      ? []
      : META_COLUMNS.filter(([n]) => !present.has(n)).map(([fieldPath, description]) => ({
          fieldPath, nullable: true, type: fieldDataType('StringType'), nativeDataType: 'string', description,
        }));
  const fields = [...meta, ...data].map((f) => {
    const field: AspectValue = { ...f, recursive: false, isPartOfKey: keys.has(f.fieldPath) };
    if (partitions.has(f.fieldPath)) field.isPartitioningKey = true;
    if (META_COLUMNS.some(([n]) => n === f.fieldPath) && !f.description) field.description = META_COLUMNS.find(([n]) => n === f.fieldPath)![1];
    return field;
  });
  const stamp = (instant: string) => ({ time: instantMillis(instant) ?? 0, actor: 'urn:li:corpuser:unknown' });
  const aspect: AspectValue = {
    schemaName: name,
    platform: dataPlatformUrn(PLATFORM),
    version: 0,
    // The schema-history contract: each version's time is the time of the commit that first wrote it.
    created: stamp(version.firstInstant),
    lastModified: stamp(version.firstInstant),
    hash: version.hash,
    platformSchema: { 'com.linkedin.schema.OtherSchema': { rawSchema: version.schema } },
    fields,
  };
  if (props.recordKeyFields.length) aspect.primaryKeys = props.recordKeyFields;
  return aspect;
}
