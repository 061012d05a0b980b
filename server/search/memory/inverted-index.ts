// The in-memory index behind MemorySearchEngine: one slot per indexed document, the words of each
// document with the groups they occur in (name, qualified name, descriptions/tags/terms/owners,
// columns — the PostgreSQL engine's tsvector weights A–D), every filterable field's values as
// small integers, and the orderings prefix lookups need (words and names, sorted lazily).
//
// Slots are only appended: replacing a document kills its old slot and appends a new one, so
// every word's slot list stays sorted without being rewritten. Dead slots are skipped, and
// dropped by `compact()` once they outnumber the living.
import type { SearchDocument } from '../document.js';
import { SEARCH_FIELDS, type SearchField } from '../search-engine.js';
import { documentWords } from '../words.js';
import { TrigramWordIndex } from './trigrams.js';

/** Word groups, as bits. */
export const NAME = 1;
export const QUALIFIED = 2;
export const DESCRIBED = 4;
export const COLUMNS = 8;

const DIGITS = /^\d+$/;
const ALIVE = 1;
const REMOVED = 2;

/** Fields held as value ids (the URN is read from `urns`). */
export const VALUE_FIELDS = SEARCH_FIELDS.filter((f) => f !== 'urn') as Array<Exclude<SearchField, 'urn'>>;
const FIELD_INDEX = new Map<SearchField, number>(VALUE_FIELDS.map((f, i) => [f, i]));

function fieldValues(doc: SearchDocument, field: Exclude<SearchField, 'urn'>): readonly (string | null)[] {
  switch (field) {
    case '_entityType': return [doc.entityType];
    case 'platform': return [doc.platform];
    case 'origin': return [doc.origin];
    case 'container': return [doc.container];
    case 'removed': return [String(doc.removed)];
    case 'hasDescription': return [String(!!doc.description)];
    default: return doc[field];
  }
}

/** The index as flat arrays: what a snapshot holds (see snapshot.ts). */
export interface IndexParts {
  urns: string[];
  names: string[];
  qualifiedLowers: Array<string | null>;
  /** Per slot: the sequence number of its document. */
  seqs: Float64Array;
  state: Uint8Array;
  types: Int32Array;
  /** Slot s's block of values starts at packedPool[packedOffsets[s]] (see InvertedIndex.pool). */
  packedOffsets: Int32Array;
  packedPool: Int32Array;
  tables: Record<Exclude<SearchField, 'urn'>, string[]>;
  /** The vocabulary, sorted; word i's postings are the next postingLengths[i] entries of postingSlots/Groups. */
  words: string[];
  postingLengths: Int32Array;
  postingSlots: Int32Array;
  postingGroups: Uint8Array;
  nameWords: string[];
  byName: Int32Array;
}

/** Slots holding one word, in slot order, with the groups it occurs in there. */
class Postings {
  slots: Int32Array<ArrayBufferLike> = new Int32Array(4);
  groups: Uint8Array<ArrayBufferLike> = new Uint8Array(4);
  length = 0;

  push(slot: number, groups: number): void {
    if (this.length === this.slots.length) {
      const slots = new Int32Array(Math.max(4, this.length * 2));
      slots.set(this.slots);
      this.slots = slots;
      const g = new Uint8Array(slots.length);
      g.set(this.groups);
      this.groups = g;
    }
    this.slots[this.length] = slot;
    this.groups[this.length++] = groups;
  }
}

