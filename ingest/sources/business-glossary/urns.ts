// Glossary URNs exactly as DataHub's business-glossary source makes them: the `.`-joined path of
// names, cleaned for URLs; an explicit `id` (or full URN) wins; non-ASCII paths and
// `enable_auto_id` give `datahub_guid({"path": <joined path>})`.
import { datahubGuid } from '../../../model/urn.js';
import type { GlossaryFile, GlossaryNode, GlossaryTerm } from './glossary-file.js';

const TERM_PREFIX = 'urn:li:glossaryTerm:';
const NODE_PREFIX = 'urn:li:glossaryNode:';

/** Spaces become `-`, characters outside [A-Za-z0-9-.] go, runs of `-` or `.` collapse, ends are trimmed. */
export function cleanUrl(text: string): string {
  return text
    .replace(/ /g, '-')
    .replace(/[^a-zA-Z0-9\-.]/g, '')
    .replace(/-+/g, '-')
    .replace(/\.+/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** DataHub's extended reserved URN characters; an id containing one falls back to a guid. */
const EXTENDED_RESERVED = /[,()%]/;

export function createId(pathNames: string[], explicitId: string | null | undefined, enableAutoId: boolean): string {
  if (explicitId !== null && explicitId !== undefined) return explicitId;
  const joined = pathNames.join('.');
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(joined)) return datahubGuid({ path: joined });
  if (enableAutoId) return datahubGuid({ path: joined });
  const cleaned = cleanUrl(joined);
  return EXTENDED_RESERVED.test(cleaned) ? datahubGuid({ path: cleaned }) : cleaned;
}

export function glossaryTermUrnFor(pathNames: string[], explicitId: string | null | undefined, enableAutoId: boolean): string {
  if (explicitId?.startsWith(TERM_PREFIX)) return explicitId;
  return TERM_PREFIX + createId(pathNames, explicitId, enableAutoId);
}

export function glossaryNodeUrnFor(pathNames: string[], explicitId: string | null | undefined, enableAutoId: boolean): string {
  if (explicitId?.startsWith(NODE_PREFIX)) return explicitId;
  return NODE_PREFIX + createId(pathNames, explicitId, enableAutoId);
}

export interface GlossaryUrns {
  /** URN of every node and term object of the file. */
  urnOf: Map<GlossaryNode | GlossaryTerm, string>;
  /** `Node.Sub.Term` path (names as written) -> term URN, to resolve `inherits` and friends. */
  termByPath: Map<string, string>;
  /** Every term URN the file defines. */
  termUrns: Set<string>;
}

/** Assigns URNs to the whole tree first, so references to terms defined later resolve too. */
export function assignUrns(glossary: GlossaryFile, enableAutoId: boolean): GlossaryUrns {
  const urns: GlossaryUrns = { urnOf: new Map(), termByPath: new Map(), termUrns: new Set() };
  const walk = (parent: { terms?: GlossaryTerm[] | null; nodes?: GlossaryNode[] | null }, pathNames: string[]) => {
    for (const term of parent.terms ?? []) {
      const termPath = [...pathNames, term.name];
      const urn = glossaryTermUrnFor(termPath, term.id, enableAutoId);
      urns.urnOf.set(term, urn);
      urns.termByPath.set(termPath.join('.'), urn);
      urns.termUrns.add(urn);
    }
    for (const node of parent.nodes ?? []) {
      const nodePath = [...pathNames, node.name];
      urns.urnOf.set(node, glossaryNodeUrnFor(nodePath, node.id, enableAutoId));
      walk(node, nodePath);
    }
  };
  walk(glossary, []);
  return urns;
}

/**
 * The URN a reference (`Classification.Sensitive`, a term id, or a full term URN) points at, and
 * whether this file defines it. Unknown paths fall back to DataHub's rule: the reference itself
 * treated as a one-element path.
 */
export function resolveTermRef(ref: string, urns: GlossaryUrns, enableAutoId: boolean): { urn: string; defined: boolean } {
  const byPath = urns.termByPath.get(ref);
  if (byPath) return { urn: byPath, defined: true };
  const urn = ref.startsWith(TERM_PREFIX) ? ref : glossaryTermUrnFor([ref], null, enableAutoId);
  return { urn, defined: urns.termUrns.has(urn) };
}
