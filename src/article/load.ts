import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArticle, type ParseOptions } from "./parse.ts";
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

/** Load and validate every article; all problems of all files are collected in one pass. */
export async function loadArticles(dir: string, options: ParseOptions): Promise<LoadResult> {
  const files = await listArticleFiles(dir);
  const articles: Article[] = [];
  const problems: Problem[] = [];
  const displayDir = path.relative(process.cwd(), dir) || ".";
  // Bounded concurrency: enough to hide disk latency, not so much that 100,000 open files exhaust descriptors.
  const results = await mapLimit(files, 64, async (file) => {
    const bytes = await readFile(path.join(dir, file));
    return parseArticle(path.posix.join(displayDir.split(path.sep).join("/"), file), bytes, options);
  });
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
