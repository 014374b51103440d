import { execFile } from "node:child_process";
import { readdir, readFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { runImport } from "../../importer/run-import.ts";
import { startStaticServer } from "../../serve/static-server.ts";
import type { MarkShard } from "../mark-model.ts";
import { restoreMarks } from "../restore-marks.ts";
import { readQueryPairs, recallAtK, type QueryPair } from "./pairs.ts";

const run = promisify(execFile);

export interface EvalOptions {
  /** Folder of raw articles (the corpus). */
  corpus: string;
  /** How many of them, spread evenly over the whole corpus. */
  articles: number;
  chromiumPath: string;
  pairs?: QueryPair[];
}

export interface PairResult extends QueryPair {
  restored: string;
  markedCount: number;
  plainRecall: number;
  ourRecall: number;
}

export interface EvalReport {
  articles: number;
  pairs: PairResult[];
  plainRecall: number;
  ourRecall: number;
  /** Pagefind search plus top-10 data, index parts cached: median and 95th percentile, ms. */
  searchMs: { median: number; p95: number };
  /** On the real search page: last keystroke to results rendered (debounce included), parts cached. */
  typingMs: { median: number; p95: number };
}

function percentiles(xs: number[]): { median: number; p95: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

/**
 * Type each query into the search page once to fetch its index parts, then again key by key, and
 * read the page's own User Timing marks: last keystroke → results rendered.
 */
async function measureTyping(page: import("playwright-core").Page, searchUrl: string, queries: readonly string[]): Promise<number[]> {
  await page.goto(searchUrl);
  await page.waitForSelector("#search-app.is-ready");
  // Done for the whole query, not for a prefix of it that a debounce let through.
  const settle = () => page.waitForFunction(() => {
    const input = document.querySelector<HTMLInputElement>("#search-query");
    return document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done" && new URL(location.href).searchParams.get("q") === input?.value;
  });
  const out: number[] = [];
  for (const q of queries) {
    for (let pass = 0; pass < 2; pass++) {
      await page.fill("#search-query", "");
      await page.evaluate(() => performance.clearMarks());
      await page.locator("#search-query").pressSequentially(q);
      await settle();
      await page.waitForFunction(() => performance.getEntriesByName("search-rendered").length > 0);
      if (pass === 1) {
        out.push(await page.evaluate(() => {
          const input = performance.getEntriesByName("search-input").at(-1)?.startTime ?? 0;
          const rendered = performance.getEntriesByName("search-rendered").at(-1)?.startTime ?? 0;
          return rendered - input;
        }));
      }
    }
  }
  return out;
}

/** Every raw file of the corpus, in a stable order, then every n-th so that all sources and years appear. */
async function pickInputs(corpus: string, count: number): Promise<string[]> {
  const entries = await readdir(corpus, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith(".txt"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const step = Math.max(1, files.length / count);
  const picked: string[] = [];
  for (let i = 0; picked.length < count && Math.floor(i) < files.length; i += step) picked.push(files[Math.floor(i)] as string);
  return picked;
}

/**
 * Import part of the corpus, build the site for real, serve it on 127.0.0.1 and, in Chromium, compare
 * each pair's top 10: the marked query (the reference) against the unmarked query as plain Pagefind
 * runs it and as our search page runs it (marks restored from the archive's statistics first).
 */
export async function evaluateSearch(options: EvalOptions): Promise<EvalReport> {
  const work = await mkdtemp(path.join(tmpdir(), "search-eval-"));
  const articlesDir = path.join(work, "articles");
  const out = path.join(work, "site");
  const inputs = await pickInputs(options.corpus, options.articles);
  const imported = await runImport(inputs, { out: articlesDir });
  if (imported.failed > 0) throw new Error(`${imported.failed} corpus files failed to import`);
  await run("npx", ["tsx", "src/cli/build.ts", "--articles", articlesDir, "--out", out], { maxBuffer: 64 * 1024 * 1024 });

  const shards = new Map<string, MarkShard>();
  for (const name of await readdir(path.join(out, "search", "marks"))) {
    shards.set(name.split(".")[0] as string, JSON.parse(await readFile(path.join(out, "search", "marks", name), "utf8")) as MarkShard);
  }

  const server = await startStaticServer({ root: out });
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}search/`);
    await page.evaluate(`(async () => { window.__pf = await import("/pagefind/pagefind.js"); await window.__pf.options({ baseUrl: "/" }); await window.__pf.init(); })()`);
    const top10 = async (query: string) => {
      const result = await page.evaluate<{ urls: string[]; count: number; ms: number }>(`(async () => {
        const started = performance.now();
        const res = await window.__pf.search(${JSON.stringify(query)});
        const data = await Promise.all(res.results.slice(0, 10).map((r) => r.data()));
        return { urls: data.map((d) => d.url), count: res.results.length, ms: performance.now() - started };
      })()`);
      return result;
    };
    const pairs: PairResult[] = [];
    const timings: number[] = [];
    for (const pair of options.pairs ?? readQueryPairs()) {
      const reference = await top10(pair.marked);
      const plain = await top10(pair.unmarked);
      const restored = restoreMarks(pair.unmarked, shards).query;
      const ours = await top10(restored);
      // Same query again: its index parts are cached now, as when a reader keeps typing.
      timings.push((await top10(restored)).ms);
      pairs.push({
        ...pair,
        restored,
        markedCount: reference.count,
        plainRecall: recallAtK(reference.urls, plain.urls),
        ourRecall: recallAtK(reference.urls, ours.urls),
      });
    }
    const typing = await measureTyping(page, `${server.url}search/`, (options.pairs ?? readQueryPairs()).map((p) => p.unmarked));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    return {
      articles: inputs.length,
      pairs,
      plainRecall: mean(pairs.map((p) => p.plainRecall)),
      ourRecall: mean(pairs.map((p) => p.ourRecall)),
      searchMs: percentiles(timings),
      typingMs: percentiles(typing),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
