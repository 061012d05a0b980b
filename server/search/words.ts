// How every search engine turns names, descriptions and queries into words: split on anything
// that is not a letter or digit and at lower/upper-case boundaries (`salesByEvent` -> sales, by,
// event, and the whole `salesbyevent`), lower-cased. Queries go through the same function, so
// both sides agree whichever engine indexes; the result has letters and digits only.
import type { SearchDocument } from './document.js';

const SEPARATORS = /[^\p{L}\p{N}]+/u;
const CAMEL = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;

export function words(text: string | null | undefined): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const token of text.split(SEPARATORS)) {
    if (!token) continue;
    out.add(token.toLowerCase());
    const parts = token.split(CAMEL);
    if (parts.length > 1) for (const part of parts) out.add(part.toLowerCase());
  }
  return [...out];
}

/** Words of many texts (strings or lists of strings), in order, repeats kept. */
export function wordsOf(...texts: Array<string | null | undefined | readonly string[]>): string[] {
  const all: string[] = [];
  for (const t of texts) for (const s of Array.isArray(t) ? t : [t as string | null | undefined]) all.push(...words(s));
  return all;
}

/** `urn:li:tag:pii` -> `pii`: what a tag, term or owner is searched by. */
export const urnName = (urn: string): string => urn.replace(/^urn:li:[^:]+:/, '');

/**
 * A document's words in four groups, strongest first (PostgreSQL's tsvector weights A-D):
 * the name; the qualified name; descriptions, sub-types, tag/term/owner/domain names; columns
 * (paths, descriptions, tag and term names).
 */
export function documentWords(d: SearchDocument): { name: string[]; qualifiedName: string[]; described: string[]; columns: string[] } {
  return {
    name: wordsOf(d.name),
    qualifiedName: wordsOf(d.qualifiedName),
    described: wordsOf(d.description, d.typeNames, d.tags.map(urnName), d.glossaryTerms.map(urnName), d.owners.map(urnName), d.domains.map(urnName)),
    columns: wordsOf(d.fieldPaths, d.fieldDescriptions, d.fieldTags.map(urnName), d.fieldGlossaryTerms.map(urnName)),
  };
}
