import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { futureDateLimit, futureDateProblems, parseArticle, parseArticleFile, type ParseOptions, type ParseResult } from "./parse.ts";
import { articleFromStored, contentHash, statKey, type ArticleDigest, type ParseCache, type StoredArticle } from "./parse-cache.ts";
import type { Article, Problem } from "./model.ts";
import type { ListedArticles } from "./list-articles.ts";
import { statAt, type FileStat } from "../workers/stat-files.ts";

export interface LoadResult {
  articles: Article[];
  problems: Problem[];
  /** Body digests of the articles taken from the cache or parsed elsewhere (the others are rendered by the build). */
  digests: Map<Article, ArticleDigest>;
  /** Of those, the bodies rendered already (parsed elsewhere). */
  rendered: Map<Article, string>;
  /** Article files read and parsed, and those taken unchanged from the cache. */
  parsed: number;
  fromCache: number;
  /** The files read and parsed, as their articles name them (`Article.file`): with a cache, those new or changed since the last build. */
  parsedFiles: Set<string>;
}

/** A file to parse: its path under the articles folder, as messages name it, and on disk. */
export interface ParseJob {
  rel: string;
  display: string;
  abs: string;
  /** Written so recently that its cache entry needs a hash of its bytes (see `racy` below). */
  racy: boolean;
}

/**
 * A file parsed elsewhere (src/site/parse-in-workers.ts), as a structured clone can carry it: the
 * parse's findings and, for a valid article, its stored form; for a published one, also its digest
 * and rendered body, worked out as the build would. Not the body's Markdown: the build needs only its
 * HTML, and the article reads its file again if asked (as a cached one does). Vietnamese text is held
 * as two bytes a character, so at 100,000 articles that is about 1 GB of memory the build does not hold.
 */
export interface ParsedElsewhere {
  problems: Problem[];
  dateWritten: string;
  stored?: StoredArticle;
  digest?: ArticleDigest;
  html?: string;
  /** For a racy job: contentHash of the bytes parsed. */
  racyHash?: string;
}

/**
 * Parses the jobs elsewhere, calling `each` with a job's index and its result as results arrive (in
 * any order), and resolving when all have; or undefined to leave them to this thread (too few to be
 * worth it).
 */
export type ParseMany = (jobs: readonly ParseJob[], each: (n: number, parsed: ParsedElsewhere) => void) => Promise<void> | undefined;

/** Coarser than any file system's modification times (FAT: 2 s). */
const RACY_MS = 2000;

/** Every `.md` file under `dir`, any depth, in a stable (code point) order: addresses depend on it. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  // Synchronous: Node 20's asynchronous recursive readdir waits on one folder after another, and
  // here (a worker, or a build with nothing to do until the list is made) nothing runs meanwhile.
  // Measured on 100,600 entries in 720 folders, three rounds: 211–1,259 ms against 119–145 ms.
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  // Each folder's path worked out once, not once per file (path.relative resolves both paths).
  const folders = new Map<string, string>();
  const folderOf = (parent: string) => {
    let rel = folders.get(parent);
    if (rel === undefined) {
      const relative = path.relative(dir, parent).split(path.sep).join("/");
      folders.set(parent, (rel = relative === "" ? "" : `${relative}/`));
    }
    return rel;
  };
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".md") && !e.name.startsWith("."))
    .map((e) => folderOf(e.parentPath) + e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Load and validate every article; all problems of all files are collected in one pass. With a
 * cache, a file whose stat is unchanged is not read: its article comes from the cache, its body is
 * read when something asks for it.
 */