/** One field's distinct values, numbered in order of first sight. */
export class ValueTable {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  find(value: string): number | undefined {
    return this.ids.get(value);
  }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class InvertedIndex {
  /** Per slot. */
  readonly urns: string[] = [];
  readonly names: string[] = [];
  readonly nameLowers: string[] = [];
  readonly qualifiedLowers: Array<string | null> = [];
  /**
   * Every slot's values in one array, a block per slot: VALUE_FIELDS.length + 1 offsets (relative
   * to the block; the last is the block's length), then the value ids of every field. `blockAt`
   * gives each slot's block. One array rather than one per slot: facet counting walks it often.
   */
  private pool: Int32Array<ArrayBufferLike> = new Int32Array(1 << 16);
  private poolUsed = 0;
  private blockAt = new Int32Array(1024);
  /** Per slot: bit 1 alive, bit 2 soft-deleted (status.removed). */
  private state = new Uint8Array(1024);
  /** Per slot: the entity type's value id (the `_entityType` table). */
  private types = new Int32Array(1024);
  readonly tables: Record<Exclude<SearchField, 'urn'>, ValueTable> = Object.fromEntries(VALUE_FIELDS.map((f) => [f, new ValueTable()])) as never;

  private readonly words = new Map<string, Postings>();
  private sortedWords: string[] = [];
  private newWords: string[] = [];
  /** Slots ordered by (lower-cased name, URN), for name prefixes; new slots merged in lazily. */
  private byName: number[] = [];
  private newNames: number[] = [];
  /** Name and qualified-name words of three letters or more, numbers aside: where near spellings come from. */
  readonly nameWords = new TrigramWordIndex();
  private readonly slotOf = new Map<string, number>();
  /** The sequence number of the last change applied per URN (removals included). */
  private readonly seqOf = new Map<string, number>();
  private live_ = 0;

  get live(): number {
    return this.live_;
  }

  /** Slots allocated, living or dead: the length of every per-slot mask. */
  get slots(): number {
    return this.urns.length;
  }

  isAlive(slot: number): boolean {
    return (this.state[slot]! & ALIVE) !== 0;
  }

  /** Alive and not soft-deleted. */
  isShown(slot: number): boolean {
    return this.state[slot] === ALIVE;
  }

  entityTypeId(slot: number): number {
    return this.types[slot]!;
  }

  slotOfUrn(urn: string): number | undefined {
    return this.slotOf.get(urn);
  }

  /** Highest sequence number applied for `urn` (0 when never seen). */
  seqOfUrn(urn: string): number {
    return this.seqOf.get(urn) ?? 0;
  }

  /** Adds or replaces a document; ignored when a change with a higher sequence number was applied. */
  put(doc: SearchDocument, seq: number): boolean {
    if (!this.claim(doc.urn, seq)) return false;
    this.kill(doc.urn);
    const slot = this.urns.length;
    this.urns.push(doc.urn);
    this.names.push(doc.name);
    const nameLower = doc.name.toLowerCase();
    this.nameLowers.push(nameLower);
    this.qualifiedLowers.push(doc.qualifiedName?.toLowerCase() ?? null);
    const block = this.pack(doc);
    if (this.poolUsed + block.length > this.pool.length) {
      const pool = new Int32Array(Math.max(this.pool.length * 2, this.poolUsed + block.length));
      pool.set(this.pool.subarray(0, this.poolUsed));
      this.pool = pool;
    }
    this.pool.set(block, this.poolUsed);
    if (slot === this.state.length) {
      const state = new Uint8Array(slot * 2);
      state.set(this.state);
      this.state = state;
      const types = new Int32Array(slot * 2);
      types.set(this.types);
      this.types = types;
      const blockAt = new Int32Array(slot * 2);
      blockAt.set(this.blockAt);
      this.blockAt = blockAt;
    }
    this.blockAt[slot] = this.poolUsed;
    this.poolUsed += block.length;
    this.state[slot] = doc.removed ? ALIVE | REMOVED : ALIVE;
    this.types[slot] = this.tables._entityType.id(doc.entityType);
    this.slotOf.set(doc.urn, slot);
    this.live_++;
    this.newNames.push(slot);

    const groups = new Map<string, number>();
    const w = documentWords(doc);
    for (const [bit, list] of [[NAME, w.name], [QUALIFIED, w.qualifiedName], [DESCRIBED, w.described], [COLUMNS, w.columns]] as const) {
      for (const word of list) groups.set(word, (groups.get(word) ?? 0) | bit);
    }
    for (const [word, bits] of groups) {
      let postings = this.words.get(word);
      if (!postings) {
        postings = new Postings();
        this.words.set(word, postings);
        this.newWords.push(word);
      }
      postings.push(slot, bits);
      // Near spellings of a number are not what anyone meant: numbers are left out.
      if (bits & (NAME | QUALIFIED) && word.length >= 3 && !DIGITS.test(word)) this.nameWords.add(word);
    }
    return true;
  }

  /** Removes a document; ignored when a later change was applied. */
  remove(urn: string, seq: number): boolean {
    if (!this.claim(urn, seq)) return false;
    this.kill(urn);
    return true;
  }

  private claim(urn: string, seq: number): boolean {
    const known = this.seqOf.get(urn);
    if (known !== undefined && known >= seq) return false;
    this.seqOf.set(urn, seq);
    return true;
  }

  private kill(urn: string): void {
    const slot = this.slotOf.get(urn);
    if (slot === undefined) return;
    this.state[slot] = 0;
    this.slotOf.delete(urn);
    this.live_--;
  }

  private pack(doc: SearchDocument): Int32Array {
    const ids: number[][] = VALUE_FIELDS.map((f) => {
      const table = this.tables[f];
      return [...new Set(fieldValues(doc, f).filter((v): v is string => typeof v === 'string' && v.length > 0))].map((v) => table.id(v));
    });
    const head = VALUE_FIELDS.length + 1;
    const packed = new Int32Array(head + ids.reduce((n, x) => n + x.length, 0));
    let at = head; // offsets are relative to the block
    ids.forEach((list, i) => {
      packed[i] = at;
      packed.set(list, at);
      at += list.length;
    });
    packed[VALUE_FIELDS.length] = at;
    return packed;
  }

  /** The position of `field` in a slot's packed values (for the `…At` accessors in hot loops). */
  fieldAt(field: Exclude<SearchField, 'urn'>): number {
    return FIELD_INDEX.get(field)!;
  }

  /** The values of every slot (valid until the next change): see blockOf. */
  get values(): Int32Array {
    return this.pool;
  }

  /** Where a slot's block starts in `values`: field `at`'s ids are values[b + values[b + at] .. b + values[b + at + 1]). */
  blockOf(slot: number): number {
    return this.blockAt[slot]!;
  }

  /** Whether `slot` holds any of `ids` in the field at position `at` (see fieldAt). */
  hasAnyAt(slot: number, at: number, ids: ReadonlySet<number>): boolean {
    const b = this.blockAt[slot]!;
    const pool = this.pool;
    for (let k = b + pool[b + at]!, end = b + pool[b + at + 1]!; k < end; k++) if (ids.has(pool[k]!)) return true;
    return false;
  }

  valueCount(slot: number, field: Exclude<SearchField, 'urn'>): number {
    const b = this.blockAt[slot]!;
    const i = FIELD_INDEX.get(field)!;
    return this.pool[b + i + 1]! - this.pool[b + i]!;
  }

  /** Per slot, the groups in which some word starting with `prefix` occurs (0: none). */
  prefixMask(prefix: string): Uint8Array {
    const mask = new Uint8Array(this.slots);
    for (const word of this.wordsStartingWith(prefix)) {
      const p = this.words.get(word)!;
      for (let k = 0; k < p.length; k++) mask[p.slots[k]!]! |= p.groups[k]!;
    }
    return mask;
  }

  /** Per slot, the groups in which one of `words` occurs exactly. */
  exactMask(words: readonly string[]): Uint8Array {
    const mask = new Uint8Array(this.slots);
    for (const word of new Set(words)) {
      const p = this.words.get(word);
      if (p) for (let k = 0; k < p.length; k++) mask[p.slots[k]!]! |= p.groups[k]!;
    }
    return mask;
  }

  private wordsStartingWith(prefix: string): string[] {
    if (this.newWords.length) {
      this.sortedWords = mergeSorted(this.sortedWords, this.newWords.sort(compareText), compareText);
      this.newWords = [];
    }
    const out: string[] = [];
    for (let i = lowerBound(this.sortedWords, prefix, (w) => w); i < this.sortedWords.length && this.sortedWords[i]!.startsWith(prefix); i++) out.push(this.sortedWords[i]!);
    return out;
  }

  /** Living slots whose lower-cased name starts with `prefix`, by name then URN. */
  *namesStartingWith(prefix: string): Generator<number> {
    if (this.newNames.length) {
      const order = (a: number, b: number): number => compareText(this.nameLowers[a]!, this.nameLowers[b]!) || compareText(this.urns[a]!, this.urns[b]!);
      const alive = (s: number): boolean => this.isAlive(s);
      this.byName = mergeSorted(this.byName.filter(alive), this.newNames.filter(alive).sort(order), order);
      this.newNames = [];
    }
    for (let i = lowerBound(this.byName, prefix, (s) => this.nameLowers[s]!); i < this.byName.length; i++) {
      const slot = this.byName[i]!;
      if (!this.nameLowers[slot]!.startsWith(prefix)) return;
      if (this.isAlive(slot)) yield slot;
    }
  }

  /** The whole index as flat arrays (dead slots dropped first), for a snapshot. */
  exportParts(): IndexParts {
    if (this.slots > this.live_) this.compact();
    this.namesStartingWith('').next(); // merges pending names into byName
    this.wordsStartingWith('\uffff'); // and pending words into sortedWords
    const n = this.slots;
    // After compaction the blocks are in slot order, back to back.
    const packedOffsets = this.blockAt.slice(0, n);
    const packedPool = this.pool.slice(0, this.poolUsed);
    const words = this.sortedWords;
    const postingLengths = Int32Array.from(words, (w) => this.words.get(w)!.length);
    const total = postingLengths.reduce((a, b) => a + b, 0);
    const postingSlots = new Int32Array(total);
    const postingGroups = new Uint8Array(total);
    let at = 0;
    for (const w of words) {
      const p = this.words.get(w)!;
      postingSlots.set(p.slots.subarray(0, p.length), at);
      postingGroups.set(p.groups.subarray(0, p.length), at);
      at += p.length;
    }
    return {
      urns: this.urns, names: this.names, qualifiedLowers: this.qualifiedLowers,
      seqs: Float64Array.from(this.urns, (u) => this.seqOf.get(u) ?? 0),
      state: this.state.slice(0, n), types: this.types.slice(0, n), packedOffsets, packedPool,
      tables: Object.fromEntries(VALUE_FIELDS.map((f) => [f, this.tables[f].values])) as IndexParts['tables'],
      words, postingLengths, postingSlots, postingGroups, nameWords: this.nameWords.words(), byName: Int32Array.from(this.byName),
    };
  }

  /** An index from exported parts (the arrays are used, not copied). */
  static fromParts(parts: IndexParts): InvertedIndex {
    const index = new InvertedIndex();
    const n = parts.urns.length;
    index.urns.push(...parts.urns);
    index.names.push(...parts.names);
    for (const name of parts.names) index.nameLowers.push(name.toLowerCase());
    index.qualifiedLowers.push(...parts.qualifiedLowers);
    index.pool = parts.packedPool;
    index.poolUsed = parts.packedPool.length;
    index.blockAt = new Int32Array(Math.max(1024, n * 2));
    index.blockAt.set(parts.packedOffsets.subarray(0, n));
    index.state = new Uint8Array(Math.max(1024, n * 2));
    index.state.set(parts.state);
    index.types = new Int32Array(index.state.length);
    index.types.set(parts.types);
    for (const f of VALUE_FIELDS) for (const v of parts.tables[f]) index.tables[f].id(v);
    let at = 0;
    parts.words.forEach((word, i) => {
      const length = parts.postingLengths[i]!;
      const p = new Postings();
      p.slots = parts.postingSlots.subarray(at, at + length);
      p.groups = parts.postingGroups.subarray(at, at + length);
      p.length = length;
      at += length;
      index.words.set(word, p);
    });
    index.sortedWords = parts.words;
    for (const w of parts.nameWords) index.nameWords.add(w);
    index.byName = Array.from(parts.byName);
    for (let s = 0; s < n; s++) {
      const urn = parts.urns[s]!;
      index.seqOf.set(urn, parts.seqs[s]!);
      if (parts.state[s]! & ALIVE) {
        index.slotOf.set(urn, s);
        index.live_++;
      }
    }
    return index;
  }

  /** Whether dead slots are worth dropping (they outnumber the living, and there are many). */
  get wantsCompaction(): boolean {
    const dead = this.slots - this.live_;
    return dead > 10_000 && dead > this.live_;
  }

  /** Drops dead slots: renumbers the living in order and rewrites every list that names slots. */
  compact(): void {
    const renumber = new Int32Array(this.slots).fill(-1);
    let next = 0;
    for (let s = 0; s < this.slots; s++) if (this.isAlive(s)) renumber[s] = next++;
    const keep = <T>(list: T[]): void => {
      let at = 0;
      for (let s = 0; s < list.length; s++) if (renumber[s]! >= 0) list[at++] = list[s]!;
      list.length = at;
    };
    for (const list of [this.urns, this.names, this.nameLowers, this.qualifiedLowers] as unknown[][]) keep(list);
    const pool = new Int32Array(Math.max(1 << 16, this.poolUsed));
    const blockAt = new Int32Array(Math.max(1024, next * 2));
    let used = 0;
    for (let s = 0; s < renumber.length; s++) {
      if (renumber[s]! < 0) continue;
      const b = this.blockAt[s]!;
      const length = this.pool[b + VALUE_FIELDS.length]!;
      pool.set(this.pool.subarray(b, b + length), used);
      blockAt[renumber[s]!] = used;
      used += length;
    }
    this.pool = pool;
    this.poolUsed = used;
    this.blockAt = blockAt;
    const state = new Uint8Array(Math.max(1024, next * 2));
    const types = new Int32Array(state.length);
    for (let s = 0; s < renumber.length; s++) {
      if (renumber[s]! < 0) continue;
      state[renumber[s]!] = this.state[s]!;
      types[renumber[s]!] = this.types[s]!;
    }
    this.state = state;
    this.types = types;
    for (const [urn, slot] of this.slotOf) this.slotOf.set(urn, renumber[slot]!);
    for (const [word, p] of this.words) {
      let at = 0;
      for (let k = 0; k < p.length; k++) {
        const slot = renumber[p.slots[k]!]!;
        if (slot >= 0) {
          p.slots[at] = slot;
          p.groups[at++] = p.groups[k]!;
        }
      }
      p.length = at;
      if (at === 0) this.words.delete(word);
    }
    this.sortedWords = [...this.words.keys()].sort(compareText);
    this.newWords = [];
    this.byName = [...this.byName, ...this.newNames].filter((s) => renumber[s]! >= 0).map((s) => renumber[s]!);
    this.newNames = [];
    const order = (a: number, b: number): number => compareText(this.nameLowers[a]!, this.nameLowers[b]!) || compareText(this.urns[a]!, this.urns[b]!);
    this.byName.sort(order);
  }

  clear(): void {
    for (const list of [this.urns, this.names, this.nameLowers, this.qualifiedLowers, this.byName, this.newNames, this.sortedWords, this.newWords] as unknown[][]) list.length = 0;
    this.pool = new Int32Array(1 << 16);
    this.poolUsed = 0;
    this.blockAt = new Int32Array(1024);
    this.state = new Uint8Array(1024);
    this.types = new Int32Array(1024);
    this.words.clear();
    this.slotOf.clear();
    this.nameWords.clear();
    for (const f of VALUE_FIELDS) this.tables[f] = new ValueTable();
    this.live_ = 0;
    // seqOf is kept: a change older than one already applied must still lose after a reset.
  }
}

function lowerBound<T>(sorted: readonly T[], key: string, keyOf: (x: T) => string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(sorted[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeSorted<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  if (!a.length) return [...b];
  const out: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = order(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
