import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { plainText } from "../article/markdown.ts";
import type { ArticleView } from "../site/views.ts";
import { runWorker } from "../workers/run-worker.ts";
import { MarkStatistics, markOptionsFor, type MarkShard } from "./mark-model.ts";

export interface MarkFile {
  shard: string;
  url: string;
  json: string;
}

/**
 * Counting costs about 0.36 ms per article (3.6 s for 10,000 bench articles); past this many, an even sample of the archive (every k-th
 * article, all years and sections) gives the same restorations (a pair seen twice in 30,000 articles
 * is kept) at a bounded cost.
 */
const MAX_COUNTED_ARTICLES = 30_000;

/** What the statistics are counted from, for one article. */
export interface MarkInput {
  title: string;
  section?: string;
  html: string;
}

/** The articles counted: all of them, or an even sample past MAX_COUNTED_ARTICLES. */
export function markInputs(articles: readonly ArticleView[]): { inputs: MarkInput[]; articleCount: number } {
  const step = Math.max(1, Math.ceil(articles.length / MAX_COUNTED_ARTICLES));
  const inputs: MarkInput[] = [];
  for (let i = 0; i < articles.length; i += step) {
    const a = articles[i] as ArticleView;
    inputs.push({ title: a.title, html: a.html(), ...(a.section ? { section: a.section.name } : {}) });
  }
  return { inputs, articleCount: articles.length };
}

/** The mark-restoration statistics, one content-hashed JSON file per shard. */
export function countMarkFiles({ inputs, articleCount }: { inputs: readonly MarkInput[]; articleCount: number }): MarkFile[] {
  const stats = new MarkStatistics();
  for (const a of inputs) {
    stats.add(a.title);
    if (a.section) stats.add(a.section);
    stats.add(plainText(a.html.replace(/<\/?figure>/g, " ")));
  }
  return [...stats.shards(markOptionsFor(articleCount))].map(([shard, data]: [string, MarkShard]) => {
    const json = JSON.stringify(data);
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 10);
    return { shard, url: `/search/marks/${shard}.${hash}.json`, json };
  });
}

export function markFiles(articles: readonly ArticleView[]): MarkFile[] {
  return countMarkFiles(markInputs(articles));
}

/**
 * The same, counted in a worker thread, which the build spends
 * on its second core while Eleventy renders pages on the first.
 */
export function markFilesInWorker(articles: readonly ArticleView[]): Promise<MarkFile[]> {
  return runWorker<ReturnType<typeof markInputs>, MarkFile[]>(new URL("./mark-worker.ts", import.meta.url), markInputs(articles));
}

/** The file naming each shard's file, `/search/marks/_index.<hash>.json` (src/site/plugins/search.ts). */
export const MARK_INDEX = "_index";

/** The mark files a previous build wrote into `outDir` (`search/marks/<shard>.<hash>.json`), to publish again as they are. */
export async function readMarkFiles(outDir: string): Promise<MarkFile[]> {
  const dir = path.join(outDir, "search", "marks");
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^[^.]+\.[0-9a-f]{10}\.json$/.test(n) && !n.startsWith(`${MARK_INDEX}.`)).sort();
  return Promise.all(names.map(async (name) => ({
    shard: name.slice(0, name.indexOf(".")),
    url: `/search/marks/${name}`,
    json: await readFile(path.join(dir, name), "utf8"),
  })));
}
