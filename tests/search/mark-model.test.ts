import { describe, expect, it } from "vitest";
import { MarkStatistics, PairCounts, type MarkShard } from "../../src/search/mark-model.ts";
import { foldToken, shardOf, tokenize } from "../../src/search/tokens.ts";

/**
 * The statistics as first written, with strings and Maps: every text cut into clauses at the clause
 * marks and each clause into words by tokenize(), each group of written forms sorted by count then
 * spelling. MarkStatistics counts in place and groups pairs by number; it must give the same shards.
 */
function referenceShards(texts: readonly string[], options: { minWordCount: number; minPairCount: number; maxForms: number }): Map<string, MarkShard> {
  const words = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const text of texts) {
    for (const clause of text.normalize("NFC").toLowerCase().split(/[.,;:!?()«»"“”\n]+/)) {
      const tokens = tokenize(clause);
      tokens.forEach((w, i) => {
        words.set(w, (words.get(w) ?? 0) + 1);
        if (i > 0) pairs.set(`${tokens[i - 1]} ${w}`, (pairs.get(`${tokens[i - 1]} ${w}`) ?? 0) + 1);
      });
    }
  }
  let total = 0;
  for (const n of words.values()) total += n;
  const group = (counted: [string, number][]) => {
    const groups = new Map<string, [string, number][]>();
    for (const [form, count] of counted) {
      const key = form.split(" ").map(foldToken).join(" ");
      groups.set(key, [...(groups.get(key) ?? []), [form, count]]);
    }
    for (const list of groups.values()) list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return new Map([...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  };
  const shards = new Map<string, MarkShard>();
  const shard = (folded: string) => {
    if (!shards.has(shardOf(folded))) shards.set(shardOf(folded), { u: {}, b: {}, c: {}, t: total });
    return shards.get(shardOf(folded)) as MarkShard;
  };
  const forms = group([...words].filter(([, n]) => n >= options.minWordCount));
  for (const [folded, list] of forms) {
    if (list.length === 1 && list[0]?.[0] === folded) shard(folded).c[folded] = list[0][1];
    else shard(folded).u[folded] = list.slice(0, options.maxForms);
  }
  const best = (folded: string) => forms.get(folded)?.[0]?.[0] ?? folded;
  for (const [folded, list] of group([...pairs].filter(([, n]) => n >= options.minPairCount))) {
    const [a = "", b = ""] = folded.split(" ");
    if (list[0] && list[0][0] !== `${best(a)} ${best(b)}`) shard(folded).b[folded] = list[0];
  }
  return shards;
}

describe("PairCounts", () => {
  it("counts every pair as a Map would, through several growths of its table", () => {
    const table = new PairCounts();
    const expected = new Map<string, number>();
    // 200,000 increments over about 90,000 distinct pairs: the table starts at 65,536 slots, half full at most.
    let seed = 7;
    for (let i = 0; i < 200_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const a = seed % 300;
      const b = (seed >>> 9) % 300;
      table.increment(a, b);
      expected.set(`${a} ${b}`, (expected.get(`${a} ${b}`) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    table.forEach((a, b, count) => {
      expect(seen.has(`${a} ${b}`)).toBe(false);
      seen.set(`${a} ${b}`, count);
    });
    expect(seen.size).toBe(expected.size);
    expect(expected.size).toBeGreaterThan(32_768);
    for (const [pair, count] of expected) expect(seen.get(pair)).toBe(count);
  });
});

describe("MarkStatistics", () => {
  const options = { minWordCount: 1, minPairCount: 1, maxForms: 6 };

  it("counts words from text made lowercase NFC", () => {
    const stats = new MarkStatistics();
    // "Hà" written decomposed (a + combining grave), then as one code point: one word after NFC.
    stats.add("Ha\u0300 Nội. Nội thất; HÀ NỘI");
    const shards = stats.shards(options);
    expect(shards.get("ha")?.u["ha"]).toEqual([["hà", 2]]);
    expect(shards.get("no")?.u["noi"]).toEqual([["nội", 3]]);
    expect(shards.get("ha")?.t).toBe(6);
  });

  it("gives the shards of the plain string count: words cut as tokenize cuts, surrogates, marks and ties included", () => {
    const texts = [
      "Hà Nội, Hà Nội; ha noi! HÀ NỘI. Hà nội (hà nội) «Hà Nội» “hà nội” hà\nnội",
      "Đường Lê Lợi, đường Lê Lợi, duong le loi; Đường Lê Lợi: 2024 năm 2024 năm",
      // Decomposed marks (NFD), astral letters and digits (𝐀, 𠀀, 𝟙), an emoji and a lone surrogate split words.
      "Ha\u0300 No\u0323\u0302i ha\u0300 no\u0323\u0302i 𝐀𝐁 c 𝐀𝐁 c 𠀀x 𠀀x 𝟙2 𝟙2 a😀b a😀b x\ud800y x\ud800y",
      // A tie: "cà mau" and "ca màu" three times each, "ca mau" once; the spelling first in string order wins.
      "cà mau. cà mau. ca màu. ca màu. ca mau. cà mau. ca màu.",
      "ÀÁẢÃẠ àáảãạ aaaaa ĂẮẰẲẴẶ ăắằẳẵặ … — – ‘a’ \"b\" c's tab\tbreak\u00a0nbsp\u3000ideographic",
    ];
    for (const options of [{ minWordCount: 1, minPairCount: 1, maxForms: 6 }, { minWordCount: 2, minPairCount: 2, maxForms: 2 }]) {
      const stats = new MarkStatistics();
      for (const text of texts) stats.add(text);
      expect(JSON.stringify([...stats.shards(options)])).toBe(JSON.stringify([...referenceShards(texts, options)]));
    }
  });

  it("counts a pair within a clause, never across a clause mark", () => {
    const pairEntries = (texts: string[]) => {
      const stats = new MarkStatistics();
      // "ca" and "mau" are each most often written plain, so "cà màu" needs a pair entry once it wins.
      for (const text of ["ca ca ca mau mau mau", ...texts]) stats.add(text);
      return Object.fromEntries([...stats.shards(options).values()].flatMap((s) => Object.entries(s.b)));
    };
    expect(pairEntries(["Cà màu", "cà màu"])).toEqual({ "ca mau": ["cà màu", 2] });
    expect(pairEntries(["Cà. Màu", "cà; màu", "cà «màu»"])).toEqual({});
  });
});
