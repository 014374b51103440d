import type { MarkShard } from "./mark-model.ts";
import { foldToken, isUnmarked, shardOf, tokenize } from "./tokens.ts";

export interface Restoration {
  /** The query with marks restored where the archive's statistics were confident enough. */
  query: string;
  /** True when at least one word was changed. */
  changed: boolean;
}

/** Shard letters a query needs. */
export function shardsFor(query: string): string[] {
  return [...new Set(tokenize(query).map((t) => shardOf(foldToken(t))))];
}

/** A pair seen in the archive outweighs any single word's frequency; this keeps unseen pairs possible. */
const UNIGRAM_WEIGHT = 0.5;

/**
 * Restore marks to the unmarked words of a query (Viterbi over written forms): each word's candidates
 * come from the archive's vocabulary, and neighbouring pairs seen in the archive decide between them
 * (`ha noi` → `hà nội`, not `hạ nội`). Words the reader marked are kept exactly as typed.
 */
export function restoreMarks(query: string, shards: ReadonlyMap<string, MarkShard>): Restoration {
  const tokens = tokenize(query);
  if (tokens.length === 0 || !tokens.some(isUnmarked)) return { query, changed: false };

  const candidates = tokens.map((token) => {
    if (!isUnmarked(token)) return [{ form: token, p: 1 }];
    const forms = shards.get(shardOf(token))?.u[token];
    if (!forms || forms.length === 0) return [{ form: token, p: 1 }];
    const total = forms.reduce((n, [, c]) => n + c, 0);
    return forms.map(([form, c]) => ({ form, p: c / total }));
  });

  // best[i][j]: best log score of a path ending in candidate j of word i, with back pointers.
  const best: { score: number; from: number }[][] = [];
  candidates.forEach((cands, i) => {
    const row = cands.map((cand) => {
      if (i === 0) return { score: Math.log(cand.p), from: -1 };
      const prevCands = candidates[i - 1] ?? [];
      let top = { score: -Infinity, from: 0 };
      prevCands.forEach((prev, k) => {
        const pairCount = pairCountOf(shards, prev.form, cand.form);
        const score = (best[i - 1]?.[k]?.score ?? 0) + Math.log(pairCount + UNIGRAM_WEIGHT * cand.p);
        if (score > top.score) top = { score, from: k };
      });
      return top;
    });
    best.push(row);
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
