// How PgSearchEngine turns names and queries into words: split on anything that is not a letter
// or digit and at lower/upper-case boundaries (`salesByEvent` -> sales, by, event, and the whole
// `salesbyevent`), lower-cased. Queries go through the same function, so both sides agree, and
// the result is safe to place in tsquery text (letters and digits only).

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

/** Words of many texts, space-joined, ready for `to_tsvector('simple', …)`. */
export function wordText(...texts: Array<string | null | undefined | readonly string[]>): string {
  const all: string[] = [];
  for (const t of texts) for (const s of Array.isArray(t) ? t : [t as string | null | undefined]) all.push(...words(s));
  return all.join(' ');
}

/** `'w1':*AB & 'w2':*AB` — every word, as a prefix, in the given weights ('' = any). */
export function allWordsQuery(ws: readonly string[], weights = '', prefix = true): string {
  return ws.map((w) => `'${w}':${prefix ? '*' : ''}${weights}`).join(' & ');
}

/** The tsquery for "each word, or one of its near spellings", in name weights. */
export function fuzzyQuery(ws: readonly string[], alternatives: ReadonlyMap<string, readonly string[]>): string {
  return ws.map((w) => `(${[w, ...(alternatives.get(w) ?? [])].map((a) => `'${a}':AB`).join(' | ')})`).join(' & ');
}
