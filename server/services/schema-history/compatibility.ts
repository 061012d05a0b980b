// Is a schema change breaking under the registry's compatibility rule? The rules are Confluent's
// (and Apicurio's, and Glue's), judged on the field-level diff:
//   BACKWARD  the new schema reads data written with the old one: an added field needs a default
//             (or, outside Avro, to be nullable); a type may only widen (int -> long -> float ->
//             double, string <-> bytes); a nullable field may not become required.
//   FORWARD   the old schema reads data written with the new one: a removed field must have had a
//             default (or been nullable outside Avro); a type may only narrow the same way; a
//             required field may not become nullable.
//   FULL      both. NONE: nothing is breaking. *_TRANSITIVE: against every earlier version, not
//             only the previous one (the timeline does that; this module judges one pair).
// A field added or removed together with its parent is judged once, at the parent.
import type { FieldChange, FieldInfo } from './schema-diff.js';

export type Direction = 'BACKWARD' | 'FORWARD';

export interface CompatibilityRule {
  /** As the registry names it, upper-case: BACKWARD, FORWARD_TRANSITIVE, FULL, NONE, ... */
  level: string;
  directions: Direction[];
  transitive: boolean;
}

/** The rule for a level; an unknown or missing level is judged as BACKWARD, Confluent's default. */
export function compatibilityRule(level: string | null | undefined): CompatibilityRule & { assumed: boolean } {
  const l = (level ?? '').trim().toUpperCase().replace(/-/g, '_');
  const transitive = l.endsWith('_TRANSITIVE');
  const base = transitive ? l.slice(0, -'_TRANSITIVE'.length) : l;
  if (base === 'NONE' || base === 'DISABLED') return { level: l, directions: [], transitive: false, assumed: false };
  if (base === 'BACKWARD') return { level: l, directions: ['BACKWARD'], transitive, assumed: false };
  if (base === 'FORWARD') return { level: l, directions: ['FORWARD'], transitive, assumed: false };
  if (base === 'FULL') return { level: l, directions: ['BACKWARD', 'FORWARD'], transitive, assumed: false };
  return { level: 'BACKWARD', directions: ['BACKWARD'], transitive: false, assumed: true };
}

/** Writer type -> reader types it may be read as (Avro's promotions). */
const PROMOTIONS: Record<string, string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
  integer: ['number'],
  int32: ['int64'],
};

function readable(writer: string | null, reader: string | null): boolean {
  if (writer === reader) return true;
  if (!writer || !reader) return false;
  return (PROMOTIONS[writer] ?? []).includes(reader);
}

/** A field may be missing from the data: it has a default, or (outside Avro) it is nullable. */
function optional(f: FieldInfo, avro: boolean): boolean {
  return f.hasDefault || (!avro && f.nullable);
}

/**
 * Why `change` breaks compatibility in `direction`, or null when it does not. `avro` says whether
 * the schema is Avro, where only a default makes a field optional. `addedOrRemoved` are the keys
 * added or removed in the same diff, to judge nested fields once, at their parent.
 */
export function breakingReason(change: FieldChange, direction: Direction, avro: boolean, addedOrRemoved: ReadonlySet<string>): string | null {
  switch (change.change) {
    case 'ADDED': {
      const f = change.new!;
      if (direction !== 'BACKWARD' || (f.parentKey && addedOrRemoved.has(f.parentKey))) return null;
      return optional(f, avro) ? null : `field ${f.key} added without a default: the new schema cannot read data written without it`;
    }
    case 'REMOVED': {
      const f = change.old!;
      if (direction !== 'FORWARD' || (f.parentKey && addedOrRemoved.has(f.parentKey))) return null;
      return optional(f, avro) ? null : `required field ${f.key} removed: readers on the old schema cannot read new data`;
    }
    case 'TYPE_CHANGED': {
      const [w, r] = direction === 'BACKWARD' ? [change.old!, change.new!] : [change.new!, change.old!];
      // The same native type under another logical type (long -> timestamp-millis long) reads the same bytes.
      if (readable(w.nativeDataType, r.nativeDataType)) return null;
      return `field ${change.old!.key} changed type ${change.before} -> ${change.after}, which ${direction === 'BACKWARD' ? 'the new schema cannot read from old data' : 'the old schema cannot read from new data'}`;
    }
    case 'NULLABILITY_CHANGED': {
      const becameRequired = change.old!.nullable && !change.new!.nullable;
      if (direction === 'BACKWARD' && becameRequired) return `field ${change.old!.key} became required: old data may hold nulls`;
      if (direction === 'FORWARD' && !becameRequired) return `field ${change.old!.key} became nullable: readers on the old schema cannot take nulls`;
      return null;
    }
    default:
      return null;
  }
}

/** Every reason the diff breaks the rule (empty: compatible). */
export function breakingReasons(changes: readonly FieldChange[], rule: CompatibilityRule, avro: boolean): Array<{ change: FieldChange; reason: string }> {
  const moved = new Set<string>();
  for (const c of changes) if (c.change === 'ADDED' || c.change === 'REMOVED') moved.add((c.new ?? c.old)!.key);
  const out: Array<{ change: FieldChange; reason: string }> = [];
  for (const change of changes) {
    for (const d of rule.directions) {
      const reason = breakingReason(change, d, avro, moved);
      if (reason) out.push({ change, reason });
    }
  }
  return out;
}
