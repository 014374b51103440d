import { foldToken, shardOf, WORD } from "./tokens.ts";

/**
 * Statistics for restoring Vietnamese marks to a query typed without them, learnt from the archive's
 * own text at build time. One shard per first letter, fetched only for the letters a query uses.
 *
 * `u`: folded word → its written forms, most frequent first, with counts.
 * `b`: folded word pair → its most frequent written pair and count, kept only where that pair is not
 *      simply each word's own most frequent form (`ha noi` → `hà nội` needs no entry; `bao lu` does).
 *      This is what keeps the statistics small enough to ship (measured on 14,214 corpus articles: 220k pairs seen twice or more, 94k kept, 2.3 MB in 349 files, the largest 40 kB gzipped).
 */
export interface MarkShard {
  u: Record<string, [string, number][]>;
  b: Record<string, [string, number]>;
  /** Count of each word that has no other written form (needed to weigh a pair against its words). */
  c: Record<string, number>;
  /** Words counted in the whole archive. */
  t: number;
}

export interface MarkModelOptions {
  /** Written forms seen fewer times are typos or noise: not worth shipping. */
  minWordCount: number;
  minPairCount: number;
  maxForms: number;
}

export const DEFAULT_MARK_OPTIONS: MarkModelOptions = { minWordCount: 2, minPairCount: 2, maxForms: 6 };

/** A small archive needs every word it has; a large one can drop its rarest forms and pairs to stay small. */
export function markOptionsFor(articleCount: number): MarkModelOptions {
  return articleCount < 2000 ? { ...DEFAULT_MARK_OPTIONS, minWordCount: 1, minPairCount: 1 } : DEFAULT_MARK_OPTIONS;
}

/** Marks that end a clause: pairs never span one. */
const CLAUSE_ENDS = /[.,;:!?()«»"“”\n]+/;

export class MarkStatistics {
  // Words are numbered as first seen and pairs counted by their two numbers (PairCounts): string
  // keys (`hà nội`) built and hashed a pair string per word, most of them seen once and dropped by
  // shards() anyway.
  private readonly ids = new Map<string, number>();
  private readonly forms: string[] = [];
  private readonly counts: number[] = [];
  private readonly pairs = new PairCounts();

  /** Count one text (an article's title, body or caption). Pairs never span a sentence mark. */
  add(text: string): void {
    // The text made lowercase NFC once, not each clause apart (as tokenize() would), then cut as it cuts.
    for (const clause of text.normalize("NFC").toLowerCase().split(CLAUSE_ENDS)) {
      let previous = -1;
      for (const word of clause.match(WORD) ?? []) {
        let id = this.ids.get(word);
        if (id === undefined) {
          id = this.forms.length;
          this.ids.set(word, id);
          this.forms.push(word);
          this.counts.push(0);
        }
        (this.counts[id] as number)++;
        if (previous >= 0) this.pairs.increment(previous, id);
        previous = id;
      }
    }
  }

  /** Shards keyed by first letter; only words that have a marked form are kept (others restore to themselves). */
  shards(options: MarkModelOptions = DEFAULT_MARK_OPTIONS): Map<string, MarkShard> {
    let total = 0;
    for (const n of this.counts) total += n;
    const shards = new Map<string, MarkShard>();
    const shard = (folded: string) => {
      const key = shardOf(folded);
      let s = shards.get(key);
      if (!s) shards.set(key, (s = { u: {}, b: {}, c: {}, t: total }));
      return s;
    };
    // Each word folded once, for its own group and for every pair it is in.
    const folds: (string | undefined)[] = [];
    const foldOf = (id: number) => (folds[id] ??= foldToken(this.forms[id] as string));
    const words: Counted[] = [];
    this.forms.forEach((form, id) => {
      const count = this.counts[id] as number;
      if (count >= options.minWordCount) words.push([foldOf(id), form, count]);
    });
    const forms = groupByFold(words);
    for (const [folded, list] of forms) {
      if (list.length === 1 && list[0]?.[0] === folded) shard(folded).c[folded] = list[0][1];
      else shard(folded).u[folded] = list.slice(0, options.maxForms);
    }
    const bestForm = (folded: string) => forms.get(folded)?.[0]?.[0] ?? folded;
    const pairs: Counted[] = [];
    this.pairs.forEach((a, b, count) => {
      if (count >= options.minPairCount) pairs.push([`${foldOf(a)} ${foldOf(b)}`, `${this.forms[a]} ${this.forms[b]}`, count]);
    });
    const pairForms = groupByFold(pairs);
    for (const [folded, list] of pairForms) {
      const top = list[0];
      if (!top) continue;
      const [a = "", b = ""] = folded.split(" ");
      if (top[0] === `${bestForm(a)} ${bestForm(b)}`) continue;
      shard(folded).b[folded] = top;
    }
    return shards;
  }
}

/** A written form (a word or a pair), its folded form first, and its count. */
type Counted = [folded: string, form: string, count: number];

function groupByFold(counted: readonly Counted[]): Map<string, [string, number][]> {
  const groups = new Map<string, [string, number][]>();
  for (const [key, form, count] of counted) {
    const list = groups.get(key);
    if (list) list.push([form, count]);
    else groups.set(key, [[form, count]]);
  }
  for (const list of groups.values()) list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return new Map([...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/**
 * Counts of word pairs, keyed by the two words' numbers, in an open-addressing hash table of typed
 * arrays. A Map keyed by `a × 2^26 + b` (a heap number per pair, past small integers) spent most of
 * the counting in hashing and allocating: measured over 10,000 bench articles, the whole count took 5.6 s
 * with it, 3.6 s with this (folding each word once and the text normalized once included), the same files.
 */
export class PairCounts {
  private first = new Int32Array(1 << 16).fill(-1);
  private second = new Int32Array(1 << 16);
  private count = new Int32Array(1 << 16);
  private size = 0;

  increment(a: number, b: number): void {
    const mask = this.first.length - 1;
    let i = slot(a, b) & mask;
    for (;;) {
      const at = this.first[i] as number;
      if (at === a && this.second[i] === b) {
        (this.count[i] as number)++;
        return;
      }
      if (at === -1) break;
      i = (i + 1) & mask;
    }
    this.first[i] = a;
    this.second[i] = b;
    this.count[i] = 1;
    // Half full at most: probes stay short.
    if (++this.size * 2 > this.first.length) this.grow();
  }

  forEach(each: (a: number, b: number, count: number) => void): void {
    for (let i = 0; i < this.first.length; i++) {
      const a = this.first[i] as number;
      if (a !== -1) each(a, this.second[i] as number, this.count[i] as number);
    }
  }

  private grow(): void {
    const { first, second, count } = this;
    this.first = new Int32Array(first.length * 2).fill(-1);
    this.second = new Int32Array(first.length * 2);
    this.count = new Int32Array(first.length * 2);
    const mask = this.first.length - 1;
    for (let j = 0; j < first.length; j++) {
      const a = first[j] as number;
      if (a === -1) continue;
      const b = second[j] as number;
      let i = slot(a, b) & mask;
      while (this.first[i] !== -1) i = (i + 1) & mask;
      this.first[i] = a;
      this.second[i] = b;
      this.count[i] = count[j] as number;
    }
  }
}

function slot(a: number, b: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ (b >>> 15), 0x85ebca77);
  return h ^ (h >>> 16);
}
