import { mkdir, readFile, writeFile, copyFile } from "node:fs/promises";
import path from "node:path";
import type { Article, ArticleFrontMatter } from "../article/model.ts";
import { parseArticle } from "../article/parse.ts";
import { serializeArticle } from "../article/serialize.ts";
import { toIsoWithOffset } from "../article/dates.ts";
import { bodyOf, frontMatterOf } from "./front-matter.ts";
import { listInputs } from "../importer/inputs.ts";
import { ARCHIVE_TIME_ZONE } from "../importer/read-raw.ts";
import { runImport } from "../importer/run-import.ts";

export interface GenerateOptions {
  /** Raw scraped files (a folder, or files) to import. */
  source: string;
  /** How many article files to write. */
  articles: number;
  /** Work folder: the import goes to `<work>/base`, the N articles to `<work>/articles`. */
  work: string;
  timeZone?: string;
}

export interface Generated {
  /** `<work>/articles`: exactly `articles` files. */
  articlesDir: string;
  /** Article files written, relative to `articlesDir` with `/` separators, in order. */
  files: string[];
  /** Raw files taken from the source, and how many of them imported. */
  picked: number;
  imported: number;
  /** Passes over the imported articles (1 when N ≤ imported). */
  cycles: number;
  /** Years each later pass is moved back by: the imported articles' span of years. */
  shiftYears: number;
}

/** `count` of `items`, spread evenly from first to last, so that every source and year is represented. */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}

/** Title of the copy made in pass `k` (0-based; pass 0 is the original). */
export function copyTitle(title: string, k: number): string {
  return k === 0 ? title : `${title} (bản ${k + 1})`;
}

/**
 * N article files for a benchmark. The source is imported once with the project's importer (only as
 * many raw files as needed, spread over the whole source); the first pass takes the imported files as
 * they are. When N is larger, later passes copy them again, each copy with a unique title (`… (bản 2)`)
 * and its date moved back by k × the imported span of years, so that pass k occupies its own years in
 * the past, as an archive that goes further back would, and no address repeats.
 */
export async function generateArticles(options: GenerateOptions): Promise<Generated> {
  const zone = options.timeZone ?? ARCHIVE_TIME_ZONE;
  const n = options.articles;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--articles must be a whole number ≥ 1, not ${n}`);
  const base = path.join(options.work, "base");
  const articlesDir = path.join(options.work, "articles");

  const { files: raw, problems } = await listInputs([options.source]);
  if (problems.length > 0) throw new Error(`${options.source}: ${problems.map((p) => p.message).join("; ")}`);
  const picked = spread(raw, n);
  const imported: string[] = [];
  await runImport(picked, {
    out: base,
    timeZone: zone,
    onFile: (report) => {
      if ((report.status === "imported" || report.status === "unchanged") && report.target) imported.push(path.relative(base, report.target));
    },
  });
  if (imported.length === 0) throw new Error(`no article could be imported from ${options.source} (${picked.length} raw files)`);

  const written: string[] = [];
  // Pass 0: the imported files, byte for byte.
  const first = imported.slice(0, n);
  await inBatches(first, async (rel) => {
    const target = path.join(articlesDir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(base, rel), target);
  });
  written.push(...first.map(toPosix));

  const cycles = Math.ceil(n / imported.length);
  let shiftYears = 0;
  if (cycles > 1) {
    const parsed = await Promise.all(imported.map(async (rel) => {
      const result = parseArticle(toPosix(rel), await readFile(path.join(base, rel)), { timeZone: zone });
      if (!result.article) throw new Error(`imported file ${rel} does not parse: ${result.problems.map((p) => p.message).join("; ")}`);
      return { rel, article: result.article };
    }));
    const years = parsed.map((p) => p.article.date.year);
    shiftYears = Math.max(...years) - Math.min(...years) + 1;
    for (let k = 1; k < cycles; k++) {
      const batch = parsed.slice(0, Math.min(parsed.length, n - k * parsed.length));
      const copies = batch.map(({ rel, article }) => copyOf(rel, article, k, k * shiftYears));
      await inBatches(copies, async ({ rel, content }) => {
        const target = path.join(articlesDir, rel);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, content);
      });
      written.push(...copies.map((c) => c.rel));
    }
  }
  return { articlesDir, files: written, picked: picked.length, imported: imported.length, cycles, shiftYears };
}

/** Pass `k`'s copy of an article: new title, date `years` earlier, file `YYYY/MM/<name>-ban-<k+1>.md`. */
function copyOf(rel: string, article: Article, k: number, years: number): { rel: string; content: string } {
  const date = article.date.minus({ years });
  const suffix = `ban-${k + 1}`;
  const own = frontMatterOf(article);
  const fm: ArticleFrontMatter = {
    ...own,
    title: copyTitle(article.title, k),
    date: toIsoWithOffset(date),
    ...(own.slug !== undefined ? { slug: `${own.slug}-${suffix}` } : {}),
  };
  const name = path.basename(rel, ".md");
  return { rel: `${date.toFormat("yyyy/MM")}/${name}-${suffix}.md`, content: serializeArticle(fm, bodyOf(article)) };
}

async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>, size = 64): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

function toPosix(rel: string): string {
  return rel.split(path.sep).join("/");
}
