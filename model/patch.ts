// PATCH proposals: JSON-Patch (RFC 6902) applied the way DataHub's aspect templates apply it.
// Arrays whose elements have an identity are patched as maps keyed by that identity
// (`/tags/urn:li:tag:pii`, `/owners/<ownerUrn>/<type>`), so two writers adding different tags
// never clobber each other. The aspect is turned into that "map form", the operations run on it,
// and it is turned back into arrays. Path segments use RFC 6901 escaping (`~0` = `~`, `~1` = `/`).
import type { AspectValue, PatchOperation } from './mcp.js';

export class PatchError extends Error {
  override name = 'PatchError';
}

/** An array patched as a map: where it sits (`*` = any key of a map above it), and its key fields. */
interface KeyedArray {
  path: string[];
  /** Fields that identify an element, outermost first; `[]` means the element is its own key (a string array). */
  keys: string[];
}

const tagsOf = (prefix: string[]): KeyedArray => ({ path: [...prefix, 'tags'], keys: ['tag'] });
const termsOf = (prefix: string[]): KeyedArray => ({ path: [...prefix, 'terms'], keys: ['urn'] });

const KEYED_ARRAYS: Record<string, KeyedArray[]> = {
  globalTags: [tagsOf([])],
  glossaryTerms: [termsOf([])],
  ownership: [{ path: ['owners'], keys: ['owner', 'type'] }],
  domains: [{ path: ['domains'], keys: [] }],
  upstreamLineage: [{ path: ['upstreams'], keys: ['dataset'] }],
  datasetProperties: [{ path: ['tags'], keys: [] }],
  editableSchemaMetadata: [
    { path: ['editableSchemaFieldInfo'], keys: ['fieldPath'] },
    tagsOf(['editableSchemaFieldInfo', '*', 'globalTags']),
    termsOf(['editableSchemaFieldInfo', '*', 'glossaryTerms']),
  ],
  institutionalMemory: [{ path: ['elements'], keys: ['url'] }],
  structuredProperties: [{ path: ['properties'], keys: ['propertyUrn'] }],
};

export interface PatchContext {
  /** Audit stamps for defaults the templates fill in (glossaryTerms.auditStamp, ...). */
  now?: number;
  actor?: string;
}

/** The value a template starts from when the aspect does not exist yet (DataHub's `getDefault`). */
function defaultValue(aspectName: string, ctx: Required<PatchContext>): AspectValue {
  const stamp = { time: ctx.now, actor: ctx.actor };
  switch (aspectName) {
    case 'globalTags': return { tags: [] };
    case 'glossaryTerms': return { terms: [], auditStamp: stamp };
    case 'ownership': return { owners: [], ownerTypes: {}, lastModified: stamp };
    case 'domains': return { domains: [] };
    case 'upstreamLineage': return { upstreams: [], fineGrainedLineages: [] };
    case 'datasetProperties': return { customProperties: {}, tags: [] };
    case 'editableSchemaMetadata': return { editableSchemaFieldInfo: [], created: stamp };
    case 'status': return { removed: false };
    default: return {};
  }
}

type Json = unknown;
type JsonObject = Record<string, Json>;
const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

// ---------------------------------------------------------------------------------------------
// Map form

/** Visits every container matched by `path` (with `*` wildcards) and replaces its last field. */
function rewriteAt(root: JsonObject, path: string[], fn: (value: Json) => Json): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === '*') {
    for (const key of Object.keys(root)) if (isObject(root[key])) rewriteAt(root[key] as JsonObject, rest, fn);
    return;
  }
  if (rest.length === 0) {
    if (root[head] !== undefined) root[head] = fn(root[head]);
  } else if (isObject(root[head])) {
    rewriteAt(root[head] as JsonObject, rest, fn);
  }
}

function arrayToMap(value: Json, keys: string[]): Json {
  if (!Array.isArray(value)) return value;
  const map: JsonObject = {};
  for (const element of value) {
    if (keys.length === 0) {
      map[String(element)] = element;
      continue;
    }
    let node = map;
    keys.forEach((key, i) => {
      const id = String((element as JsonObject)?.[key] ?? '');
      if (i === keys.length - 1) node[id] = element;
      else node = (isObject(node[id]) ? node[id] : (node[id] = {})) as JsonObject;
    });
  }
  return map;
}

