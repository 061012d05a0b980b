// datasetProperties of a Hudi table: what hoodie.properties says, the timeline's counts per
// action and state, the time-travel points (completed instants) and the number of schema versions.
import type { AspectValue } from '../../../model/mcp.js';
import type { SchemaVersion } from './schema.js';
import type { HudiTable } from './table.js';
import { countInstants, instantMillis } from './timeline.js';

export function datasetProperties(
  table: HudiTable,
  names: { name: string; qualifiedName: string },
  versions: SchemaVersion[],
  maxTimeTravelPoints: number,
): AspectValue {
  const p = table.properties;
  const custom: Record<string, string> = { 'hudi.base.path': table.basePath };
  const set = (k: string, v: string | number | boolean | null | string[]) => {
    if (v === null || (Array.isArray(v) && v.length === 0)) return;
    custom[k] = Array.isArray(v) ? v.join(',') : String(v);
  };
  set('hudi.table.name', p.name);
  set('hudi.database.name', p.databaseName);
  set('hudi.table.type', p.tableType);
  set('hudi.table.version', p.tableVersion ?? p.raw['hoodie.table.version'] ?? null);
  set('hudi.timeline.layout', table.timeline.layout);
  set('hudi.timeline.layout.version', p.timelineLayoutVersion);
  set('hudi.record.key.fields', p.recordKeyFields);
  set('hudi.precombine.field', p.precombineField);
  set('hudi.partition.fields', p.partitionFields);
  set('hudi.key.generator', p.keyGenerator);
  set('hudi.base.file.format', p.baseFileFormat);
  set('hudi.hive.style.partitioning', p.hiveStylePartitioning);
  set('hudi.metadata.partitions', p.metadataPartitions);
  set('hudi.record.merge.mode', p.raw['hoodie.record.merge.mode'] ?? null);

  const counts = countInstants(table.timeline.instants);
  for (const [state, byAction] of Object.entries(counts)) {
    for (const [action, n] of Object.entries(byAction).sort()) custom[`hudi.timeline.${state}.${action}`] = String(n);
  }
  const points = table.commits.map((c) => c.instant.requestedTime);
  set('hudi.time_travel_points.count', points.length);
  set('hudi.time_travel_points', maxTimeTravelPoints > 0 ? points.slice(-maxTimeTravelPoints) : null);
  const latest = table.commits[table.commits.length - 1]?.instant;
  if (latest) set('hudi.latest.instant', latest.requestedTime);
  set('hudi.schema_versions', versions.length);

  const aspect: AspectValue = { customProperties: custom, name: names.name, qualifiedName: names.qualifiedName, tags: [] };
  const first = table.timeline.instants.find((i) => i.state === 'completed');
  const created = first ? instantMillis(first.requestedTime) : null;
  if (created !== null) aspect.created = { time: created };
  const modified = latest ? instantMillis(latest.completionTime ?? latest.requestedTime) : null;
  if (modified !== null) aspect.lastModified = { time: modified };
  return aspect;
}
