// Merging lists of associations (tags, terms, owners, domains) the way DataHub's transformers do.
import type { GlossaryTermAssociation, Owner, TagAssociation } from './aspects.js';

/** Keeps the first item of each key, in order (source values win over repeats). */
export function unionBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

/**
 * Python's `{**base, **over}.values()`: the server's items keep their places, an item the
 * transformer also computed takes the transformer's value, new items follow.
 */
export function overlayBy<T>(base: readonly T[], over: readonly T[], key: (item: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const item of base) merged.set(key(item), item);
  for (const item of over) merged.set(key(item), item);
  return [...merged.values()];
}

export const tagKey = (t: TagAssociation): string => t.tag;
export const termKey = (t: GlossaryTermAssociation): string => t.urn;
/** Owners are one entry per owner and ownership type (custom types by their type urn). */
export const ownerKey = (o: Owner): string => `${o.owner}\u0000${o.typeUrn ?? o.type}`;
export const sameString = (s: string): string => s;

/** `existing` ∪ `added`, deduplicated by tag urn, existing first. */
export function mergeTags(existing: readonly TagAssociation[], added: readonly TagAssociation[]): TagAssociation[] {
  return unionBy([...existing, ...added], tagKey);
}

export function mergeTerms(
  existing: readonly GlossaryTermAssociation[],
  added: readonly GlossaryTermAssociation[],
): GlossaryTermAssociation[] {
  return unionBy([...existing, ...added], termKey);
}

export function mergeOwners(existing: readonly Owner[], added: readonly Owner[]): Owner[] {
  return unionBy([...existing, ...added], ownerKey);
}

export function mergeDomains(existing: readonly string[], added: readonly string[]): string[] {
  return unionBy([...existing, ...added], sameString);
}
