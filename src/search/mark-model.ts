import { foldToken, shardOf } from "./tokens.ts";
import { SPAN_HASH_SEED, spanHashEnd, spanHashStep, SpanTable } from "./pagefind-writer/span-table.ts";

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
const CLAUSE_ENDS = ".,;:!?()«»\"“”\n";

/** What a UTF-16 unit is to the counting: part of a word (WORD in tokens.ts), a clause end, or neither (0). */
const WORD_UNIT = 1;
const CLAUSE_END = 2;
/** A surrogate: the code point it starts decides. */
const SURROGATE = 3;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
let units: Uint8Array | undefined;
/** Every BMP unit's kind, worked out once (65,536 tests, a few milliseconds) rather than a regex run per text. */
function unitKinds(): Uint8Array {
  if (units) return units;
  units = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) units[c] = SURROGATE;
    else if (WORD_CHAR.test(String.fromCharCode(c))) units[c] = WORD_UNIT;
  }
  for (const c of CLAUSE_ENDS) units[c.charCodeAt(0)] = CLAUSE_END;
  return units;
}

/** How many units the word character at `i` takes (1, or 2 for a pair of surrogates), or 0 if it is not one. */
function wordUnits(text: string, i: number, kinds: Uint8Array): number {
  const kind = kinds[text.charCodeAt(i)];
  if (kind === WORD_UNIT) return 1;
  if (kind !== SURROGATE) return 0;
  const point = text.codePointAt(i) as number;
  return point > 0xffff && WORD_CHAR.test(String.fromCodePoint(point)) ? 2 : 0;
}

export class MarkStatistics {
  // Words are numbered as first seen and pairs counted by their two numbers (PairCounts): string
  // keys (`hà nội`) built and hashed a pair string per word, most of them seen once and dropped by
  // shards() anyway.
  // Words are looked up by their span of the text (span-table.ts): cut out with split and match, and
  // hashed again by a Map, every word of 30,000 articles was a new short string, most of them met before.
  private readonly ids = new SpanTable<number>();
  private readonly forms: string[] = [];
  private readonly counts: number[] = [];
  private readonly pairs = new PairCounts();

