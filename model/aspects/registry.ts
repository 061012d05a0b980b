// STUB (to be completed by the model work): which aspects exist, which are timeseries, and their
// runtime validation. Unknown aspects are accepted as opaque JSON.
import type { AspectValue } from '../mcp.js';

export const TIMESERIES_ASPECTS = new Set<string>([
  'datasetProfile', 'datasetUsageStatistics', 'operation', 'datahubIngestionCheckpoint', 'datahubIngestionRunSummary',
  'assertionRunEvent', 'dataProcessInstanceRunEvent', 'chartUsageStatistics', 'dashboardUsageStatistics',
  'queryUsageStatistics', 'documentUsageStatistics',
]);

export function isTimeseriesAspect(aspectName: string): boolean {
  return TIMESERIES_ASPECTS.has(aspectName);
}

export type AspectValidation = { ok: true; value: AspectValue } | { ok: false; errors: string[] };

/** Validates a known aspect against its DataHub shape; unknown aspects pass through untouched. */
export function validateAspect(aspectName: string, value: unknown): AspectValidation {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, errors: [`${aspectName}: must be a JSON object`] };
  return { ok: true, value: value as AspectValue };
}