export async function loadArticles(dir: string, options: ParseOptions, cache?: ParseCache, parseMany?: ParseMany, listing?: Promise<ListedArticles | undefined>): Promise<LoadResult> {
  // Listed and statted elsewhere while the cache was read (list-articles.ts), or here.
  const listed = await listing;
  const started = listed?.started ?? Date.now();
  const files = listed?.files ?? (await listArticleFiles(dir));
  const articles: Article[] = [];
  const problems: Problem[] = [];
  const digests = new Map<Article, ArticleDigest>();
  const rendered = new Map<Article, string>();
  // Joined by hand, once per file: path.join twice a file cost 0.3 s at 100,000 (`file` is already normal, `/`-separated).
  const displayDir = (path.relative(process.cwd(), dir) || ".").split(path.sep).join("/");
  const displayPrefix = displayDir === "." ? "" : `${displayDir}/`;
  const displayPath = (file: string) => displayPrefix + file;
  const absPrefix = `${path.join(dir, ".")}${path.sep}`;
  const readBody = (file: string, abs: string) => {
    const again = parseArticleFile(displayPath(file), readFileSync(abs), options.timeZone);
    if (!again.article) throw new Error(`${displayPath(file)} changed during the build and is no longer valid; build again`);
    return again.article.body;
  };
  const limit = futureDateLimit(options.now);
  const results = new Array<ParseResult>(files.length);
  /** Files not taken from the cache, by their index in `files`. */
  const misses: (ParseJob & { i: number; key: string; bytes?: Buffer })[] = [];
  files.forEach((file, i) => {
    const abs = absPrefix + file;
    const job = { i, rel: file, display: displayPath(file), abs, racy: false, key: "" };
    if (!cache) return void misses.push(job);
    // Statted with the listing (list-articles.ts), else here, synchronously (100,000 stats take 0.3 s
    // so, 1 s through libuv's pool even 64 at a time). A file the listing's stat missed (gone, or
    // there since) is statted now: gone, that fails the load as it should.
    const info: FileStat = (listed && statAt(listed.stats, i)) || statSync(abs);
    job.key = statKey(info);
    // Racy files, as git calls them: written so recently that a second write within the file
    // system's time resolution could leave the same stat. Their entry carries a hash of the bytes,
    // which the next build checks (a read, no parse) before trusting the stat.
    job.racy = info.mtimeMs >= started - RACY_MS;
    // Read at most once, and only for a racy entry or a file still racy now.
    let bytes: Buffer | undefined;
    const readBytes = () => (bytes ??= readFileSync(abs));
    const hit = cache.lookup(file, job.key, job.display, () => readBody(file, abs), readBytes, job.racy);
    if (!hit) return void misses.push(bytes ? { ...job, bytes } : job);
    digests.set(hit.article, hit.digest);
    results[i] = { article: hit.article, problems: [...hit.problems, ...futureDateProblems(hit.article, hit.dateWritten, limit, hit.dateMillis)] };
  });
  // Each result is taken in as it arrives, while the workers parse the rest: taken in after the
  // last one, 100,000 results kept one core busy and the other idle for 2.9 s.
  const elsewhere = parseMany?.(misses, (n, p) => {
    const job = misses[n] as (typeof misses)[number];
    if (!p.stored) return void (results[job.i] = { article: null, problems: p.problems });
    const article = articleFromStored(p.stored, job.display, () => readBody(job.rel, job.abs), options.timeZone);
    cache?.keepStored(article, p.stored, job.rel, job.key, p.problems, p.dateWritten, p.racyHash);
    if (p.digest) digests.set(article, p.digest);
    if (p.digest && p.html !== undefined) rendered.set(article, p.html);
    results[job.i] = { article, problems: [...p.problems, ...futureDateProblems(article, p.dateWritten, limit, p.stored.dateMillis)] };
  });
  if (elsewhere) {
    await elsewhere;
  } else {
    // Bounded concurrency: enough to hide disk latency, not so much that 100,000 open files exhaust descriptors.
    await mapLimit(misses, 64, async (job) => {
      const read = job.bytes ?? (await readFile(job.abs));
      if (!cache) return void (results[job.i] = parseArticle(job.display, read, options));
      const result = parseArticleFile(job.display, read, options.timeZone);
      if (!result.article) return void (results[job.i] = result);
      cache.keep(result.article, job.rel, job.key, result.problems, result.dateWritten, job.racy ? contentHash(read) : undefined);
      results[job.i] = { article: result.article, problems: [...result.problems, ...futureDateProblems(result.article, result.dateWritten, limit)] };
    });
  }
  for (const r of results) {
    if (r.article) articles.push(r.article);
    problems.push(...r.problems);
  }
  return { articles, problems, digests, rendered, parsed: misses.length, fromCache: files.length - misses.length, parsedFiles: new Set(misses.map((job) => job.display)) };
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
