import type { AspectValue } from '../../model/mcp.js';

/**
 * What ingestion may read from the catalog it writes to: the latest value of an aspect (for
 * `semantics: PATCH`), timeseries values (stateful-ingestion checkpoints). Implemented in-process
 * over the store and over REST against a running server; plugins never see which.
 */
export interface CatalogClient {
  getAspect(urn: string, aspectName: string): Promise<AspectValue | null>;
  getTimeseries(
    urn: string,
    aspectName: string,
    options?: { limit?: number; startTimeMillis?: number; endTimeMillis?: number },
  ): Promise<AspectValue[]>;
}

/** A read-write connection to a catalog, for the `catalog` sink. */
export interface CatalogConnection {
  reader: CatalogClient;
  /** Writes proposals in one transaction (all or nothing). */
  write(proposals: import('../../model/mcp.js').MetadataChangeProposal[]): Promise<void>;
  close(): Promise<void>;
}

/** Opens a catalog by URL (`pglite:./.catalog/data`, `postgres://…`); injected by the composition root. */
export type CatalogConnector = (url: string) => Promise<CatalogConnection>;
