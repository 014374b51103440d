import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine } from "./args.ts";
import { runBench } from "../bench/run-bench.ts";
import { benchTable } from "../bench/report.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const usage = "npm run bench -- --articles N [--source DIR] [--keep DIR] [--no-baseline] [--word WORD]";
const { values } = parseCommandLine({
  articles: { type: "string" },
  source: { type: "string", default: path.resolve(root, "../shared/corpus/vi-news") },
  keep: { type: "string" },
  "no-baseline": { type: "boolean", default: false },
  word: { type: "string", default: "người" },
}, usage);

const articles = Number(values.articles);
if (!values.articles || !Number.isInteger(articles) || articles < 1) {
  console.error(`--articles N is required (a whole number ≥ 1)\nusage: ${usage}`);
  process.exit(2);
}
try {
  const result = await runBench({
    articles,
    source: values.source,
    ...(values.keep ? { keep: values.keep } : {}),
    baseline: !values["no-baseline"],
    word: values.word.normalize("NFC"),
    root,
    log: (line) => console.error(`bench: ${line}`),
  });
  console.log(benchTable(result));
  console.log(JSON.stringify(result));
} catch (e) {
  console.error(`Benchmark failed: ${(e as Error).message}`);
  process.exit(1);
}
