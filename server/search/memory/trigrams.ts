// Trigram similarity as PostgreSQL's pg_trgm computes it, so the in-memory engine finds the same
// near spellings the PostgreSQL engine does: the text is lower-cased and split into words (runs of
// letters and digits), each word padded with two spaces in front and one behind, and the
// similarity of two texts is shared trigrams / all distinct trigrams of both. `%` in pg_trgm is
// similarity >= 0.3 (its default `pg_trgm.similarity_threshold`).
const WORD = /[\p{L}\p{N}]+/gu;

export const SIMILARITY_THRESHOLD = 0.3;

/** The distinct trigrams of a text. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm's `similarity(a, b)`: 0 (nothing shared) … 1 (same trigrams). */
export function similarity(a: string | Set<string>, b: string | Set<string>): number {
  const x = typeof a === 'string' ? trigrams(a) : a;
  const y = typeof b === 'string' ? trigrams(b) : b;
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

/**
 * Words by trigram, for "which known words are spelt most like this one" (what a GIN trigram
 * index over a word table answers in PostgreSQL). Words are only added.
 */
export class TrigramWordIndex {
  private readonly byTrigram = new Map<string, string[]>();
  private readonly sizes = new Map<string, number>();

  has(word: string): boolean {
    return this.sizes.has(word);
  }

  add(word: string): void {
    if (this.sizes.has(word)) return;
    const grams = trigrams(word);
    this.sizes.set(word, grams.size);
    for (const g of grams) {
      const list = this.byTrigram.get(g);
      if (list) list.push(word);
      else this.byTrigram.set(g, [word]);
    }
  }

  /** The `limit` words most similar to `word` (at least the threshold), best first, then by word. */
  nearest(word: string, limit: number): string[] {
    const grams = trigrams(word);
    const shared = new Map<string, number>();
    for (const g of grams) for (const w of this.byTrigram.get(g) ?? []) shared.set(w, (shared.get(w) ?? 0) + 1);
    const scored: Array<[string, number]> = [];
    for (const [w, n] of shared) {
      const s = n / (grams.size + this.sizes.get(w)! - n);
      if (s >= SIMILARITY_THRESHOLD) scored.push([w, s]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return scored.slice(0, limit).map(([w]) => w);
  }

  /** Every word held, in the order added. */
  words(): string[] {
    return [...this.sizes.keys()];
  }

  clear(): void {
    this.byTrigram.clear();
    this.sizes.clear();
  }
}
