// The containers an entity sits in, for `is_container` roll-ups: taken from the browsePathsV2
// the entity carried in the stream, else from the catalog. Keeps container urns per entity urn.
import type { MetadataChangeProposal } from '../../../model/mcp.js';
import type { CatalogClient } from '../../api/catalog-client.js';
import { asArray, type BrowsePathEntry } from './aspects.js';

function containersIn(browsePaths: unknown): string[] {
  if (!browsePaths || typeof browsePaths !== 'object') return [];
  return asArray<BrowsePathEntry>((browsePaths as { path?: unknown }).path)
    .map((e) => e.urn)
    .filter((u): u is string => typeof u === 'string' && u.startsWith('urn:li:container:'));
}

export class ContainerPaths {
  private readonly byUrn = new Map<string, string[]>();

  observe(mcp: MetadataChangeProposal): void {
    if (mcp.aspectName === 'browsePathsV2' && mcp.changeType !== 'PATCH' && mcp.aspect) {
      this.byUrn.set(mcp.entityUrn, containersIn(mcp.aspect));
    }
  }

  async containersOf(urn: string, catalog: CatalogClient | null): Promise<string[]> {
    const fromStream = this.byUrn.get(urn);
    if (fromStream) return fromStream;
    return catalog ? containersIn(await catalog.getAspect(urn, 'browsePathsV2')) : [];
  }
}

/** RFC 6901 escaping of one JSON-Pointer segment, as DataHub's patch builders write paths. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
