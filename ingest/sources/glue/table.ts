// The aspects of one Glue table: schema (columns, then partition keys marked isPartitioningKey),
// properties (table parameters, the storage descriptor, table type, partition count and the most
// recent partitions), subtype, container, browse path, owner, and, for a table over a Hudi table
// (a CoW table, or the `_ro` / `_rt` views of a MoR table), lineage from that one Hudi dataset.
import type { Column, Partition, Table } from '@aws-sdk/client-glue';
import { makeMcp, type AspectValue, type MetadataChangeProposal } from '../../../model/mcp.js';
import { corpUserUrn, dataPlatformUrn, datasetUrn } from '../../../model/urn.js';
import { hudiDatasetUrn, s3DatasetUrn, isS3Uri } from '../../common/naming/lake.js';
import type { GlueSourceConfig } from './config.js';
import { hudiTableName, tableFormat, type TableFormatInfo } from './formats.js';
import { hiveFieldType } from './hive-types.js';
import type { GlueNaming } from './naming.js';

export interface TableInput {
  database: string;
  table: Table;
  /** Null when the table is not partitioned or its partitions could not be read. */
  partitions: Partition[] | null;
}

const SUBTYPE: Record<string, string> = { hudi: 'Hudi Table', iceberg: 'Iceberg Table', delta: 'Delta Table' };

export function tableMcps(input: TableInput, naming: GlueNaming, config: GlueSourceConfig): { urn: string; format: TableFormatInfo; mcps: MetadataChangeProposal[] } {
  const { database, table } = input;
  const name = table.Name!;
  const urn = naming.datasetUrn(database, name);
  const format = tableFormat(table);
  const out: MetadataChangeProposal[] = [makeMcp(urn, 'status', { removed: false })];
  out.push(makeMcp(urn, 'schemaMetadata', schemaMetadata(`${database}.${name}`, table, naming.platform)));
  out.push(makeMcp(urn, 'datasetProperties', datasetProperties(input, format, config.max_recent_partitions)));
  const isView = table.TableType === 'VIRTUAL_VIEW';
  const subTypes = [isView ? 'View' : 'Table'];
  if (SUBTYPE[format.format]) subTypes.push(SUBTYPE[format.format]!);
  out.push(makeMcp(urn, 'subTypes', { typeNames: subTypes }));
  const container = naming.databaseContainerUrn(database);
  out.push(makeMcp(urn, 'container', { container }));
  const instance = naming.platformInstanceUrn();
  if (instance) out.push(makeMcp(urn, 'dataPlatformInstance', { platform: dataPlatformUrn(naming.platform), instance }));
  out.push(makeMcp(urn, 'browsePathsV2', { path: [...(instance ? [{ id: instance, urn: instance }] : []), { id: container, urn: container }] }));
  if (config.extract_owners && table.Owner) {
    out.push(makeMcp(urn, 'ownership', {
      owners: [{ owner: corpUserUrn(table.Owner), type: 'DATAOWNER' }],
      lastModified: { time: 0, actor: 'urn:li:corpuser:unknown' },
    }));
  }
  const upstreams = upstreamsOf(input, format, config);
  if (upstreams.length) out.push(makeMcp(urn, 'upstreamLineage', { upstreams }));
  return { urn, format, mcps: out };
}

/** The Hudi dataset a Glue table stands for, named as the hudi source names it. */
export function hudiUpstream(database: string, name: string, format: TableFormatInfo, config: GlueSourceConfig): string | null {
  if (format.format !== 'hudi') return null;
  const naming = { env: config.env, platformInstance: config.hudi_platform_instance };
  if (config.hudi_dataset_name === 'database_table') return datasetUrn('hudi', `${database}.${hudiTableName(name, format.hudiView)}`, config.env, config.hudi_platform_instance);
  return format.location ? hudiDatasetUrn(format.location, naming) : null;
}

