// The versioning rule for schemaMetadata, on top of "an identical write creates no version":
// each distinct schema (by its `hash`) enters the history once, so a source that backfills its
// history by re-emitting every version oldest first (schema registries, Hudi timelines) can run
// again and again without adding versions. A schemaMetadata proposal is ignored (no version, no
// change log) when
//   1. its source time is older than the latest stored version's (the catalog never goes back to
//      an older schema because a source re-sent it), or
//   2. its hash is the hash of an earlier (not the latest) stored version and its source time is
//      not newer than the latest's (a re-sent old version; a schema that really came back later,
//      with a newer time, is a new version).
// The source time is `created.time`, else `lastModified.time`; 0 means unknown and disables the
// time comparisons (rule 2 then applies on the hash alone). An empty hash disables the rule.
import type { AspectValue } from '../../model/mcp.js';

export const SCHEMA_ASPECT = 'schemaMetadata';

const stampTime = (stamp: unknown): number => {
  const t = (stamp as { time?: unknown } | undefined)?.time;
  return typeof t === 'number' && Number.isFinite(t) && t > 0 ? t : 0;
};

/** When the version was created at its source (ms), or null when the source did not say. */
export function schemaSourceTime(value: AspectValue | null | undefined): number | null {
  if (!value) return null;
  const t = stampTime(value.created) || stampTime(value.lastModified);
  return t > 0 ? t : null;
}

export function schemaHash(value: AspectValue | null | undefined): string {
  const h = value?.hash;
  return typeof h === 'string' ? h : '';
}

/** True when `incoming` must not become a new version (see the rules above). */
export function isStaleSchemaVersion(incoming: AspectValue, latest: AspectValue | null, earlierHashes: ReadonlySet<string>): boolean {
  if (!latest) return false;
  const hash = schemaHash(incoming);
  if (!hash) return false;
  const t = schemaSourceTime(incoming);
  const tLatest = schemaSourceTime(latest);
  if (t !== null && tLatest !== null && t < tLatest) return true;
  if (hash !== schemaHash(latest) && earlierHashes.has(hash)) return !(t !== null && tLatest !== null && t > tLatest);
  return false;
}
