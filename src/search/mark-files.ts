import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { plainText } from "../article/markdown.ts";
import type { ArticleView } from "../site/views.ts";
import { Worker } from "node:worker_threads";
import { MarkStatistics, markOptionsFor, type MarkShard } from "./mark-model.ts";

export interface MarkFile {
  shard: string;
  url: string;
  json: string;
}

/**
 * Counting costs about 0.16 ms per article (4 s for the 25,000 of a 100,000-article sample); past this many, an even sample of the archive (every k-th
 * article, all years and sections) gives the same restorations (a pair seen twice in 30,000 articles
 * is kept) at a bounded cost.
 */
const MAX_COUNTED_ARTICLES = 30_000;

/** What the statistics are counted from, for one article: its title and body (its section comes apart, see MarkCount). */
export interface MarkInput {
  title: string;
  html: string;
}

/** The articles counted: all of them, or an even sample past MAX_COUNTED_ARTICLES. */
function markSample(articles: readonly ArticleView[]): ArticleView[] {
  const step = Math.max(1, Math.ceil(articles.length / MAX_COUNTED_ARTICLES));
  const sample: ArticleView[] = [];
  for (let i = 0; i < articles.length; i += step) sample.push(articles[i] as ArticleView);
  return sample;
}

/** Counts the sample's titles and bodies. */
export function countTexts(stats: MarkStatistics, inputs: readonly MarkInput[]): void {
  for (const a of inputs) {
    stats.add(a.title);
    stats.add(plainText(a.html.replace(/<\/?figure>/g, " ")));
  }
}

/**
 * Counts the sample's section names, then makes the files. The counts do not depend on the order
 * texts are added (only words' internal numbers do), so sections counted last give the same files.
 */
export function finishCount(stats: MarkStatistics, sections: readonly (string | undefined)[], articleCount: number): MarkFile[] {
  for (const section of sections) if (section) stats.add(section);
  return [...stats.shards(markOptionsFor(articleCount))].map(([shard, data]: [string, MarkShard]) => {
    const json = JSON.stringify(data);
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 10);
    return { shard, url: `/search/marks/${shard}.${hash}.json`, json };
  });
}

export function markFiles(articles: readonly ArticleView[]): MarkFile[] {
  const sample = markSample(articles);
  const stats = new MarkStatistics();
  countTexts(stats, sample.map(textsOf));
  return finishCount(stats, sample.map((a) => a.section?.name), articles.length);
}

const textsOf = (a: ArticleView): MarkInput => ({ title: a.title, html: a.html() });

/** What the mark worker is given: the sample's texts; then, in a message, its sections (MarkWorkerSections). */
export interface MarkWorkerInput {
  inputs: MarkInput[];
  articleCount: number;
}
export interface MarkWorkerSections {
  sections: (string | undefined)[];
}

/** The counting started (startMarkCount); `finish` once the archive's terms give the sections their names. */
export interface MarkCount {
  finish(): Promise<MarkFile[]>;
  /** Ends the worker unanswered: the build keeps the last counts after all. */
  cancel(): void;
}

/**
 * The same, counted in a worker thread, which the build spends on its second core. A first build
 * starts it as soon as the archive's articles are in their final order (src/site/archive.ts), while
 * the main thread still works out terms, related articles and listings with the other core idle
 * (about 2 s at 100,000 articles); the section names, known once terms are grouped, follow.
 */
export function startMarkCount(articles: readonly ArticleView[]): MarkCount {
  const sample = markSample(articles);
  const worker = new Worker(new URL("../workers/tsx-boot.mjs", import.meta.url), {
    workerData: { module: new URL("./mark-worker.ts", import.meta.url).href, input: { inputs: sample.map(textsOf), articleCount: articles.length } satisfies MarkWorkerInput },
  });
  const answer = new Promise<MarkFile[]>((resolve, reject) => {
    worker.once("message", (files: MarkFile[]) => {
      resolve(files);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the mark statistics worker exited with code ${code} before answering`)));
  });
  answer.catch(() => undefined); // awaited by finish(); a failure there fails the build
  return {
    finish: () => {
      worker.postMessage({ sections: sample.map((a) => a.section?.name) } satisfies MarkWorkerSections);
      return answer;
    },
    cancel: () => void worker.terminate(),
  };
}

/** Counted in a worker thread from the archive as built. */
export function markFilesInWorker(articles: readonly ArticleView[]): Promise<MarkFile[]> {
  return startMarkCount(articles).finish();
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
