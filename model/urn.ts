// URNs in DataHub's exact formats: `urn:li:<entityType>:<id>`, where a multi-part id is a
// tuple `(a,b,c)` whose parts may themselves be URNs. Parts that are not URNs have the reserved
// characters `,` `(` `)` `␟` percent-encoded (DataHub's UrnEncoder); `%` is not re-encoded.
import { createHash } from 'node:crypto';

export class UrnError extends Error {
  override name = 'UrnError';
}

export interface ParsedUrn {
  /** The full URN text. */
  urn: string;
  /** camelCase entity type, e.g. `dataset`, `corpuser`, `glossaryTerm`. */
  entityType: string;
  /** The raw id after `urn:li:<entityType>:`. */
  id: string;
  /** The tuple parts (still encoded) for tuple ids, or `[id]` for simple ids. */
  parts: string[];
}

const PREFIX = 'urn:li:';

export const FABRIC_TYPES = [
  'DEV', 'TEST', 'QA', 'UAT', 'EI', 'PRE', 'STG', 'NON_PROD', 'PROD', 'CORP', 'RVW', 'PRD', 'TST', 'SIT', 'SBX', 'SANDBOX', 'CERT',
] as const;
export type FabricType = (typeof FABRIC_TYPES)[number];
export const DEFAULT_ENV: FabricType = 'PROD';

export function isFabricType(value: string): value is FabricType {
  return (FABRIC_TYPES as readonly string[]).includes(value);
}

const RESERVED: Record<string, string> = { ',': '%2C', '(': '%28', ')': '%29', '\u241f': '%E2%90%9F' };

/** Percent-encodes the characters DataHub reserves inside URN tuple parts. URNs pass through unchanged. */
export function encodeUrnPart(part: string): string {
  if (part.startsWith(PREFIX)) return part;
  return part.replace(/[,()\u241f]/g, (c) => RESERVED[c] ?? c);
}

export function decodeUrnPart(part: string): string {
  return part.replace(/%2C/gi, ',').replace(/%28/gi, '(').replace(/%29/gi, ')').replace(/%E2%90%9F/gi, '\u241f');
}

/** Splits a tuple body `(a,(b,c),d)` into its top-level parts, tracking parenthesis depth. */
function splitTuple(body: string, urn: string): string[] {
  const inner = body.slice(1, -1);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) throw new UrnError(`unbalanced parentheses in ${urn}`);
    } else if (c === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) throw new UrnError(`unbalanced parentheses in ${urn}`);
  parts.push(inner.slice(start));
  parts.forEach((part, i) => {
    if (part.length === 0) throw new UrnError(`URN tuple part ${i + 1} is empty in ${urn}`);
  });
  return parts;
}

export function parseUrn(urn: string): ParsedUrn {
  if (typeof urn !== 'string' || !urn.startsWith(PREFIX)) throw new UrnError(`not a URN (must start with "urn:li:"): ${String(urn)}`);
  const rest = urn.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) throw new UrnError(`URN has no entity type: ${urn}`);
  const entityType = rest.slice(0, colon);
  const id = rest.slice(colon + 1);
  if (id.length === 0) throw new UrnError(`URN has an empty id: ${urn}`);
  // As DataHub does, an id is a tuple only when it both starts with `(` and ends with `)`.
  const parts = id.startsWith('(') && id.endsWith(')') ? splitTuple(id, urn) : [id];
  return { urn, entityType, id, parts };
}

export function isUrn(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parseUrn(value);
    return true;
  } catch {
    return false;
  }
}

export function entityTypeOf(urn: string): string {
  return parseUrn(urn).entityType;
}

function tuple(entityType: string, parts: string[]): string {
  return `${PREFIX}${entityType}:(${parts.join(',')})`;
}

function simple(entityType: string, id: string, what: string): string {
  if (!id) throw new UrnError(`${what} must not be empty`);
  return `${PREFIX}${entityType}:${id}`;
}

// ---------------------------------------------------------------------------------------------
// Builders (names follow DataHub's mce_builder: make_dataset_urn, make_tag_urn, ...)

export function dataPlatformUrn(platform: string): string {
  return platform.startsWith(`${PREFIX}dataPlatform:`) ? platform : simple('dataPlatform', platform, 'platform');
}

export function platformNameOf(platformUrn: string): string {
  return platformUrn.startsWith(`${PREFIX}dataPlatform:`) ? platformUrn.slice(`${PREFIX}dataPlatform:`.length) : platformUrn;
}

export function dataPlatformInstanceUrn(platform: string, instance: string): string {
  return tuple('dataPlatformInstance', [dataPlatformUrn(platform), encodeUrnPart(instance)]);
}

export interface DatasetKey {
  platform: string;
  name: string;
  env: string;
}

/** `urn:li:dataset:(urn:li:dataPlatform:<platform>,<[instance.]name>,<ENV>)`; env is upper-cased as DataHub does. */
export function datasetUrn(platform: string, name: string, env: string = DEFAULT_ENV, platformInstance?: string | null): string {
  if (!name) throw new UrnError('dataset name must not be empty');
  checkEnv(env.toUpperCase(), `dataset ${name}`);
  const fullName = platformInstance ? `${platformInstance}.${name}` : name;
  return tuple('dataset', [dataPlatformUrn(platform), encodeUrnPart(fullName), env.toUpperCase()]);
}

