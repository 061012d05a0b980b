// Search and autocomplete over the in-memory index, with the PostgreSQL engine's ranking:
//   exact name > qualified name > name prefix > every word in the name > near spelling >
//   description, tags, terms, owners > columns > words spread over several of these,
// each result scored (tiers - tier) * 100 + 99 * (a within-tier score in 0..1), ties to the
// shorter name, then the name, then the URN. Totals and facets count every match, exactly.
// Query words match as prefixes of indexed words ('paym' finds 'payment'); near spellings of a
// word match whole name words.
import { MATCH_RULES, type MatchRule, type SearchField } from '../search-engine.js';
import { COLUMNS, DESCRIBED, NAME, QUALIFIED, type InvertedIndex } from './inverted-index.js';
import type { SlotPredicate } from './filter.js';
import { similarity, trigrams } from './trigrams.js';

const RULE = Object.fromEntries(MATCH_RULES.map((r, i) => [r, i])) as Record<MatchRule, number>;
/**
 * A word's weight in a document, by the groups it occurs in: PostgreSQL's default tsvector weights
 * (name 1, qualified name 0.4, descriptions 0.2, columns 0.1) added up over the groups and
 * saturated below 1, so, as with ts_rank, a word found in more places ranks higher.
 */
const GROUP_WEIGHT = Float64Array.from({ length: 16 }, (_, g) => {
  const sum = (g & NAME ? 1 : 0) + (g & QUALIFIED ? 0.4 : 0) + (g & DESCRIBED ? 0.2 : 0) + (g & COLUMNS ? 0.1 : 0);
  return sum / (sum + 0.5);
});

export interface RankedSlot {
  slot: number;
  rule: MatchRule;
  score: number;
}

export interface FacetCount {
  field: SearchField;
  values: Array<{ value: string; count: number }>;
}

export interface QueryPlan {
  /** The lower-cased, trimmed query text ('' or '*' for everything). */
  q: string;
  ws: readonly string[];
  alternatives: ReadonlyMap<string, readonly string[]>;
  /** Whether a slot passes the entity-type, removed and user filters. */
  keep: SlotPredicate;
  start: number;
  count: number;
  facets: readonly SearchField[];
  maxFacetValues: number;
}

export interface QueryResult {
  total: number;
  page: RankedSlot[];
  facets: FacetCount[];
}

