// Tag and term transformers also emit the key aspect of every tag / term they add (once per urn
// per run), so the referenced entities exist in the catalog, as DataHub's tag transformers do.
import { makeMcp, type MetadataChangeProposal } from '../../../model/mcp.js';
import { parseUrn } from '../../../model/urn.js';

const KEY_ASPECTS: Record<string, string> = { tag: 'tagKey', glossaryTerm: 'glossaryTermKey' };

export class KeyAspects {
  private readonly urns = new Set<string>();

  add(urns: Iterable<string>): void {
    for (const urn of urns) this.urns.add(urn);
  }

  /** The key aspects, in the order the urns were first added; emits each urn once. */
  drain(): MetadataChangeProposal[] {
    const out: MetadataChangeProposal[] = [];
    for (const urn of this.urns) {
      const { entityType, id } = parseUrn(urn);
      const aspectName = KEY_ASPECTS[entityType];
      if (aspectName) out.push(makeMcp(urn, aspectName, { name: id }));
    }
    this.urns.clear();
    return out;
  }
}
