import { parseArgs } from "node:util";
import { evaluateSearch } from "../src/search/eval/run-eval.ts";

/**
 * `npm run eval:search -- [--articles N] [--corpus DIR]`: recall@10 of unmarked queries against their
 * marked forms, for plain Pagefind and for our search, over a real build of part of the corpus.
 */
const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "3214" },
    corpus: { type: "string", default: "../shared/corpus/vi-news" },
  },
});
const report = await evaluateSearch({
  corpus: values.corpus,
  articles: Number(values.articles),
  chromiumPath: process.env["CHROME_PATH"] || "/usr/bin/chromium",
});
for (const p of report.pairs) {
  console.log(`${p.marked.padEnd(24)} ${p.unmarked.padEnd(24)} → ${p.restored.padEnd(24)} results ${String(p.markedCount).padStart(5)}  plain ${p.plainRecall.toFixed(2)}  ours ${p.ourRecall.toFixed(2)}`);
}
console.log(`articles ${report.articles}, pairs ${report.pairs.length}: recall@10 plain Pagefind ${report.plainRecall.toFixed(3)}, ours ${report.ourRecall.toFixed(3)}; Pagefind search with cached parts median ${report.searchMs.median.toFixed(1)} ms, p95 ${report.searchMs.p95.toFixed(1)} ms; search page, last keystroke to results: median ${report.typingMs.median.toFixed(1)} ms, p95 ${report.typingMs.p95.toFixed(1)} ms`);