export function runQuery(index: InvertedIndex, plan: QueryPlan): QueryResult {
  const { q, ws, alternatives } = plan;
  const slots = index.slots;
  const top = new RankHeap(plan.start + plan.count, index);
  const counters = plan.facets.map((field) => field === 'urn'
    ? { field, counts: null, urns: new Map<string, number>() }
    : { field, counts: new Int32Array(index.tables[field].values.length), urns: null });
  // Hot loop state, flat: the facet fields' positions in a slot's block of values, and their counters.
  const valueCounters = counters.filter((c) => c.counts);
  const at = valueCounters.map((c) => index.fieldAt(c.field as Exclude<SearchField, 'urn'>));
  const counts = valueCounters.map((c) => c.counts!);
  const urnCounter = counters.find((c) => c.urns)?.urns ?? null;
  const facetFields = at.length;
  let total = 0;
  const accept = (slot: number, rule: MatchRule, sub: number): void => {
    total++;
    top.offer(slot, RULE[rule], (MATCH_RULES.length - RULE[rule]) * 100 + 99 * sub);
    if (facetFields) {
      const values = index.values;
      const b = index.blockOf(slot);
      for (let f = 0; f < facetFields; f++) {
        const c = counts[f]!;
        for (let k = b + values[b + at[f]!]!, end = b + values[b + at[f]! + 1]!; k < end; k++) c[values[k]!]!++;
      }
    }
    if (urnCounter) urnCounter.set(index.urns[slot]!, 1);
  };

  if (q === '' || q === '*') {
    for (let slot = 0; slot < slots; slot++) if (index.isAlive(slot) && plan.keep(slot)) accept(slot, 'all', 0);
  } else {
    // Per slot: the groups holding every query word (AND of the words' masks), whether every word
    // is somewhere, whether every word or a near spelling of it is in the names, and whether the
    // name starts with the query text.
    const prefix = ws.map((w) => index.prefixMask(w));
    const every = new Uint8Array(slots);
    const somewhere = new Uint8Array(slots);
    if (prefix.length) {
      every.set(prefix[0]!);
      for (let s = 0; s < slots; s++) somewhere[s] = prefix[0]![s]! === 0 ? 0 : 1;
      for (const m of prefix.slice(1)) {
        for (let s = 0; s < slots; s++) {
          every[s]! &= m[s]!;
          if (m[s]! === 0) somewhere[s] = 0;
        }
      }
    }
    let fuzzy: Uint8Array | null = null;
    if (alternatives.size) {
      fuzzy = new Uint8Array(slots).fill(1);
      for (const w of ws) {
        const m = index.exactMask([w, ...(alternatives.get(w) ?? [])]);
        for (let s = 0; s < slots; s++) if ((m[s]! & (NAME | QUALIFIED)) === 0) fuzzy[s] = 0;
      }
    }
    const startsName = new Uint8Array(slots);
    for (const slot of index.namesStartingWith(q)) startsName[slot] = 1;

    const rank = (slot: number): number => {
      let sum = 0;
      for (const m of prefix) sum += GROUP_WEIGHT[m[slot]! & 15]!;
      return ws.length ? sum / ws.length : 0;
    };
    const qGrams = trigrams(q);
    const qualifiedSuffix = `.${q}`;
    const qualifiedMatch = (slot: number): boolean => {
      const qualified = index.qualifiedLowers[slot];
      return qualified != null && (qualified === q || qualified.endsWith(qualifiedSuffix));
    };
    for (let slot = 0; slot < slots; slot++) {
      if (!(somewhere[slot] || startsName[slot] || fuzzy?.[slot]) || !index.isAlive(slot) || !plan.keep(slot)) continue;
      const g = every[slot]!;
      if (startsName[slot] && index.nameLowers[slot] === q) accept(slot, 'exact_name', rank(slot));
      else if ((g & QUALIFIED || !ws.length) && qualifiedMatch(slot)) accept(slot, 'qualified_name', rank(slot));
      else if (startsName[slot]) accept(slot, 'prefix', q.length / Math.max(index.nameLowers[slot]!.length, 1));
      else if (g & NAME) accept(slot, 'word', rank(slot));
      else if (fuzzy?.[slot]) accept(slot, 'fuzzy', Math.max(similarity(index.nameLowers[slot]!, qGrams), rank(slot)));
      else if (g & DESCRIBED) accept(slot, 'description', rank(slot));
      else if (g & COLUMNS) accept(slot, 'column', rank(slot));
      else accept(slot, 'other', rank(slot));
    }
  }

  const facets = counters.map(({ field, counts, urns }) => {
    const values: Array<{ value: string; count: number }> = [];
    if (counts) {
      const table = index.tables[field as Exclude<SearchField, 'urn'>];
      counts.forEach((count, id) => count > 0 && values.push({ value: table.values[id]!, count }));
    } else {
      for (const [value, count] of urns!) values.push({ value, count });
    }
    values.sort((a, b) => b.count - a.count || cmp(a.value, b.value));
    return { field, values: values.slice(0, plan.maxFacetValues) };
  });
  return { total, page: top.sorted().slice(plan.start), facets };
}

/**
 * The best `k` results seen: higher score first, then the shorter name, then the name, then the
 * URN. A bounded heap whose root is the worst kept, so most matches are turned away with one
 * comparison and nothing allocated.
 */
class RankHeap {
  private readonly slots: number[] = [];
  private readonly scores: number[] = [];
  private readonly rules: number[] = [];

  constructor(private readonly k: number, private readonly index: InvertedIndex) {}

  /** >0 when (slot a, score sa) ranks after (slot b, score sb). */
  private after(sa: number, a: number, sb: number, b: number): number {
    const n = this.index.nameLowers;
    return sb - sa || n[a]!.length - n[b]!.length || cmp(n[a]!, n[b]!) || cmp(this.index.urns[a]!, this.index.urns[b]!);
  }

