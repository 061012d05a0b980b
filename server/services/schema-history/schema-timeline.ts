// A dataset's schema history: its stored schemaMetadata versions, oldest first, each distinct
// schema once (consecutive versions with the same non-empty hash are one schema version whose
// metadata changed), with the field-level diff to the previous schema and whether that change
// breaks the dataset's compatibility rule. The rule comes from the dataset's
// `datasetProperties.customProperties["schema.compatibility"]` (written by the kafka and
// schema-registry sources from the registry), or the caller; without one, BACKWARD is assumed.
// Times are the source's (schemaMetadata created/lastModified), not when the catalog stored them.
import type { StoredAspect } from '../../store/store.js';
import { schemaHash, schemaSourceTime } from '../../store/schema-versions.js';
import { breakingReasons, compatibilityRule } from './compatibility.js';
import { diffDescriptions, diffSchemas, type FieldChange } from './schema-diff.js';

type Json = Record<string, any>;

export const COMPATIBILITY_PROPERTY = 'schema.compatibility';

export interface TimelineChange {
  fieldPath: string;
  change: string;
  before: string | null;
  after: string | null;
  /** The change breaks the rule against the previous version. */
  breaking: boolean;
}

export interface TimelineVersion {
  /** 1 for the first distinct schema, then 2, 3, ... */
  version: number;
  hash: string | null;
  schemaName: string | null;
  fieldCount: number;
  /** When the version was created at its source (ms), null when the source did not say. */
  sourceTime: number | null;
  /** When the catalog first stored it (ms). */
  createdAt: number;
  /** The stored aspect versions this schema version spans (0 = latest). */
  aspectVersions: number[];
  changes: TimelineChange[];
  breaking: boolean;
  breakingReasons: string[];
}

export interface SchemaTimeline {
  /** The rule the versions were judged under, e.g. BACKWARD_TRANSITIVE. */
  compatibility: string;
  /** True when the dataset carries no rule and BACKWARD was assumed. */
  compatibilityAssumed: boolean;
  versions: TimelineVersion[];
}

function isAvro(schema: Json, properties: Record<string, string>): boolean {
  const platform = schema.platformSchema ?? {};
  const kafka = platform['com.linkedin.schema.KafkaSchema'];
  if (kafka) return (kafka.documentSchemaType ?? 'AVRO') === 'AVRO';
  const type = properties['schema.type'];
  if (type) return type.toUpperCase() === 'AVRO';
  return false;
}

/** Builds the timeline from the stored versions (any order) and the dataset's custom properties. */
export function schemaTimeline(stored: readonly StoredAspect[], properties: Record<string, string> = {}, compatibility?: string | null): SchemaTimeline {
  // 0 = latest, 1..n = history (1 oldest): chronological is 1..n, then 0.
  const ordered = [...stored.filter((v) => v.version > 0).sort((a, b) => a.version - b.version), ...stored.filter((v) => v.version === 0)];
  const groups: Array<{ first: StoredAspect; last: StoredAspect; versions: number[] }> = [];
  for (const v of ordered) {
    const prev = groups[groups.length - 1];
    const hash = schemaHash(v.value);
    if (prev && hash && schemaHash(prev.first.value) === hash) {
      prev.last = v;
      prev.versions.push(v.version);
    } else groups.push({ first: v, last: v, versions: [v.version] });
  }
  const rule = compatibilityRule(compatibility ?? properties[COMPATIBILITY_PROPERTY] ?? null);
  const versions: TimelineVersion[] = [];
  groups.forEach((g, i) => {
    const value = g.last.value as Json;
    const avro = isAvro(value, properties);
    const previous = i > 0 ? (groups[i - 1]!.last.value as Json) : null;
    const changes: FieldChange[] = diffSchemas(previous, value);
    const reasons = previous ? breakingReasons(changes, rule, avro) : [];
    const breakingChanges = new Set(reasons.map((r) => r.change));
    const allReasons = reasons.map((r) => r.reason);
    if (rule.transitive) {
      for (let j = i - 2; j >= 0; j--) {
        for (const r of breakingReasons(diffSchemas(groups[j]!.last.value as Json, value), rule, avro)) allReasons.push(`against version ${j + 1}: ${r.reason}`);
      }
    }
    versions.push({
      version: i + 1,
      hash: schemaHash(value) || null,
      schemaName: typeof value.schemaName === 'string' ? value.schemaName : null,
      fieldCount: Array.isArray(value.fields) ? value.fields.length : 0,
      sourceTime: schemaSourceTime(g.first.value),
      createdAt: g.first.createdOn.getTime(),
      aspectVersions: g.versions,
      changes: [
        ...changes.map((c) => ({ fieldPath: c.fieldPath, change: c.change, before: c.before, after: c.after, breaking: breakingChanges.has(c) })),
        ...diffDescriptions(previous, value).map((c) => ({ fieldPath: c.fieldPath, change: c.change, before: c.before, after: c.after, breaking: false })),
      ],
      breaking: allReasons.length > 0,
      breakingReasons: [...new Set(allReasons)],
    });
  });
  return { compatibility: rule.level, compatibilityAssumed: rule.assumed, versions };
}