function mapToArray(value: Json, keys: string[]): Json {
  if (!isObject(value)) return value;
  if (keys.length === 0) return Object.values(value);
  const out: Json[] = [];
  const walk = (node: JsonObject, depth: number, ids: string[]): void => {
    for (const [id, child] of Object.entries(node)) {
      if (depth < keys.length - 1) {
        if (isObject(child)) walk(child, depth + 1, [...ids, id]);
        continue;
      }
      const element: JsonObject = isObject(child) ? { ...child } : { value: child };
      [...ids, id].forEach((k, i) => {
        if (element[keys[i]!] === undefined) element[keys[i]!] = k;
      });
      out.push(element);
    }
  };
  walk(value, 0, []);
  return out;
}

// fineGrainedLineages: /fineGrainedLineages/<transformOperation>/<downstreamUrn>/<queryUrn|NONE>/<upstreamUrn>
// -> {confidenceScore, upstreamType, downstreamType}, as DataHub's UpstreamLineageTemplate does.
function fineGrainedToMap(value: Json): Json {
  if (!Array.isArray(value)) return value;
  const map: JsonObject = {};
  for (const raw of value) {
    const fg = raw as JsonObject;
    const downstreams = fg.downstreams as string[] | undefined;
    if (!Array.isArray(downstreams) || downstreams.length !== 1) {
      throw new PatchError('fineGrainedLineages can be patched only when each lineage has exactly one downstream');
    }
    const op = String(fg.transformOperation ?? 'NONE');
    const query = String(fg.query ?? 'NONE');
    const byOp = (map[op] ??= {}) as JsonObject;
    const byDownstream = (byOp[downstreams[0]!] ??= {}) as JsonObject;
    const byQuery = (byDownstream[query] ??= {}) as JsonObject;
    for (const upstream of (fg.upstreams as string[] | undefined) ?? []) {
      byQuery[upstream] = {
        confidenceScore: fg.confidenceScore ?? 1,
        upstreamType: fg.upstreamType ?? (upstream.startsWith('urn:li:dataset:') ? 'DATASET' : 'FIELD_SET'),
        downstreamType: fg.downstreamType ?? 'FIELD',
      };
    }
  }
  return map;
}

function fineGrainedToArray(value: Json): Json {
  if (!isObject(value)) return value;
  const out: JsonObject[] = [];
  for (const [op, byDownstream] of Object.entries(value)) {
    for (const [downstream, byQuery] of Object.entries(byDownstream as JsonObject)) {
      for (const [query, byUpstream] of Object.entries(byQuery as JsonObject)) {
        const upstreams = Object.entries(byUpstream as JsonObject);
        if (upstreams.length === 0) continue;
        const fg: JsonObject = { upstreamType: 'FIELD_SET', upstreams: [], downstreamType: 'FIELD', downstreams: [downstream] };
        let confidence = 1;
        for (const [upstream, v] of upstreams) {
          (fg.upstreams as string[]).push(upstream);
          const info = isObject(v) ? v : { confidenceScore: v };
          if (typeof info.confidenceScore === 'number') confidence = Math.min(confidence, info.confidenceScore);
          if (info.upstreamType !== undefined) fg.upstreamType = info.upstreamType;
          if (info.downstreamType !== undefined) fg.downstreamType = info.downstreamType;
        }
        fg.confidenceScore = confidence;
        fg.transformOperation = op;
        if (query !== 'NONE') fg.query = query;
        out.push(fg);
      }
    }
  }
  return out;
}

function toMapForm(aspectName: string, value: JsonObject): JsonObject {
  // Outer arrays first, so `*` in nested specs walks the map the outer array became.
  for (const spec of KEYED_ARRAYS[aspectName] ?? []) rewriteAt(value, spec.path, (v) => arrayToMap(v, spec.keys));
  if (aspectName === 'upstreamLineage') rewriteAt(value, ['fineGrainedLineages'], fineGrainedToMap);
  return value;
}

