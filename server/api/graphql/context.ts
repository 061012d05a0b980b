import type { AspectValue } from '../../../model/mcp.js';
import type { Principal } from '../../auth/roles.js';
import type { EditService } from '../../services/edit-service.js';
import type { MetadataService } from '../../services/metadata-service.js';

export interface GraphQLContext {
  principal: Principal;
  metadata: MetadataService;
  edits: EditService;
  /** Entities read in this request, so one query reads each entity once. */
  entity(urn: string): Promise<Record<string, AspectValue> | null>;
}

export function createContext(principal: Principal, metadata: MetadataService, edits: EditService): GraphQLContext {
  const cache = new Map<string, Promise<Record<string, AspectValue> | null>>();
  return {
    principal,
    metadata,
    edits,
    entity(urn) {
      let p = cache.get(urn);
      if (!p) {
        p = metadata.getEntity(urn);
        cache.set(urn, p);
      }
      return p;
    },
  };
}
