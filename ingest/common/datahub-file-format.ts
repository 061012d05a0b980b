// The records of DataHub's metadata files, shared by the `file` source and the `file`/`console`
// sinks. DataHub's file sink writes MCPs with the aspect unpacked (`"aspect": {"json": {...}}`),
// or, with `legacy_nested_json_string`, as JSON text (`"aspect": {"value": "...", "contentType":
// "application/json"}`); older files hold MCE snapshots (`{"proposedSnapshot": {...}}`).
import { fromWireMcp, McpFormatError, toWireMcp, type MetadataChangeProposal } from '../../model/mcp.js';
import { isMce, mceToMcps } from '../../model/mce.js';
import { parseUrn } from '../../model/urn.js';

export interface FileRecordOptions {
  /** Write the aspect as nested JSON text, as DataHub's file sink did before 0.9.6. */
  legacyNestedJsonString?: boolean;
}

/** One MCP as DataHub's file sink writes it (field order as DataHub's). */
export function toFileRecord(mcp: MetadataChangeProposal, options: FileRecordOptions = {}): Record<string, unknown> {
  const wire = toWireMcp(mcp);
  const record: Record<string, unknown> = {
    entityType: wire.entityType,
    entityUrn: wire.entityUrn,
    changeType: wire.changeType,
  };
  if (wire.aspectName !== undefined) record.aspectName = wire.aspectName;
  if (mcp.aspect !== undefined) record.aspect = options.legacyNestedJsonString ? wire.aspect : { json: mcp.aspect };
  if (wire.systemMetadata) record.systemMetadata = wire.systemMetadata;
  if (wire.headers) record.headers = wire.headers;
  return record;
}

/**
 * JSON text as Python's `json.dumps(obj, indent=...)` writes it: non-ASCII characters escaped as
 * `\uXXXX` (ensure_ascii), so files compare byte for byte with DataHub's.
 */
export function pythonStyleJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function fromFileMcp(obj: Record<string, unknown>): MetadataChangeProposal {
  let wire = obj;
  const aspect = obj.aspect;
  if (isObject(aspect) && 'json' in aspect) wire = { ...obj, aspect: { value: aspect.json } };
  const mcp = fromWireMcp(wire);
  parseUrn(mcp.entityUrn);
  if ((mcp.changeType === 'UPSERT' || mcp.changeType === 'CREATE' || mcp.changeType === 'PATCH') && !mcp.aspectName) {
    throw new McpFormatError(`${mcp.changeType} proposal for ${mcp.entityUrn} has no aspectName`);
  }
  if (mcp.aspectName && mcp.changeType !== 'DELETE' && mcp.aspect === undefined) {
    throw new McpFormatError(`${mcp.changeType} proposal for ${mcp.entityUrn} ${mcp.aspectName} has no aspect`);
  }
  return mcp;
}

/**
 * The proposals one record stands for: an MCP, or one MCP per aspect of an MCE snapshot.
 * Throws McpFormatError / MceFormatError / UrnError for a malformed record.
 */
export function fromFileRecord(record: unknown): MetadataChangeProposal[] {
  if (!isObject(record)) throw new McpFormatError('record must be a JSON object');
  if (isMce(record)) return mceToMcps(record);
  if ('entityUrn' in record || 'aspect' in record || 'aspectName' in record) return [fromFileMcp(record)];
  throw new McpFormatError(
    'record is neither a MetadataChangeProposal (entityUrn, aspectName, aspect) nor a MetadataChangeEvent (proposedSnapshot); usage aggregations are not supported',
  );
}