function upstreamsOf(input: TableInput, format: TableFormatInfo, config: GlueSourceConfig): AspectValue[] {
  const out: AspectValue[] = [];
  const hudi = hudiUpstream(input.database, input.table.Name!, format, config);
  if (hudi) out.push({ dataset: hudi, type: 'VIEW', auditStamp: { time: 0, actor: 'urn:li:corpuser:unknown' } });
  const location = input.table.StorageDescriptor?.Location;
  if (!hudi && config.emit_storage_lineage && config.glue_storage_lineage_direction === 'upstream' && location && isS3Uri(location)) {
    out.push({ dataset: s3DatasetUrn(location, { env: config.env }), type: 'COPY', auditStamp: { time: 0, actor: 'urn:li:corpuser:unknown' } });
  }
  return out;
}

function field(c: Column, partitionKey: boolean): AspectValue {
  const f: AspectValue = {
    fieldPath: c.Name!,
    nativeDataType: c.Type ?? 'unknown',
    type: hiveFieldType(c.Type ?? ''),
    nullable: true,
    recursive: false,
    isPartOfKey: false,
  };
  if (c.Comment) f.description = c.Comment;
  if (partitionKey) f.isPartitioningKey = true;
  return f;
}

function schemaMetadata(schemaName: string, table: Table, platform: string): AspectValue {
  const columns = table.StorageDescriptor?.Columns ?? [];
  const keys = table.PartitionKeys ?? [];
  const raw = JSON.stringify({ columns: columns.map((c) => ({ name: c.Name, type: c.Type })), partitionKeys: keys.map((c) => ({ name: c.Name, type: c.Type })) });
  return {
    schemaName,
    platform: dataPlatformUrn(platform),
    version: 0,
    hash: '',
    platformSchema: { 'com.linkedin.schema.MySqlDDL': { tableSchema: raw } },
    fields: [...columns.map((c) => field(c, false)), ...keys.map((c) => field(c, true))],
  };
}

function partitionName(keys: Column[], p: Partition): string {
  return (p.Values ?? []).map((v, i) => `${keys[i]?.Name ?? `p${i}`}=${v}`).join('/');
}

function datasetProperties(input: TableInput, format: TableFormatInfo, maxRecent: number): AspectValue {
  const { table, partitions } = input;
  const custom: Record<string, string> = {};
  for (const [k, v] of Object.entries(table.Parameters ?? {})) custom[k] = v;
  const sd = table.StorageDescriptor;
  const set = (k: string, v: unknown) => {
    if (v !== undefined && v !== null && v !== '') custom[k] = String(v);
  };
  set('table_type', table.TableType);
  set('location', sd?.Location);
  set('input_format', sd?.InputFormat);
  set('output_format', sd?.OutputFormat);
  set('serde', sd?.SerdeInfo?.SerializationLibrary);
  for (const [k, v] of Object.entries(sd?.SerdeInfo?.Parameters ?? {})) set(`serde.${k}`, v);
  set('compressed', sd?.Compressed);
  const compression = table.Parameters?.compressionType ?? table.Parameters?.parquet_compression ?? table.Parameters?.['write.compression'] ?? sd?.Parameters?.compressionType;
  set('compression', compression);
  if (sd?.NumberOfBuckets !== undefined && sd.NumberOfBuckets > 0) set('number_of_buckets', sd.NumberOfBuckets);
  if (sd?.BucketColumns?.length) set('bucket_columns', sd.BucketColumns.join(','));
  set('table_format', format.format);
  if (format.hudiView) set('hudi_view', format.hudiView);
  const keys = table.PartitionKeys ?? [];
  if (keys.length) set('partition_keys', keys.map((k) => k.Name).join(','));
  if (partitions) {
    set('partition_count', partitions.length);
    const recent = [...partitions].sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0) || partitionName(keys, b).localeCompare(partitionName(keys, a)));
    if (maxRecent > 0 && recent.length) set('recent_partitions', recent.slice(0, maxRecent).map((p) => partitionName(keys, p)).join(','));
  }
  if (table.ViewOriginalText) set('view_original_text', table.ViewOriginalText);
  const aspect: AspectValue = { customProperties: custom, name: table.Name!, qualifiedName: `${input.database}.${table.Name!}`, tags: [] };
  if (table.Description) aspect.description = table.Description;
  if (table.CreateTime) aspect.created = { time: table.CreateTime.getTime() };
  if (table.UpdateTime) aspect.lastModified = { time: table.UpdateTime.getTime() };
  return aspect;
}
