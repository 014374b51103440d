import { foldToken, shardOf, tokenize } from "./tokens.ts";

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

export class MarkStatistics {
  private readonly words = new Map<string, number>();
  private readonly pairs = new Map<string, number>();

  /** Count one text (an article's title, body or caption). Pairs never span a sentence mark. */
  add(text: string): void {
    for (const clause of text.split(/[.,;:!?()«»"“”\n]+/)) {
      const tokens = tokenize(clause);
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i] as string;
        this.words.set(t, (this.words.get(t) ?? 0) + 1);
        if (i > 0) {
          const pair = `${tokens[i - 1]} ${t}`;
          this.pairs.set(pair, (this.pairs.get(pair) ?? 0) + 1);
        }
      }
    }
  }

  /** Shards keyed by first letter; only words that have a marked form are kept (others restore to themselves). */
  shards(options: MarkModelOptions = DEFAULT_MARK_OPTIONS): Map<string, MarkShard> {
    let total = 0;
    for (const n of this.words.values()) total += n;
    const shards = new Map<string, MarkShard>();
    const shard = (folded: string) => {
      const key = shardOf(folded);
      let s = shards.get(key);
      if (!s) shards.set(key, (s = { u: {}, b: {}, c: {}, t: total }));
      return s;
    };
    const forms = groupByFold(this.words, options.minWordCount, foldToken);
    for (const [folded, list] of forms) {
      if (list.length === 1 && list[0]?.[0] === folded) shard(folded).c[folded] = list[0][1];
      else shard(folded).u[folded] = list.slice(0, options.maxForms);
    }
    const bestForm = (folded: string) => forms.get(folded)?.[0]?.[0] ?? folded;
    const pairForms = groupByFold(this.pairs, options.minPairCount, (pair) => pair.split(" ").map(foldToken).join(" "));
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

function groupByFold(counts: Map<string, number>, min: number, fold: (s: string) => string): Map<string, [string, number][]> {
  const groups = new Map<string, [string, number][]>();
  for (const [form, count] of counts) {
    if (count < min) continue;
    const key = fold(form);
    const list = groups.get(key);
    if (list) list.push([form, count]);
    else groups.set(key, [[form, count]]);
  }
  for (const list of groups.values()) list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return new Map([...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}
