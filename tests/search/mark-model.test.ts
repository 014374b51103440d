import { describe, expect, it } from "vitest";
import { MarkStatistics, PairCounts } from "../../src/search/mark-model.ts";

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
