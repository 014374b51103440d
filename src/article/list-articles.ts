import { statSync } from "node:fs";
import path from "node:path";
import { listArticleFiles } from "./load.ts";
import { packStats } from "../workers/stat-files.ts";
import { runWorker } from "../workers/run-worker.ts";

/** The article files of a folder (listArticleFiles) and their stats, packed (packStats), taken from `started` on. */
export interface ListedArticles {
  files: string[];
  stats: Float64Array;
  /** Date.now() before the first stat: what the loader calls recent (racy) is counted from it. */
  started: number;
}

export async function listAndStat(dir: string): Promise<ListedArticles> {
  const started = Date.now();
  const files = await listArticleFiles(dir);
  return { files, stats: await packStats(files.map((file) => path.join(dir, file))), started };
}

/**
 * The same in a worker thread, while the main thread reads the parse cache: at 100,000 articles,
 * listing and statting the files took the main thread 0.9 s of an edit-one rebuild.
 */
export function listAndStatInWorker(dir: string): Promise<ListedArticles> {
  return runWorker<{ dir: string }, ListedArticles>(new URL("./list-articles-worker.ts", import.meta.url), { dir });
}

/** A parse cache larger than this (about 1.2 kB an article) has the article files listed in a worker (ARCHIVE_LIST_IN_WORKER_BYTES in tests). */
const LIST_IN_WORKER_CACHE_BYTES = Number(process.env["ARCHIVE_LIST_IN_WORKER_BYTES"] || 1_500_000);

/**
 * The article files listed and statted in a worker while the parse cache in `cacheFile` is read,
 * when that cache is of some size (an archive of about a thousand articles or more): for fewer,
 * starting the worker costs more than it saves. Undefined when the load should list them itself,
 * as it also does when the worker fails.
 */
export function listAheadOfCache(dir: string, cacheFile: string): Promise<ListedArticles | undefined> | undefined {
  if ((statSync(cacheFile, { throwIfNoEntry: false })?.size ?? 0) <= LIST_IN_WORKER_CACHE_BYTES) return undefined;
  return listAndStatInWorker(dir).catch(() => undefined);
}