  /**
   * Count one text (an article's title, body or caption): made lowercase NFC once, then cut as
   * tokenize() cuts (runs of WORD characters). Pairs never span a clause mark.
   */
  add(text: string): void {
    const kinds = unitKinds();
    const lower = text.normalize("NFC").toLowerCase();
    const length = lower.length;
    let previous = -1;
    let i = 0;
    while (i < length) {
      let step = wordUnits(lower, i, kinds);
      if (step === 0) {
        if (kinds[lower.charCodeAt(i)] === CLAUSE_END) previous = -1;
        i++;
        continue;
      }
      const start = i;
      let hash = SPAN_HASH_SEED;
      do {
        for (const end = i + step; i < end; i++) hash = spanHashStep(hash, lower.charCodeAt(i));
        step = i < length ? wordUnits(lower, i, kinds) : 0;
      } while (step > 0);
      hash = spanHashEnd(hash);
      let id = this.ids.get(lower, start, i, hash);
      if (id === undefined) {
        id = this.forms.length;
        const word = lower.slice(start, i);
        this.ids.add(word, hash, id);
        this.forms.push(word);
        this.counts.push(0);
      }
      (this.counts[id] as number)++;
      if (previous >= 0) this.pairs.increment(previous, id);
      previous = id;
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
    // Pairs are grouped by their two words' folded forms, as numbers, and each group's most frequent
    // pair becomes strings only when it is not simply its words' best forms: at 25,000 articles,
    // 480,000 pairs, a folded and a written string each and a Map of them took 4 s, this 0.3 s.
    const foldIds = new Map<string, number>();
    const foldNames: string[] = [];
    const foldOfForm = this.forms.map((_, id) => {
      const folded = foldOf(id);
      let n = foldIds.get(folded);
      if (n === undefined) foldIds.set(folded, (n = foldNames.push(folded) - 1));
      return n;
    });
    const bestForm = foldNames.map((folded) => forms.get(folded)?.[0]?.[0] ?? folded);
    const tops = new PairTops(this.forms);
    this.pairs.forEach((a, b, count) => {
      if (count >= options.minPairCount) tops.offer(foldOfForm[a] as number, foldOfForm[b] as number, a, b, count);
    });
    const kept: Counted[] = [];
    tops.forEach((fa, fb, a, b, count) => {
      // Words hold no spaces: two forms equal two others exactly when the pairs written with one space do.
      if (this.forms[a] === bestForm[fa] && this.forms[b] === bestForm[fb]) return;
      kept.push([`${foldNames[fa]} ${foldNames[fb]}`, `${this.forms[a]} ${this.forms[b]}`, count]);
    });
    kept.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    for (const [folded, form, count] of kept) shard(folded).b[folded] = [form, count];
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

/**
 * For each pair of folded words (numbers), its most frequent written pair: the highest count, then
 * the pair written first in string order (as groupByFold sorts a group). Open addressing, as PairCounts;
 * one table class for both, its numbers in an array of columns, made the whole count 3–49 % slower
 * (six alternated pairs on a 25,000-article sample), so each keeps its own few lines of probing and growing.
 */
class PairTops {
  private foldA = new Int32Array(1 << 16).fill(-1);
  private foldB = new Int32Array(1 << 16);
  private topA = new Int32Array(1 << 16);
  private topB = new Int32Array(1 << 16);
  private topCount = new Int32Array(1 << 16);
  private size = 0;

  constructor(private readonly forms: readonly string[]) {}

  offer(fa: number, fb: number, a: number, b: number, count: number): void {
    const mask = this.foldA.length - 1;
    let i = slot(fa, fb) & mask;
    for (;;) {
      const at = this.foldA[i] as number;
      if (at === -1) break;
      if (at === fa && this.foldB[i] === fb) {
        if (this.beats(a, b, count, i)) this.set(i, fa, fb, a, b, count);
        return;
      }
      i = (i + 1) & mask;
    }
    this.set(i, fa, fb, a, b, count);
    if (++this.size * 2 > this.foldA.length) this.grow();
  }

  forEach(each: (fa: number, fb: number, a: number, b: number, count: number) => void): void {
    for (let i = 0; i < this.foldA.length; i++) {
      const fa = this.foldA[i] as number;
      if (fa !== -1) each(fa, this.foldB[i] as number, this.topA[i] as number, this.topB[i] as number, this.topCount[i] as number);
    }
  }

  /** Whether pair `a b` seen `count` times goes before the top of slot `i`. */
  private beats(a: number, b: number, count: number, i: number): boolean {
    const top = this.topCount[i] as number;
    if (count !== top) return count > top;
    const topA = this.topA[i] as number;
    if (a !== topA) return (this.forms[a] as string) < (this.forms[topA] as string);
    return (this.forms[b] as string) < (this.forms[this.topB[i] as number] as string);
  }

  private set(i: number, fa: number, fb: number, a: number, b: number, count: number): void {
    this.foldA[i] = fa;
    this.foldB[i] = fb;
    this.topA[i] = a;
    this.topB[i] = b;
    this.topCount[i] = count;
  }

  private grow(): void {
    const { foldA, foldB, topA, topB, topCount } = this;
    const size = foldA.length * 2;
    this.foldA = new Int32Array(size).fill(-1);
    this.foldB = new Int32Array(size);
    this.topA = new Int32Array(size);
    this.topB = new Int32Array(size);
    this.topCount = new Int32Array(size);
    const mask = size - 1;
    for (let j = 0; j < foldA.length; j++) {
      const fa = foldA[j] as number;
      if (fa === -1) continue;
      const fb = foldB[j] as number;
      let i = slot(fa, fb) & mask;
      while (this.foldA[i] !== -1) i = (i + 1) & mask;
      this.set(i, fa, fb, topA[j] as number, topB[j] as number, topCount[j] as number);
    }
  }
}

function slot(a: number, b: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ (b >>> 15), 0x85ebca77);
  return h ^ (h >>> 16);
}
