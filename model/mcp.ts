// MetadataChangeProposal (a write) and MetadataChangeLog (what a committed write emits), with
// DataHub's field names. In memory the aspect is a decoded JSON object; the wire form (REST, files)
// carries it as `{ value: "<json text>", contentType }`, converted by `toWireMcp` / `fromWireMcp`.
import { entityTypeOf } from './urn.js';

export const CHANGE_TYPES = ['UPSERT', 'CREATE', 'UPDATE', 'DELETE', 'PATCH', 'RESTATE', 'CREATE_ENTITY'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export interface AuditStamp {
  time: number;
  actor: string;
  impersonator?: string;
  message?: string;
}

export interface SystemMetadata {
  lastObserved?: number;
  runId?: string;
  lastRunId?: string;
  pipelineName?: string;
  registryName?: string;
  registryVersion?: string;
  properties?: Record<string, string>;
  version?: string;
  [key: string]: unknown;
}

export type AspectValue = Record<string, unknown>;

/** One JSON-Patch operation (RFC 6902) as DataHub's PATCH proposals carry them. */
export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'copy' | 'move' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

export interface MetadataChangeProposal {
  entityType: string;
  entityUrn: string;
  changeType: ChangeType;
  aspectName?: string;
  /** The decoded aspect for UPSERT/CREATE; for PATCH, the list of patch operations. */
  aspect?: AspectValue | PatchOperation[];
  systemMetadata?: SystemMetadata;
  headers?: Record<string, string>;
}

export interface MetadataChangeLog extends MetadataChangeProposal {
  previousAspectValue?: AspectValue | null;
  previousSystemMetadata?: SystemMetadata | null;
  created: AuditStamp;
  /** Version number the write produced (versioned aspects) or null (timeseries, deletes). */
  version?: number | null;
}

export function makeMcp(
  entityUrn: string,
  aspectName: string,
  aspect: AspectValue,
  changeType: ChangeType = 'UPSERT',
): MetadataChangeProposal {
  return { entityType: entityTypeOf(entityUrn), entityUrn, changeType, aspectName, aspect };
}

export interface WireGenericAspect {
  value: string;
  contentType: string;
}

export interface WireMcp {
  entityType: string;
  entityUrn: string;
  changeType: string;
  aspectName?: string;
  aspect?: WireGenericAspect;
  systemMetadata?: SystemMetadata;
  headers?: Record<string, string>;
}

export function toWireMcp(mcp: MetadataChangeProposal): WireMcp {
  const wire: WireMcp = { entityType: mcp.entityType, entityUrn: mcp.entityUrn, changeType: mcp.changeType };
  if (mcp.aspectName !== undefined) wire.aspectName = mcp.aspectName;
  if (mcp.aspect !== undefined) {
    wire.aspect = {
      value: JSON.stringify(mcp.aspect),
      contentType: mcp.changeType === 'PATCH' ? 'application/json-patch+json' : 'application/json',
    };
  }
  if (mcp.systemMetadata) wire.systemMetadata = mcp.systemMetadata;
  if (mcp.headers) wire.headers = mcp.headers;
  return wire;
}

export class McpFormatError extends Error {
  override name = 'McpFormatError';
}

/** Decodes a wire MCP (aspect as JSON text, or as an object as some writers emit it). */
export function fromWireMcp(wire: unknown): MetadataChangeProposal {
  if (!wire || typeof wire !== 'object') throw new McpFormatError('proposal must be an object');
  const w = wire as Record<string, unknown>;
  const entityUrn = w.entityUrn;
  if (typeof entityUrn !== 'string') throw new McpFormatError('proposal.entityUrn must be a string');
  const changeType = (w.changeType ?? 'UPSERT') as ChangeType;
  if (!CHANGE_TYPES.includes(changeType)) throw new McpFormatError(`proposal.changeType "${String(w.changeType)}" is not one of ${CHANGE_TYPES.join(', ')}`);
  const mcp: MetadataChangeProposal = {
    entityType: typeof w.entityType === 'string' ? w.entityType : entityTypeOf(entityUrn),
    entityUrn,
    changeType,
  };
  if (typeof w.aspectName === 'string') mcp.aspectName = w.aspectName;
  if (w.aspect !== undefined && w.aspect !== null) {
    const a = w.aspect as Record<string, unknown>;
    let decoded: unknown = a;
    if (typeof a.value === 'string') {
      try {
        decoded = JSON.parse(a.value);
      } catch (e) {
        throw new McpFormatError(`proposal.aspect.value is not valid JSON: ${(e as Error).message}`);
      }
    } else if (a.value !== undefined && typeof a.value === 'object') {
      decoded = a.value;
    }
    // PATCH may come as the envelope {patch:[...], arrayPrimaryKeys:{...}}
    if (changeType === 'PATCH' && decoded && !Array.isArray(decoded) && Array.isArray((decoded as { patch?: unknown }).patch)) {
      decoded = (decoded as { patch: unknown[] }).patch;
    }
    mcp.aspect = decoded as AspectValue | PatchOperation[];
  }
  if (w.systemMetadata && typeof w.systemMetadata === 'object') mcp.systemMetadata = w.systemMetadata as SystemMetadata;
  if (w.headers && typeof w.headers === 'object') mcp.headers = w.headers as Record<string, string>;
  return mcp;
}
