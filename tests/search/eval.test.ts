import { describe, expect, it } from "vitest";
import { chromiumPath } from "../helpers/browser.ts";
import { evaluateSearch } from "../../src/search/eval/run-eval.ts";
import { readQueryPairs } from "../../src/search/eval/pairs.ts";

/**
 * The small version of `npm run eval:search`: a real build of 400 corpus articles, all 50 query pairs,
 * in Chromium. Unmarked queries must find what their marked forms find (recall@10 ≥ 0.95), and do
 * clearly better than plain Pagefind.
 */
describe("Vietnamese search without marks", () => {
  it("finds what the marked query finds, over a real build of part of the corpus", async () => {
    const pairs = readQueryPairs();
    expect(pairs.length).toBeGreaterThanOrEqual(40);
    expect(pairs.filter((p) => p.marked.toLowerCase().includes("đ")).length).toBeGreaterThanOrEqual(15);
    const report = await evaluateSearch({ corpus: "../shared/corpus/vi-news", articles: 400, chromiumPath: chromiumPath(), pairs });
    const misses = report.pairs.filter((p) => p.ourRecall < 1).map((p) => `${p.unmarked} → ${p.restored} (${p.ourRecall.toFixed(2)})`);
    console.log(`recall@10 over ${report.articles} articles: plain Pagefind ${report.plainRecall.toFixed(3)}, ours ${report.ourRecall.toFixed(3)}; misses: ${misses.join(", ") || "none"}`);
    expect(report.articles).toBe(400);
    expect(report.ourRecall).toBeGreaterThanOrEqual(0.95);
    expect(report.ourRecall).toBeGreaterThan(report.plainRecall + 0.2);
  });
});