function checkEnv(env: string, where: string): void {
  if (!isFabricType(env)) throw new UrnError(`env "${env}" is not one of ${FABRIC_TYPES.join(', ')} (in ${where})`);
}

export function parseDatasetUrn(urn: string): DatasetKey {
  const p = parseUrn(urn);
  if (p.entityType !== 'dataset' || p.parts.length !== 3) {
    throw new UrnError(`not a dataset URN (expected urn:li:dataset:(<platform urn>,<name>,<env>)): ${urn}`);
  }
  const [platform, name, env] = p.parts as [string, string, string];
  if (!platform.startsWith(`${PREFIX}dataPlatform:`)) throw new UrnError(`dataset URN platform must be a dataPlatform URN: ${urn}`);
  checkEnv(env, urn);
  return { platform: platformNameOf(platform), name: decodeUrnPart(name), env };
}

export function schemaFieldUrn(parentUrn: string, fieldPath: string): string {
  if (!isUrn(parentUrn)) throw new UrnError(`schemaField parent must be a URN: ${parentUrn}`);
  if (!fieldPath) throw new UrnError('schemaField fieldPath must not be empty');
  return tuple('schemaField', [parentUrn, encodeUrnPart(fieldPath)]);
}

export function parseSchemaFieldUrn(urn: string): { parent: string; fieldPath: string } {
  const p = parseUrn(urn);
  if (p.entityType !== 'schemaField' || p.parts.length !== 2 || !isUrn(p.parts[0])) {
    throw new UrnError(`not a schemaField URN (expected urn:li:schemaField:(<parent urn>,<fieldPath>)): ${urn}`);
  }
  return { parent: p.parts[0]!, fieldPath: decodeUrnPart(p.parts[1]!) };
}

export const tagUrn = (name: string): string => (name.startsWith(`${PREFIX}tag:`) ? name : simple('tag', name, 'tag name'));
export const glossaryTermUrn = (name: string): string =>
  name.startsWith(`${PREFIX}glossaryTerm:`) ? name : simple('glossaryTerm', name, 'glossary term name');
export const glossaryNodeUrn = (name: string): string =>
  name.startsWith(`${PREFIX}glossaryNode:`) ? name : simple('glossaryNode', name, 'glossary node name');
export const corpUserUrn = (username: string): string =>
  username.startsWith(`${PREFIX}corpuser:`) ? username : simple('corpuser', username, 'user name');
export const corpGroupUrn = (name: string): string =>
  name.startsWith(`${PREFIX}corpGroup:`) ? name : simple('corpGroup', name, 'group name');
export const domainUrn = (id: string): string => (id.startsWith(`${PREFIX}domain:`) ? id : simple('domain', id, 'domain id'));
export const containerUrn = (guid: string): string =>
  guid.startsWith(`${PREFIX}container:`) ? guid : simple('container', guid, 'container guid');
export const dataProductUrn = (id: string): string =>
  id.startsWith(`${PREFIX}dataProduct:`) ? id : simple('dataProduct', id, 'data product id');
export const ownershipTypeUrn = (id: string): string =>
  id.startsWith(`${PREFIX}ownershipType:`) ? id : simple('ownershipType', id, 'ownership type id');

/** The last segment of a simple URN (`urn:li:tag:pii` -> `pii`). */
export function urnName(urn: string): string {
  return parseUrn(urn).id;
}

export function dataFlowUrn(orchestrator: string, flowId: string, cluster = 'prod', platformInstance?: string | null): string {
  if (!orchestrator || !flowId || !cluster) throw new UrnError('dataFlow orchestrator, flow id and cluster must not be empty');
  const id = platformInstance ? `${platformInstance}.${flowId}` : flowId;
  return tuple('dataFlow', [encodeUrnPart(orchestrator), encodeUrnPart(id), encodeUrnPart(cluster)]);
}

export function dataJobUrn(flowUrn: string, jobId: string): string {
  if (!flowUrn.startsWith(`${PREFIX}dataFlow:`)) throw new UrnError(`dataJob flow must be a dataFlow URN: ${flowUrn}`);
  if (!jobId) throw new UrnError('dataJob id must not be empty');
  return tuple('dataJob', [flowUrn, encodeUrnPart(jobId)]);
}

// ---------------------------------------------------------------------------------------------
// GUIDs: DataHub's `datahub_guid` = md5 of `json.dumps(obj, separators=(",", ":"), sort_keys=True)`
// (Python's default ensure_ascii=True, so non-ASCII characters are written as \uXXXX escapes).

function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${pythonJson(k)}:${pythonJson(obj[k])}`).join(',')}}`;
}

export function datahubGuid(obj: Record<string, unknown>): string {
  return createHash('md5').update(pythonJson(obj), 'utf8').digest('hex');
}

/**
 * Container key as DataHub's `DatabaseKey` / `SchemaKey` / `BucketKey`...: `platform` is the bare
 * platform name, `instance` is the platform instance, `env` is left out (DataHub excludes it),
 * and absent values are dropped before hashing.
 */
export interface ContainerKey {
  platform: string;
  instance?: string | null;
  [field: string]: string | null | undefined;
}

export function containerGuid(key: ContainerKey): string {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(key)) {
    if (v === undefined || v === null || k === 'env') continue;
    clean[k] = k === 'platform' ? platformNameOf(v) : v;
  }
  return datahubGuid(clean);
}

export function containerUrnForKey(key: ContainerKey): string {
  return containerUrn(containerGuid(key));
}
