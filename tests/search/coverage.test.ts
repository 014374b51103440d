import { describe, expect, it } from "vitest";
import { coveredParts, partOrder, yearRanges } from "../../src/search/browser/coverage.ts";

// As the search page gets them: newest first, the first being the primary index.
const PARTS = [
  { dir: "pagefind/", years: ["2024", "2025"], articles: 4100 },
  { dir: "pagefind/parts/2022-01_2023-12/", years: ["2022", "2023"], articles: 4300 },
  { dir: "pagefind/parts/2021-07_2021-12/", years: ["2021"], articles: 8000 },
  { dir: "pagefind/parts/2019-01_2021-06/", years: ["2019", "2020", "2021"], articles: 4000 },
];

describe("partOrder", () => {
  it("is newest first, or oldest first for the oldest sort", () => {
    expect(partOrder(PARTS, [], false)).toEqual([0, 1, 2, 3]);
    expect(partOrder(PARTS, [], true)).toEqual([3, 2, 1, 0]);
  });

  it("keeps only the parts holding a chosen year (a year split between two parts needs both)", () => {
    expect(partOrder(PARTS, ["2021"], false)).toEqual([2, 3]);
    expect(partOrder(PARTS, ["2023", "2019"], true)).toEqual([3, 1]);
    expect(partOrder(PARTS, ["1990"], false)).toEqual([]);
  });

  it("keeps a part whose years are unknown", () => {
    expect(partOrder([{ dir: "pagefind/", years: [], articles: 0 }], ["2020"], false)).toEqual([0]);
  });
});

describe("coveredParts", () => {
  it("is the run of parts done from the start of the order, never one beyond a gap", () => {
    const done = new Set([0, 3]);
    expect(coveredParts([0, 1, 2, 3], (i) => done.has(i))).toEqual([0]);
    // Oldest first: part 3 is done, part 0 (the primary, always loaded) only counts once 2 and 1 are.
    expect(coveredParts([3, 2, 1, 0], (i) => done.has(i))).toEqual([3]);
    expect(coveredParts([3, 2, 1, 0], () => true)).toEqual([3, 2, 1, 0]);
    expect(coveredParts([2, 1], () => false)).toEqual([]);
  });
});

describe("yearRanges", () => {
  it("writes years as runs", () => {
    expect(yearRanges(["2019", "2015", "2016", "2017", "2016"])).toBe("2015–2017, 2019");
    expect(yearRanges(["2021"])).toBe("2021");
    expect(yearRanges([])).toBe("");
  });
});
