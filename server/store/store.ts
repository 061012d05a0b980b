// The metadata store contract: the source of truth. One SQL schema, two engines (PGlite embedded,
// PostgreSQL server), chosen by URL. Search and graph are derived from it.
import type { AspectValue, MetadataChangeLog, MetadataChangeProposal, SystemMetadata } from '../../model/mcp.js';

export interface StoredAspect {
  urn: string;
  aspectName: string;
  /** 0 = latest; 1..n = history (1 is the oldest kept). */
  version: number;
  value: AspectValue;
  systemMetadata: SystemMetadata | null;
  createdOn: Date;
  createdBy: string;
}

export interface TimeseriesValue {
  urn: string;
  aspectName: string;
  timestampMillis: number;
  value: AspectValue;
  systemMetadata: SystemMetadata | null;
}

export interface ApplyResult {
  /** One entry per input proposal, in order. */
  results: Array<{ urn: string; aspectName: string | null; outcome: 'created' | 'updated' | 'unchanged' | 'appended' | 'deleted'; version: number | null }>;
  /** The change logs emitted (unchanged writes emit none). */
  logs: MetadataChangeLog[];
}

export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
}

export interface MetadataStore {
  /** Applies proposals in one transaction; all or nothing. Emits MCLs on the bus after commit. */
  apply(proposals: MetadataChangeProposal[], options?: { actor?: string }): Promise<ApplyResult>;
  getAspect(urn: string, aspectName: string, version?: number): Promise<StoredAspect | null>;
  getAspectVersions(urn: string, aspectName: string): Promise<StoredAspect[]>;
  getEntity(urn: string): Promise<Record<string, AspectValue> | null>;
  getTimeseries(
    urn: string,
    aspectName: string,
    options?: { startTimeMillis?: number; endTimeMillis?: number; limit?: number },
  ): Promise<TimeseriesValue[]>;
  /** Soft delete: writes `status {removed: true}`. */
  softDelete(urn: string, options?: { actor?: string }): Promise<void>;
  /** Hard delete: removes every aspect and timeseries value of the entity. */
  hardDelete(urn: string, options?: { actor?: string }): Promise<number>;
  listUrns(options?: { entityType?: string; start?: number; count?: number }): Promise<string[]>;
  /**
   * URNs whose latest `aspectName` contains `fragment` (JSON containment), e.g. the terms whose
   * glossaryRelatedTerms has `{isRelatedTerms: [urn]}`: incoming relationships without a graph.
   */
  findReferencing(aspectName: string, fragment: AspectValue, limit?: number): Promise<string[]>;
  /** Entities by the time their latest aspects last changed, newest first (the UI's "recently changed"). */
  listRecentlyChanged(options?: { entityType?: string; count?: number }): Promise<Array<{ urn: string; changedAt: Date }>>;
  close(): Promise<void>;
}
