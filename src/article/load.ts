import { readFileSync, statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { futureDateLimit, futureDateProblems, parseArticle, parseArticleFile, type ParseOptions } from "./parse.ts";
import { contentHash, statKey, type ArticleDigest, type ParseCache } from "./parse-cache.ts";
import type { Article, Problem } from "./model.ts";

export interface LoadResult {
  articles: Article[];
  problems: Problem[];
  /** Body digests of the articles taken from the cache (the others are rendered by the build). */
  digests: Map<Article, ArticleDigest>;
  /** Article files read and parsed, and those taken unchanged from the cache. */
  parsed: number;
  fromCache: number;
}

/** Coarser than any file system's modification times (FAT: 2 s). */
const RACY_MS = 2000;

/** Every `.md` file under `dir`, any depth, in a stable (code point) order: addresses depend on it. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".md") && !e.name.startsWith("."))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Load and validate every article; all problems of all files are collected in one pass. With a
 * cache, a file whose stat is unchanged is not read: its article comes from the cache, its body is
 * read when something asks for it.
 */
export async function loadArticles(dir: string, options: ParseOptions, cache?: ParseCache): Promise<LoadResult> {
  const files = await listArticleFiles(dir);
  const articles: Article[] = [];
  const problems: Problem[] = [];
  const digests = new Map<Article, ArticleDigest>();
  const displayDir = path.relative(process.cwd(), dir) || ".";
  const displayPath = (file: string) => path.posix.join(displayDir.split(path.sep).join("/"), file);
  const readBody = (file: string, abs: string) => {
    const again = parseArticleFile(displayPath(file), readFileSync(abs), options.timeZone);
    if (!again.article) throw new Error(`${displayPath(file)} changed during the build and is no longer valid; build again`);
    return again.article.body;
  };
  // Bounded concurrency: enough to hide disk latency, not so much that 100,000 open files exhaust descriptors.
  const started = Date.now();
  const limit = futureDateLimit(options.now);
  let hits = 0;
  const results = await mapLimit(files, 64, async (file) => {
    const abs = path.join(dir, file);
    if (cache) {
      // Synchronous: 100,000 stats take 0.3 s so, 1 s through libuv's pool even 64 at a time.
      const info = statSync(abs);
      const key = statKey(info);
      // Racy files, as git calls them: written so recently that a second write within the file
      // system's time resolution could leave the same stat. Their entry carries a hash of the bytes,
      // which the next build checks (a read, no parse) before trusting the stat.
      const racy = info.mtimeMs >= started - RACY_MS;
      // Read at most once, and only for a racy entry or a file still racy now.
      let bytes: Buffer | undefined;
      const readBytes = () => (bytes ??= readFileSync(abs));
      const hit = cache.lookup(file, key, displayPath(file), () => readBody(file, abs), readBytes, racy);
      if (hit) {
        hits++;
        digests.set(hit.article, hit.digest);
        return { article: hit.article, problems: [...hit.problems, ...futureDateProblems(hit.article, hit.dateWritten, limit, hit.dateMillis)] };
      }
      const read = bytes ?? (await readFile(abs));
      const result = parseArticleFile(displayPath(file), read, options.timeZone);
      if (!result.article) return result;
      cache.keep(result.article, file, key, result.problems, result.dateWritten, racy ? contentHash(read) : undefined);
      return { article: result.article, problems: [...result.problems, ...futureDateProblems(result.article, result.dateWritten, limit)] };
    }
    return parseArticle(displayPath(file), await readFile(abs), options);
  });
  for (const r of results) {
    if (r.article) articles.push(r.article);
    problems.push(...r.problems);
  }
  return { articles, problems, digests, parsed: files.length - hits, fromCache: hits };
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
