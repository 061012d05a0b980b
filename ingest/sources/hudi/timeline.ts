// The table's timeline in both layouts. 0.x (table version <= 7): instant files directly in
// `.hoodie/`, `<instant>.<action>[.requested|.inflight]`, completed commit metadata as JSON.
// 1.x (table version >= 8): `.hoodie/timeline/`, completed instants named
// `<requested>_<completion>.<action>`, commit metadata as Avro container files. The layout is
// taken from what is on disk, so a table whose properties are missing or unknown still reads.
import type { HudiStorage } from './storage.js';

export const INSTANT_STATES = ['requested', 'inflight', 'completed'] as const;
export type InstantState = (typeof INSTANT_STATES)[number];

/** Actions that write data and carry commit metadata when completed. */
export const WRITE_ACTIONS = new Set(['commit', 'deltacommit', 'replacecommit']);
/** Pending actions that complete under another action's name. */
const COMPLETES_AS: Record<string, string> = { compaction: 'commit', logcompaction: 'deltacommit', clustering: 'replacecommit' };
export const KNOWN_ACTIONS = new Set([
  'commit', 'deltacommit', 'compaction', 'logcompaction', 'clean', 'rollback', 'replacecommit', 'clustering', 'savepoint', 'restore', 'indexing', 'schemacommit',
]);

export interface Instant {
  /** Requested (0.x: the only) instant time, `yyyyMMddHHmmss[SSS]`. */
  requestedTime: string;
  /** 1.x only: when the instant completed. */
  completionTime: string | null;
  /** The action as the catalog counts it: a completed compaction is `compaction`, not `commit`. */
  action: string;
  /** The action of the completed file (`commit` for a compaction). */
  fileAction: string;
  state: InstantState;
  /** The file holding the furthest state (metadata of a completed instant). */
  file: string;
}

export interface Timeline {
  layout: '0.x' | '1.x';
  dir: string;
  /** Every instant, in requested-time order, each at its furthest state. */
  instants: Instant[];
  /** File names that look like instants but could not be understood. */
  unrecognised: string[];
}

const COMPLETED_1X = /^(\d{8,17})_(\d{8,17})\.([a-z]+)$/;
const PENDING = /^(\d{8,17})\.(?:([a-z]+)\.)?(requested|inflight)$/;
const COMPLETED_0X = /^(\d{8,17})\.([a-z]+)$/;

interface ParsedName {
  requestedTime: string;
  completionTime: string | null;
  action: string;
  state: InstantState;
}

/** Parses one timeline file name; null when it is not an instant file (properties, folders, ...). */
export function parseInstantFileName(name: string): ParsedName | null {
  let m = COMPLETED_1X.exec(name);
  if (m) return { requestedTime: m[1]!, completionTime: m[2]!, action: m[3]!, state: 'completed' };
  m = PENDING.exec(name);
  // `<instant>.inflight` with no action is an inflight commit (Hudi's HoodieTimeline.INFLIGHT_EXTENSION).
  if (m) return { requestedTime: m[1]!, completionTime: null, action: m[2] ?? 'commit', state: m[3] as InstantState };
  m = COMPLETED_0X.exec(name);
  if (m) return { requestedTime: m[1]!, completionTime: null, action: m[2]!, state: 'completed' };
  return null;
}

const RANK: Record<InstantState, number> = { requested: 0, inflight: 1, completed: 2 };

/** Lists the timeline of the table whose `.hoodie` folder is given; `timelinePath` from the properties (1.x). */
export async function readTimeline(storage: HudiStorage, hoodieDir: string, timelinePath: string | null): Promise<Timeline> {
  const dir1x = storage.join(hoodieDir, timelinePath ?? 'timeline');
  const entries1x = (await storage.list(dir1x)).filter((e) => !e.isDirectory);
  const layout = entries1x.some((e) => parseInstantFileName(e.name)) ? '1.x' : '0.x';
  const dir = layout === '1.x' ? dir1x : hoodieDir;
  const entries = layout === '1.x' ? entries1x : (await storage.list(hoodieDir)).filter((e) => !e.isDirectory);

  const byTime = new Map<string, { pendingAction: string | null; best: ParsedName & { file: string } }>();
  const unrecognised: string[] = [];
  for (const e of entries) {
    const parsed = parseInstantFileName(e.name);
    if (!parsed) continue;
    if (!KNOWN_ACTIONS.has(parsed.action)) {
      unrecognised.push(e.name);
      continue;
    }
    const slot = byTime.get(parsed.requestedTime);
    const withFile = { ...parsed, file: storage.join(dir, e.name) };
    const pendingAction = parsed.state !== 'completed' && COMPLETES_AS[parsed.action] ? parsed.action : null;
    if (!slot) byTime.set(parsed.requestedTime, { pendingAction, best: withFile });
    else {
      slot.pendingAction ??= pendingAction;
      if (RANK[parsed.state] > RANK[slot.best.state]) slot.best = withFile;
    }
  }
  const instants = [...byTime.values()]
    .map(({ pendingAction, best }): Instant => ({
      requestedTime: best.requestedTime,
      completionTime: best.completionTime,
      // A compaction's plan is `.compaction.requested`; it completes as a `commit`.
      action: best.state === 'completed' && pendingAction && COMPLETES_AS[pendingAction] === best.action ? pendingAction : best.action,
      fileAction: best.action,
      state: best.state,
      file: best.file,
    }))
    .sort((a, b) => a.requestedTime.localeCompare(b.requestedTime));
  return { layout, dir, instants, unrecognised: unrecognised.sort() };
}

/** Counts of instants by state and action: `{completed: {commit: 4}, inflight: {deltacommit: 1}}`. */
export function countInstants(instants: Instant[]): Record<InstantState, Record<string, number>> {
  const out: Record<InstantState, Record<string, number>> = { requested: {}, inflight: {}, completed: {} };
  for (const i of instants) out[i.state][i.action] = (out[i.state][i.action] ?? 0) + 1;
  return out;
}

/** Completed instants that changed the table's data: commits, deltacommits, compactions, replacecommits. */
export function completedWrites(timeline: Timeline): Instant[] {
  return timeline.instants.filter((i) => i.state === 'completed' && WRITE_ACTIONS.has(i.fileAction));
}

/**
 * Milliseconds since the epoch of an instant time. Hudi writes instants in the writer's time zone
 * (`hoodie.table.timeline.timezone`, LOCAL by default); without knowing it, UTC is assumed.
 */
export function instantMillis(instant: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})?$/.exec(instant);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms ?? 0));
  return Number.isNaN(t) ? null : t;
}