function fromMapForm(aspectName: string, value: JsonObject): JsonObject {
  // Inner arrays first, while their parents are still maps.
  for (const spec of [...(KEYED_ARRAYS[aspectName] ?? [])].reverse()) rewriteAt(value, spec.path, (v) => mapToArray(v, spec.keys));
  if (aspectName === 'upstreamLineage') rewriteAt(value, ['fineGrainedLineages'], fineGrainedToArray);
  return value;
}

// ---------------------------------------------------------------------------------------------
// RFC 6902 on the map form

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`JSON pointer must start with "/": ${pointer}`);
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The parent container of `path`, creating missing intermediate objects when `create` is set. */
function parentOf(root: JsonObject, path: string[], create: boolean): Json {
  let node: Json = root;
  for (const segment of path.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) {
      if (node[segment] === undefined && create) node[segment] = {};
      node = node[segment];
    } else return undefined;
  }
  return node;
}

function getAt(root: JsonObject, path: string[]): Json {
  if (path.length === 0) return root;
  const parent = parentOf(root, path, false);
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) return parent[Number(last)];
  return isObject(parent) ? parent[last] : undefined;
}

function addAt(root: JsonObject, path: string[], value: Json, op: PatchOperation): void {
  const parent = parentOf(root, path, true);
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw new PatchError(`bad array index in ${op.path}`);
    parent.splice(index, 0, value);
  } else if (isObject(parent)) parent[last] = value;
  else throw new PatchError(`cannot add at ${op.path}: parent is not an object or array`);
}

/** Removing what is not there is a no-op: ingestion replays patches, and a repeat must not fail. */
function removeAt(root: JsonObject, path: string[]): Json {
  const parent = parentOf(root, path, false);
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) return parent.splice(Number(last), 1)[0];
  if (isObject(parent)) {
    const old = parent[last];
    delete parent[last];
    return old;
  }
  return undefined;
}

function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function applyOperation(root: JsonObject, op: PatchOperation): JsonObject {
  const path = parsePointer(op.path);
  if (path.length === 0) {
    if (op.op === 'add' || op.op === 'replace') {
      if (!isObject(op.value)) throw new PatchError('replacing the whole aspect needs an object value');
      return clone(op.value);
    }
    throw new PatchError(`"${op.op}" on the whole aspect is not supported`);
  }
  switch (op.op) {
    case 'add':
    case 'replace':
      if (op.value === undefined) throw new PatchError(`"${op.op}" at ${op.path} has no value`);
      if (op.op === 'replace') removeAt(root, path);
      addAt(root, path, clone(op.value), op);
      return root;
    case 'remove':
      removeAt(root, path);
      return root;
    case 'copy':
    case 'move': {
      if (op.from === undefined) throw new PatchError(`"${op.op}" at ${op.path} has no "from"`);
      const from = parsePointer(op.from);
      const value = op.op === 'move' ? removeAt(root, from) : clone(getAt(root, from));
      if (value === undefined) throw new PatchError(`"${op.op}" from ${op.from}: nothing there`);
      addAt(root, path, value, op);
      return root;
    }
    case 'test':
      if (canonical(getAt(root, path)) !== canonical(op.value)) throw new PatchError(`test failed at ${op.path}`);
      return root;
    default:
      throw new PatchError(`unknown patch op "${String((op as { op: unknown }).op)}"`);
  }
}

/**
 * Applies `operations` to `current` (or the aspect's default when it does not exist yet) and
 * returns the new value; `current` is not modified.
 */
export function applyPatch(
  aspectName: string,
  current: AspectValue | null | undefined,
  operations: readonly PatchOperation[],
  context: PatchContext = {},
): AspectValue {
  if (!Array.isArray(operations)) throw new PatchError(`${aspectName}: a PATCH needs an array of operations`);
  const ctx = { now: context.now ?? Date.now(), actor: context.actor ?? 'urn:li:corpuser:datahub' };
  let doc = toMapForm(aspectName, clone(current ?? defaultValue(aspectName, ctx)) as JsonObject);
  for (const op of operations) {
    if (!op || typeof op.path !== 'string') throw new PatchError(`${aspectName}: each patch operation needs "op" and "path"`);
    doc = applyOperation(doc, op);
  }
  return fromMapForm(aspectName, doc);
}
