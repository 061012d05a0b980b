// The few aspect shapes transformers read and write, typed locally and minimally (DataHub's JSON
// field names). Unknown fields are kept as they came.
import type { AuditStamp } from '../../../model/mcp.js';

export type { AuditStamp };

export interface MetadataAttribution {
  time: number;
  actor: string;
  source?: string;
  sourceDetail?: Record<string, string>;
}

export interface TagAssociation {
  tag: string;
  context?: string;
  attribution?: MetadataAttribution;
  [field: string]: unknown;
}

export interface GlobalTags {
  tags: TagAssociation[];
  [field: string]: unknown;
}

export interface GlossaryTermAssociation {
  urn: string;
  actor?: string;
  context?: string;
  attribution?: MetadataAttribution;
  [field: string]: unknown;
}

export interface GlossaryTerms {
  terms: GlossaryTermAssociation[];
  auditStamp: AuditStamp;
  [field: string]: unknown;
}

export interface Owner {
  owner: string;
  type: string;
  typeUrn?: string;
  source?: { type: string; url?: string };
  attribution?: MetadataAttribution;
  [field: string]: unknown;
}

export interface Ownership {
  owners: Owner[];
  ownerTypes?: Record<string, unknown>;
  lastModified?: AuditStamp;
  [field: string]: unknown;
}

export interface Domains {
  domains: string[];
  [field: string]: unknown;
}

export interface SchemaField {
  fieldPath: string;
  globalTags?: GlobalTags;
  glossaryTerms?: GlossaryTerms;
  [field: string]: unknown;
}

export interface SchemaMetadata {
  fields: SchemaField[];
  [field: string]: unknown;
}

export interface BrowsePathEntry {
  id: string;
  urn?: string;
}

/** The audit stamp DataHub's Python classes write when none is given. */
export const UNKNOWN_AUDIT_STAMP: AuditStamp = { time: 0, actor: 'urn:li:corpuser:unknown' };

/** The actor DataHub's term transformers stamp on glossaryTerms they create. */
export const TERMS_ACTOR = 'urn:li:corpUser:restEmitter';

export function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}
