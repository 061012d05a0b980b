// The proposals a glossary file stands for, in DataHub's order: each node (glossaryNodeInfo,
// ownership, institutionalMemory), then its child nodes, then its terms (domains,
// glossaryTermInfo, glossaryRelatedTerms, ownership, institutionalMemory); top-level nodes first,
// then top-level terms. DataHub sends the info/related/ownership aspects as one MCE snapshot;
// here they are the same aspects as separate MCPs, as DataHub's own file sink writes them.
import type { AspectValue, MetadataChangeProposal } from '../../../model/mcp.js';
import { makeMcp } from '../../../model/mcp.js';
import { corpGroupUrn, corpUserUrn } from '../../../model/urn.js';
import type { GlossaryFile, GlossaryNode, GlossaryOwners, GlossaryTerm } from './glossary-file.js';
import { resolveTermRef, type GlossaryUrns } from './urns.js';

export interface ProposalOptions {
  urns: GlossaryUrns;
  enableAutoId: boolean;
  /** Clock for the institutionalMemory create stamps. */
  now: () => number;
  /** Domain name or URN -> domain URN. */
  resolveDomain: (domain: string, termUrn: string) => Promise<string>;
  /** Called for a reference to a term this file does not define. */
  onUnresolvedTerm: (ref: string, relation: string, fromUrn: string, fallbackUrn: string) => Promise<void>;
}

const GROUP_OR_USER = /^urn:li:(corpuser|corpGroup):/;

function ownersOf(entries: GlossaryOwners[]): AspectValue[] {
  const out: AspectValue[] = [];
  for (const entry of entries) {
    const actual = entry.type ?? 'DEVELOPER';
    let type: string;
    let typeUrn: string | undefined;
    if (actual.startsWith('urn:li:')) {
      type = 'CUSTOM';
      typeUrn = actual;
    } else type = actual.toUpperCase();
    if (entry.typeUrn) typeUrn = entry.typeUrn;
    const owner = (urn: string): AspectValue => (typeUrn ? { owner: urn, type, typeUrn } : { owner: urn, type });
    for (const u of entry.users ?? []) out.push(owner(GROUP_OR_USER.test(u) ? u : corpUserUrn(u)));
    for (const g of entry.groups ?? []) out.push(owner(GROUP_OR_USER.test(g) ? g : corpGroupUrn(g)));
  }
  return out;
}

export function ownershipAspect(owners: GlossaryOwners | GlossaryOwners[]): AspectValue {
  return {
    owners: ownersOf(Array.isArray(owners) ? owners : [owners]),
    ownerTypes: {},
    lastModified: { time: 0, actor: 'urn:li:corpuser:unknown' },
  };
}

function institutionalMemory(
  urn: string,
  links: Array<{ url?: string | null; label?: string | null }> | null | undefined,
  now: () => number,
): MetadataChangeProposal | null {
  const elements = (links ?? [])
    .filter((l) => l.label && l.url)
    .map((l) => ({
      url: l.url!,
      description: l.label!,
      createStamp: { time: now(), actor: 'urn:li:corpuser:datahub', message: 'ingestion bot' },
    }));
  return elements.length > 0 ? makeMcp(urn, 'institutionalMemory', { elements }) : null;
}

type Owners = GlossaryOwners | GlossaryOwners[];

async function* nodeProposals(
  node: GlossaryNode,
  parentUrn: string | null,
  parentOwners: AspectValue,
  glossary: GlossaryFile,
  o: ProposalOptions,
): AsyncGenerator<MetadataChangeProposal> {
  const urn = o.urns.urnOf.get(node)!;
  const info: AspectValue = { customProperties: node.custom_properties ?? {}, definition: node.description };
  if (parentUrn) info.parentNode = parentUrn;
  info.name = node.name;
  yield makeMcp(urn, 'glossaryNodeInfo', info);
  const owners = node.owners ? ownershipAspect(node.owners as Owners) : parentOwners;
  yield makeMcp(urn, 'ownership', owners);
  const memory = institutionalMemory(urn, node.knowledge_links, o.now);
  if (memory) yield memory;
  for (const child of node.nodes ?? []) yield* nodeProposals(child, urn, owners, glossary, o);
  for (const term of node.terms ?? []) yield* termProposals(term, urn, owners, glossary, o);
}

const RELATIONS = [
  ['inherits', 'isRelatedTerms'],
  ['contains', 'hasRelatedTerms'],
  ['values', 'values'],
  ['related_terms', 'relatedTerms'],
] as const;

async function* termProposals(
  term: GlossaryTerm,
  parentUrn: string | null,
  parentOwners: AspectValue,
  glossary: GlossaryFile,
  o: ProposalOptions,
): AsyncGenerator<MetadataChangeProposal> {
  const urn = o.urns.urnOf.get(term)!;
  if (term.domain) yield makeMcp(urn, 'domains', { domains: [await o.resolveDomain(term.domain, urn)] });

  const info: AspectValue = { customProperties: term.custom_properties ?? {}, name: term.name, definition: term.description };
  if (parentUrn) info.parentNode = parentUrn;
  info.termSource = term.term_source ?? glossary.source_type;
  const sourceRef = term.source_ref || glossary.source;
  if (sourceRef) info.sourceRef = sourceRef;
  const sourceUrl = term.source_url || glossary.url;
  if (sourceUrl) info.sourceUrl = sourceUrl;
  yield makeMcp(urn, 'glossaryTermInfo', info);

  const related: AspectValue = {};
  for (const [key, field] of RELATIONS) {
    const refs = term[key];
    if (refs === null || refs === undefined) continue;
    const resolved: string[] = [];
    for (const ref of refs) {
      const r = resolveTermRef(ref, o.urns, o.enableAutoId);
      if (!r.defined) await o.onUnresolvedTerm(ref, key, urn, r.urn);
      resolved.push(r.urn);
    }
    related[field] = resolved;
  }
  if (Object.keys(related).length > 0) yield makeMcp(urn, 'glossaryRelatedTerms', related);

  yield makeMcp(urn, 'ownership', term.owners ? ownershipAspect(term.owners as Owners) : parentOwners);
  const memory = institutionalMemory(urn, term.knowledge_links, o.now);
  if (memory) yield memory;
}

export async function* glossaryProposals(glossary: GlossaryFile, o: ProposalOptions): AsyncGenerator<MetadataChangeProposal> {
  const rootOwners = ownershipAspect(glossary.owners as Owners);
  for (const node of glossary.nodes ?? []) yield* nodeProposals(node, null, rootOwners, glossary, o);
  for (const term of glossary.terms ?? []) yield* termProposals(term, null, rootOwners, glossary, o);
}