  offer(slot: number, rule: number, score: number): void {
    const { slots, scores, rules } = this;
    if (this.k <= 0) return;
    let i: number;
    if (slots.length < this.k) {
      slots.push(slot);
      scores.push(score);
      rules.push(rule);
      i = slots.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.after(scores[parent]!, slots[parent]!, scores[i]!, slots[i]!) >= 0) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (this.after(score, slot, scores[0]!, slots[0]!) >= 0) return;
    slots[0] = slot;
    scores[0] = score;
    rules[0] = rule;
    i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < slots.length && this.after(scores[l]!, slots[l]!, scores[worst]!, slots[worst]!) > 0) worst = l;
      if (r < slots.length && this.after(scores[r]!, slots[r]!, scores[worst]!, slots[worst]!) > 0) worst = r;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(i: number, j: number): void {
    for (const a of [this.slots, this.scores, this.rules]) [a[i], a[j]] = [a[j]!, a[i]!];
  }

  sorted(): RankedSlot[] {
    return this.slots
      .map((slot, i) => ({ slot, rule: MATCH_RULES[this.rules[i]!]!, score: this.scores[i]! }))
      .sort((a, b) => this.after(a.score, a.slot, b.score, b.slot));
  }
}

export interface Suggestion {
  slot: number;
  rule: MatchRule;
}

/** Names starting with the text (by name), then names with words starting with its words (shortest first), then near spellings. */
export function runAutocomplete(
  index: InvertedIndex, p: string, ws: readonly string[], alternatives: ReadonlyMap<string, readonly string[]>, keep: SlotPredicate, limit: number,
): Suggestion[] {
  const out: Suggestion[] = [];
  const seen = new Set<number>();
  for (const slot of index.namesStartingWith(p)) {
    if (out.length >= limit) return out;
    if (!keep(slot)) continue;
    seen.add(slot);
    out.push({ slot, rule: 'prefix' });
  }
  const { nameLowers: n, urns } = index;
  const stage = (rule: MatchRule, masks: Uint8Array[], ordering: (a: number, b: number) => number): void => {
    if (out.length >= limit || !masks.length) return;
    const top = new TopK<number>(limit - out.length, ordering);
    for (let slot = 0; slot < index.slots; slot++) {
      if (!index.isAlive(slot) || seen.has(slot)) continue;
      if (masks.every((m) => (m[slot]! & (NAME | QUALIFIED)) !== 0) && keep(slot)) top.offer(slot);
    }
    for (const slot of top.sorted()) {
      seen.add(slot);
      out.push({ slot, rule });
    }
  };
  stage('word', ws.map((w) => index.prefixMask(w)), (a, b) => n[a]!.length - n[b]!.length || cmp(n[a]!, n[b]!) || cmp(urns[a]!, urns[b]!));
  if (p.length >= 3 && alternatives.size) {
    const grams = trigrams(p);
    const sim = new Map<number, number>();
    const of = (slot: number): number => sim.get(slot) ?? sim.set(slot, similarity(n[slot]!, grams)).get(slot)!;
    stage('fuzzy', ws.map((w) => index.exactMask([w, ...(alternatives.get(w) ?? [])])), (a, b) => of(b) - of(a) || cmp(urns[a]!, urns[b]!));
  }
  return out;
}

/** The best `k` items seen, by `order` (a bounded heap whose root is the worst kept). */
class TopK<T> {
  private readonly heap: T[] = [];
  constructor(private readonly k: number, private readonly order: (a: T, b: T) => number) {}

  offer(item: T): void {
    const { heap, order } = this;
    if (this.k <= 0) return;
    if (heap.length < this.k) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (order(heap[parent]!, heap[i]!) >= 0) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
      return;
    }
    if (order(item, heap[0]!) >= 0) return;
    heap[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && order(heap[l]!, heap[worst]!) > 0) worst = l;
      if (r < heap.length && order(heap[r]!, heap[worst]!) > 0) worst = r;
      if (worst === i) return;
      [heap[worst], heap[i]] = [heap[i]!, heap[worst]!];
      i = worst;
    }
  }

  sorted(): T[] {
    return [...this.heap].sort(this.order);
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

