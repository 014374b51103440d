import type { MarkShard } from "./mark-model.ts";
import { foldToken, isUnmarked, shardOf, tokenize } from "./tokens.ts";

export interface Restoration {
  /** The query with marks restored where the archive's statistics were confident enough. */
  query: string;
  /** True when at least one word was changed. */
  changed: boolean;
}

/** Statistics files a query needs: none when it has no unmarked word, which is kept as typed anyway. */
export function shardsFor(query: string): string[] {
  const tokens = tokenize(query);
  if (!tokens.some(isUnmarked)) return [];
  return [...new Set(tokens.map((t) => shardOf(foldToken(t))))];
}

/** Weight of the pair statistics against the single-word ones (interpolated bigram model). */
const PAIR_WEIGHT = 0.8;

interface Candidate {
  form: string;
  /** Times the archive wrote this form. */
  count: number;
}

/**
 * Restore marks to the unmarked words of a query: the most likely written sentence under an
 * interpolated word-pair model learnt from the archive (Viterbi over each word's written forms), so
 * `ha noi` → `hà nội` and `bao lu` → `bão lũ`, while `bao chi` → `báo chí`. Words the reader marked
 * are kept exactly as typed.
 */
export function restoreMarks(query: string, shards: ReadonlyMap<string, MarkShard>): Restoration {
  const tokens = tokenize(query);
  if (tokens.length === 0 || !tokens.some(isUnmarked)) return { query, changed: false };
  const total = Math.max(1, [...shards.values()][0]?.t ?? 1);
  const countOf = (form: string): number => {
    const folded = foldToken(form);
    const shard = shards.get(shardOf(folded));
    return shard?.u[folded]?.find(([f]) => f === form)?.[1] ?? shard?.c[folded] ?? 0;
  };
  const candidates: Candidate[][] = tokens.map((token) => {
    const forms = isUnmarked(token) ? shards.get(shardOf(token))?.u[token] : undefined;
    if (!forms || forms.length === 0) return [{ form: token, count: countOf(token) }];
    return forms.map(([form, count]) => ({ form, count }));
  });
  const unigram = (c: Candidate) => (c.count + 0.5) / total;
  const pairProbability = (prev: Candidate, cur: Candidate) =>
    PAIR_WEIGHT * (pairCountOf(shards, prev.form, cur.form) / Math.max(1, prev.count)) + (1 - PAIR_WEIGHT) * unigram(cur);

  // best[i][j]: best log score of a path ending in candidate j of word i, with back pointers.
  const best: { score: number; from: number }[][] = [];
  candidates.forEach((cands, i) => {
    best.push(cands.map((cand) => {
      if (i === 0) return { score: Math.log(unigram(cand)), from: -1 };
      let top = { score: -Infinity, from: 0 };
      (candidates[i - 1] ?? []).forEach((prev, k) => {
        const score = (best[i - 1]?.[k]?.score ?? 0) + Math.log(pairProbability(prev, cand));
        if (score > top.score) top = { score, from: k };
      });
      return top;
    }));
  });

  const forms: string[] = new Array<string>(tokens.length);
  let j = argmax(best[best.length - 1] ?? []);
  for (let i = tokens.length - 1; i >= 0; i--) {
    forms[i] = candidates[i]?.[j]?.form ?? tokens[i] ?? "";
    j = best[i]?.[j]?.from ?? 0;
  }
  const restored = applyForms(query, tokens, forms);
  return { query: restored, changed: restored !== query };
}

function pairCountOf(shards: ReadonlyMap<string, MarkShard>, a: string, b: string): number {
  const key = `${foldToken(a)} ${foldToken(b)}`;
  const entry = shards.get(shardOf(key))?.b[key];
  return entry && entry[0] === `${a} ${b}` ? entry[1] : 0;
}

function argmax(row: readonly { score: number }[]): number {
  let at = 0;
  row.forEach((r, i) => { if (r.score > (row[at]?.score ?? -Infinity)) at = i; });
  return at;
}

/** Put the restored words back into the query as typed, keeping quotes, spacing and other characters. */
function applyForms(query: string, tokens: readonly string[], forms: readonly string[]): string {
  let i = 0;
  return query.normalize("NFC").replace(/[\p{L}\p{M}\p{N}]+/gu, (word) => {
    const form = forms[i];
    const token = tokens[i];
    i++;
    if (form === undefined || token === undefined || form === token) return word;
    return word === word.toLowerCase() ? form : matchCase(word, form);
  });
}

function matchCase(typed: string, form: string): string {
  if (typed === typed.toUpperCase()) return form.toUpperCase();
  return form.charAt(0).toUpperCase() + form.slice(1);
}
