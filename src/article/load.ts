import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { availableParallelism } from "node:os";
import { parseArticle, type ParseOptions, type ParseResult } from "./parse.ts";
import { fromTransferable, type LoadChunk, type TransferableResult } from "./transfer.ts";
import { runWorker } from "../workers/run-worker.ts";
import type { Article, Problem } from "./model.ts";

export interface LoadResult {
  articles: Article[];
  problems: Problem[];
}

/** Every `.md` file under `dir`, any depth, in a stable (code point) order: addresses depend on it. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".md") && !e.name.startsWith("."))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Past this many files, reading and parsing is shared among worker threads, one per core: it is
 * about 0.25 ms of CPU per article (YAML with positions, validation, dates), 25 s at 100,000.
 */
const THREADED_FROM = 4000;

/** Load and validate every article; all problems of all files are collected in one pass. */
export async function loadArticles(dir: string, options: ParseOptions): Promise<LoadResult> {
  const files = await listArticleFiles(dir);
  const articles: Article[] = [];
  const problems: Problem[] = [];
  const displayDir = (path.relative(process.cwd(), dir) || ".").split(path.sep).join("/");
  const threads = Math.min(availableParallelism(), 4);
  const results = files.length >= THREADED_FROM && threads > 1
    ? await parseInThreads(dir, displayDir, files, options, threads)
    // Bounded concurrency: enough to hide disk latency, not so much that 100,000 open files exhaust descriptors.
    : await mapLimit(files, 64, async (file) => parseArticle(path.posix.join(displayDir, file), await readFile(path.join(dir, file)), options));
  for (const r of results) {
    if (r.article) articles.push(r.article);
    problems.push(...r.problems);
  }
  return { articles, problems };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Contiguous shares, one per thread, joined back in file order (addresses depend on it). */
async function parseInThreads(dir: string, displayDir: string, files: readonly string[], options: ParseOptions, threads: number): Promise<ParseResult[]> {
  const size = Math.ceil(files.length / threads);
  const chunkOptions = { timeZone: options.timeZone, ...(options.now ? { now: options.now.toMillis() } : {}) };
  const shares = await Promise.all(Array.from({ length: threads }, (_, i) =>
    runWorker<LoadChunk, TransferableResult[]>(new URL("./load-worker.ts", import.meta.url), { dir, displayDir, files: files.slice(i * size, (i + 1) * size), options: chunkOptions })));
  return shares.flat().map(fromTransferable);
}
