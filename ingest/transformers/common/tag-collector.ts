// Remembers the tags each entity carried earlier in the stream (dataset-level globalTags and,
// optionally, schema field tags), for transformers that derive another aspect from tags. Only
// tag urns are kept, not the work units.
import type { MetadataChangeProposal } from '../../../model/mcp.js';
import type { CatalogClient } from '../../api/catalog-client.js';
import { asArray, type GlobalTags, type SchemaField, type TagAssociation } from './aspects.js';

function tagsOf(globalTags: unknown): string[] {
  if (!globalTags || typeof globalTags !== 'object') return [];
  return asArray<TagAssociation>((globalTags as GlobalTags).tags).map((t) => t.tag);
}

function fieldTagsOf(schemaMetadata: unknown): string[] {
  if (!schemaMetadata || typeof schemaMetadata !== 'object') return [];
  return asArray<SchemaField>((schemaMetadata as { fields?: unknown }).fields).flatMap((f) => tagsOf(f.globalTags));
}

export class TagCollector {
  private readonly byUrn = new Map<string, Set<string>>();
  constructor(private readonly withFieldTags: boolean) {}

  observe(mcp: MetadataChangeProposal): void {
    if (mcp.changeType === 'PATCH' || !mcp.aspect) return;
    let tags: string[] = [];
    if (mcp.aspectName === 'globalTags') tags = tagsOf(mcp.aspect);
    else if (mcp.aspectName === 'schemaMetadata' && this.withFieldTags) tags = fieldTagsOf(mcp.aspect);
    if (tags.length === 0) return;
    let set = this.byUrn.get(mcp.entityUrn);
    if (!set) this.byUrn.set(mcp.entityUrn, (set = new Set()));
    for (const t of tags) set.add(t);
  }

  /** Tags seen in the stream for the urn, plus the catalog's when there is one. */
  async tags(urn: string, catalog: CatalogClient | null): Promise<string[]> {
    const all = new Set(this.byUrn.get(urn) ?? []);
    if (catalog) {
      for (const t of tagsOf(await catalog.getAspect(urn, 'globalTags'))) all.add(t);
      if (this.withFieldTags) for (const t of fieldTagsOf(await catalog.getAspect(urn, 'schemaMetadata'))) all.add(t);
    }
    return [...all];
  }
}
