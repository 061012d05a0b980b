// The metadata service: the one place the APIs (REST, GraphQL) go through to read and write the
// store. It decodes and checks proposals, keeps the catalog's own secrets out of reach of generic
// reads and writes, and maps store errors to API errors.
import { mceToMcps } from '../../model/mce.js';
import { fromWireMcp, McpFormatError, type AspectValue, type MetadataChangeProposal, type SystemMetadata } from '../../model/mcp.js';
import { parseUrn, UrnError } from '../../model/urn.js';
import { InvalidProposalError } from '../store/errors.js';
import { StoreConflictError, type MetadataStore, type StoredAspect, type TimeseriesValue } from '../store/store.js';
import { ApiError } from './errors.js';

/** Entity types only the token service may read or write (their aspects hold secrets' hashes). */
export const PROTECTED_ENTITY_TYPES = new Set(['dataHubAccessToken']);

export interface TimeseriesQuery {
  startTimeMillis?: number;
  endTimeMillis?: number;
  limit?: number;
  /** DataHub's filter: `{or: [{and: [{field, values, condition: 'EQUAL'}]}]}` on top-level fields. */
  filter?: { or?: Array<{ and?: Array<{ field: string; values?: string[]; value?: string; condition?: string }> }> };
}

function matchesFilter(value: AspectValue, filter: TimeseriesQuery['filter']): boolean {
  if (!filter?.or?.length) return true;
  return filter.or.some((clause) =>
    (clause.and ?? []).every((c) => {
      const actual = value[c.field];
      const wanted = c.values ?? (c.value !== undefined ? [c.value] : []);
      return wanted.some((w) => String(actual) === w);
    }),
  );
}

export class MetadataService {
  constructor(private readonly store: MetadataStore) {}

  /** Decodes wire proposals (Rest.li or OpenAPI bodies); errors name the proposal's index. */
  decode(wire: unknown[]): MetadataChangeProposal[] {
    return wire.map((w, i) => {
      try {
        const mcp = fromWireMcp(w);
        parseUrn(mcp.entityUrn);
        return mcp;
      } catch (e) {
        if (e instanceof McpFormatError || e instanceof UrnError) throw new ApiError('UNPROCESSABLE', `proposal ${i}: ${e.message}`);
        throw e;
      }
    });
  }

  decodeMce(mce: unknown, systemMetadata?: SystemMetadata): MetadataChangeProposal[] {
    try {
      return mceToMcps(mce).map((m) => (systemMetadata ? { ...m, systemMetadata } : m));
    } catch (e) {
      throw new ApiError('UNPROCESSABLE', `snapshot: ${(e as Error).message}`);
    }
  }

  async ingest(proposals: MetadataChangeProposal[], actor: string): Promise<void> {
    for (const [i, p] of proposals.entries()) {
      if (PROTECTED_ENTITY_TYPES.has(p.entityType) || PROTECTED_ENTITY_TYPES.has(parseUrn(p.entityUrn).entityType)) {
        throw new ApiError('FORBIDDEN', `proposal ${i}: ${p.entityType} entities are managed through the token API only`);
      }
    }
    try {
      await this.store.apply(proposals, { actor });
    } catch (e) {
      if (e instanceof InvalidProposalError) throw new ApiError('UNPROCESSABLE', e.message);
      if (e instanceof StoreConflictError) throw new ApiError('CONFLICT', e.message);
      throw e;
    }
  }

  private guardRead(urn: string): void {
    let type: string;
    try {
      type = parseUrn(urn).entityType;
    } catch (e) {
      throw new ApiError('BAD_REQUEST', (e as Error).message);
    }
    if (PROTECTED_ENTITY_TYPES.has(type)) throw new ApiError('FORBIDDEN', `${type} entities are not readable through this API`);
  }

  async getAspect(urn: string, aspectName: string, version = 0): Promise<StoredAspect | null> {
    this.guardRead(urn);
    return this.store.getAspect(urn, aspectName, version);
  }

  async getEntity(urn: string): Promise<Record<string, AspectValue> | null> {
    this.guardRead(urn);
    return this.store.getEntity(urn);
  }

  async getTimeseries(urn: string, aspectName: string, q: TimeseriesQuery = {}): Promise<TimeseriesValue[]> {
    this.guardRead(urn);
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
    const fetchLimit = q.filter?.or?.length ? 10_000 : limit;
    const values = await this.store.getTimeseries(urn, aspectName, { startTimeMillis: q.startTimeMillis, endTimeMillis: q.endTimeMillis, limit: fetchLimit });
    return values.filter((v) => matchesFilter(v.value, q.filter)).slice(0, limit);
  }

  async getAspectVersions(urn: string, aspectName: string): Promise<StoredAspect[]> {
    this.guardRead(urn);
    return this.store.getAspectVersions(urn, aspectName);
  }

  /** URNs whose latest aspect contains the fragment (incoming relationships). */
  findReferencing(aspectName: string, fragment: AspectValue, limit?: number): Promise<string[]> {
    return this.store.findReferencing(aspectName, fragment, limit);
  }

  listUrns(entityType: string, count = 1000): Promise<string[]> {
    if (PROTECTED_ENTITY_TYPES.has(entityType)) throw new ApiError('FORBIDDEN', `${entityType} entities are not listable through this API`);
    return this.store.listUrns({ entityType, count });
  }

  listRecentlyChanged(entityType: string, count = 20): Promise<Array<{ urn: string; changedAt: Date }>> {
    if (PROTECTED_ENTITY_TYPES.has(entityType)) throw new ApiError('FORBIDDEN', `${entityType} entities are not listable through this API`);
    return this.store.listRecentlyChanged({ entityType, count });
  }

  async deleteEntity(urn: string, actor: string): Promise<number> {
    this.guardRead(urn);
    return this.store.hardDelete(urn, { actor });
  }
}
