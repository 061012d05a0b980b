// Why a result ranked where it did: the rule (tier) that placed it, the document fields that
// matched the query words (or their near spellings), and one line for people. Shared by every
// SearchEngine, so `explain` reads the same whichever backend answered.
import type { SearchDocument } from './document.js';
import type { MatchRule, MatchedField, SearchExplanation } from './search-engine.js';
import { urnName, words } from './words.js';

export function explain(
  rule: MatchRule, score: number, q: string, ws: readonly string[], alternatives: ReadonlyMap<string, readonly string[]>, doc: SearchDocument | null,
): SearchExplanation {
  const terms = ws.flatMap((w) => [w, ...(alternatives.get(w) ?? [])]);
  const hits = (text: string | null | undefined): boolean => !!text && words(text).some((x) => terms.some((t) => x.startsWith(t)));
  const matchedFields: MatchedField[] = [];
  if (doc) {
    const check = (name: string, values: Array<string | null | undefined>, show = (v: string): string => v): void => {
      for (const v of values) if (v && hits(v)) matchedFields.push({ name, value: show(v) });
    };
    check('name', [doc.name]);
    check('qualifiedName', [doc.qualifiedName]);
    check('description', [doc.description]);
    for (const [name, values] of [['tags', doc.tags], ['glossaryTerms', doc.glossaryTerms], ['owners', doc.owners]] as const) check(name, values.map(urnName));
    check('fieldPaths', doc.fieldPaths);
    check('fieldDescriptions', doc.fieldDescriptions);
    check('fieldTags', doc.fieldTags.map(urnName));
    check('fieldGlossaryTerms', doc.fieldGlossaryTerms.map(urnName));
  }
  const name = doc?.name ?? '';
  const used = ws.filter((w) => alternatives.has(w)).map((w) => `"${w}" ~ ${alternatives.get(w)!.map((a) => `"${a}"`).join('/')}`);
  const columns = matchedFields.filter((f) => f.name.startsWith('field')).map((f) => f.value);
  const reasons: Record<MatchRule, string> = {
    exact_name: `name is exactly "${q}"`,
    qualified_name: `qualified name "${doc?.qualifiedName ?? ''}" matches "${q}"`,
    prefix: `name "${name}" starts with "${q}"`,
    word: `every word of "${q}" starts a word of the name "${name}"`,
    fuzzy: `name "${name}" is a near spelling of "${q}"${used.length ? ` (${used.join(', ')})` : ''}`,
    description: `"${q}" is in the description, tags, terms or owners`,
    column: `"${q}" is in column${columns.length === 1 ? '' : 's'} ${columns.slice(0, 5).join(', ')}`,
    other: `the words of "${q}" are spread over the name, description and columns`,
    all: 'no query text: every entity, by name',
  };
  return { rule, score: Math.round(score * 100) / 100, matchedFields, reason: reasons[rule] };
}
