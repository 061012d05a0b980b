// PostgreSQL's side of the shared word splitting (../words.ts): word text for to_tsvector and the
// tsquery texts (safe: words are letters and digits only).
import { wordsOf } from '../words.js';

export { words } from '../words.js';

/** Words of many texts, space-joined, ready for `to_tsvector('simple', …)`. */
export function wordText(...texts: Array<string | null | undefined | readonly string[]>): string {
  return wordsOf(...texts).join(' ');
}

/** `'w1':*AB & 'w2':*AB` — every word, as a prefix, in the given weights ('' = any). */
export function allWordsQuery(ws: readonly string[], weights = '', prefix = true): string {
  return ws.map((w) => `'${w}':${prefix ? '*' : ''}${weights}`).join(' & ');
}

/** The tsquery for "each word, or one of its near spellings", in name weights. */
export function fuzzyQuery(ws: readonly string[], alternatives: ReadonlyMap<string, readonly string[]>): string {
  return ws.map((w) => `(${[w, ...(alternatives.get(w) ?? [])].map((a) => `'${a}':AB`).join(' | ')})`).join(' & ');
}
