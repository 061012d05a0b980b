// One `operation` timeseries aspect per completed write: when (the instant time), what (Hudi's
// WriteOperationType mapped to DataHub's OperationType) and how much (from the write stats).
import type { AspectValue } from '../../../model/mcp.js';
import { writeTotals } from './commit-metadata.js';
import type { HudiCommit } from './table.js';
import { instantMillis } from './timeline.js';

/** Hudi WriteOperationType -> DataHub OperationType; the rest are CUSTOM with Hudi's name. */
const OPERATION_TYPES: Record<string, string> = {
  INSERT: 'INSERT', INSERT_PREPPED: 'INSERT', BULK_INSERT: 'INSERT', BULK_INSERT_PREPPED: 'INSERT', BOOTSTRAP: 'INSERT',
  UPSERT: 'UPDATE', UPSERT_PREPPED: 'UPDATE',
  DELETE: 'DELETE', DELETE_PREPPED: 'DELETE', DELETE_PARTITION: 'DELETE',
  ALTER_SCHEMA: 'ALTER',
};

export function operationType(hudi: string | null): { operationType: string; customOperationType?: string } {
  if (!hudi || hudi === 'UNKNOWN') return { operationType: 'UNKNOWN' };
  const mapped = OPERATION_TYPES[hudi];
  return mapped ? { operationType: mapped } : { operationType: 'CUSTOM', customOperationType: hudi };
}

/** The operation aspect of one commit; null when its instant time is not a time. */
export function operation(commit: HudiCommit): AspectValue | null {
  const { instant, metadata } = commit;
  const at = instantMillis(instant.requestedTime);
  if (at === null) return null;
  const completed = instant.completionTime ? instantMillis(instant.completionTime) : null;
  const customProperties: Record<string, string> = { instant_time: instant.requestedTime, action: instant.action };
  if (instant.completionTime) customProperties.completion_time = instant.completionTime;
  const aspect: AspectValue = { timestampMillis: at, lastUpdatedTimestamp: completed ?? at, ...operationType(metadata?.operationType ?? null) };
  if (metadata) {
    const t = writeTotals(metadata);
    if (metadata.operationType) customProperties.hudi_operation_type = metadata.operationType;
    Object.assign(customProperties, {
      records_inserted: String(t.inserted),
      records_updated: String(t.updated),
      records_deleted: String(t.deleted),
      bytes_written: String(t.bytes),
      files_touched: String(t.files),
      partitions_touched: String(t.partitions),
    });
    aspect.numAffectedRows = t.inserted + t.updated + t.deleted;
  } else {
    customProperties.commit_metadata = 'unreadable';
  }
  aspect.customProperties = customProperties;
  return aspect;
}
