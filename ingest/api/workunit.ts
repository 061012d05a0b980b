import type { MetadataChangeProposal } from '../../model/mcp.js';

/** What a source yields: one proposal, with a stable id for reports (DataHub's MetadataWorkUnit). */
export interface WorkUnit {
  id: string;
  mcp: MetadataChangeProposal;
}

export function workUnit(mcp: MetadataChangeProposal, id?: string): WorkUnit {
  return { id: id ?? `${mcp.entityUrn}-${mcp.aspectName ?? mcp.changeType}`, mcp };
}
