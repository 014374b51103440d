import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { PARTS_DIR, PRIMARY_DIR, partGlob, type IndexPart } from "./parts.ts";

export interface IndexResult {
  /** Article pages in the index, all parts. */
  pages: number;
  /** Parts indexed by this run (the others were unchanged and kept). */
  built: string[];
}

/** Files Pagefind writes for the browser runtime: kept once, with the primary index. */
const RUNTIME_FILE = /^(pagefind(-[a-z-]+)?\.(js|css)|wasm\.[a-z-]+\.pagefind)$/;

/**
 * Pagefind, through its Node API, once per part (src/search/parts.ts): each part is its own index of
 * its months' article pages, written to its own folder. Only elements marked data-pagefind-body
 * (the article itself) are indexed, so listing pages in those months never enter it. The runtime
 * (loader, worker, WebAssembly) is written once, with the newest part, which the search page loads
 * as its primary index and merges the others into.
 *
 * Parts are queued as soon as their pages are written, so that the indexer (its own process) works
 * on the second core while Eleventy renders the next pages on the first; `concurrency` can be raised
 * once rendering is over. Each part indexed at once holds its articles in the indexer's memory.
 */
export class SearchIndexer {
  private readonly queue: IndexPart[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly built: string[] = [];
  private indexed = 0;
  private failure: Error | null = null;
  private readonly ready: Promise<void>;

  constructor(private readonly outDir: string, private readonly parts: readonly IndexPart[], private concurrency = 1) {
    this.ready = removeStaleParts(outDir, parts);
  }

  add(part: IndexPart): void {
    this.queue.push(part);
    this.pump();
  }

  /** Index what is queued with up to `concurrency` parts at once; resolves when all are written. */
  async finish(concurrency = this.concurrency): Promise<IndexResult> {
    this.concurrency = concurrency;
    try {
      this.pump();
      while (this.running.size > 0) await Promise.race(this.running);
      if (this.failure) throw this.failure;
    } finally {
      await pagefind.close();
    }
    const kept = this.parts.filter((p) => !this.built.includes(p.id)).reduce((n, p) => n + p.articles, 0);
    return { pages: this.indexed + kept, built: this.built };
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.queue.length > 0 && !this.failure) {
      const part = this.queue.shift() as IndexPart;
      const job: Promise<void> = this.ready
        .then(() => indexPart(this.outDir, part))
        .then((pages) => {
          this.indexed += pages;
          this.built.push(part.id);
        })
        .catch((e: unknown) => {
          this.failure ??= e instanceof Error ? e : new Error(String(e));
        })
        .finally(() => {
          this.running.delete(job);
          this.pump();
        });
      this.running.add(job);
    }
  }
}

/** Every part (or those in `only`), two at a time: for a build that does not render meanwhile. */
export async function buildSearchIndex(outDir: string, parts: readonly IndexPart[], only?: ReadonlySet<string>): Promise<IndexResult> {
  const indexer = new SearchIndexer(outDir, parts);
  for (const part of parts) if (!only || only.has(part.id)) indexer.add(part);
  return indexer.finish(2);
}

async function indexPart(outDir: string, part: IndexPart): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    const added = await index.addDirectory({ path: outDir, glob: partGlob(part) });
    if (added.errors.length > 0) throw new Error(`Pagefind, part ${part.id}: ${added.errors.join("; ")}`);
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length > 0) throw new Error(`Pagefind, part ${part.id}: ${fileErrors.join("; ")}`);
    const primary = part.dir === PRIMARY_DIR;
    const target = path.join(outDir, part.dir);
    await clearPartDir(target, primary);
    let pages = 0;
    for (const file of files) {
      if (!primary && RUNTIME_FILE.test(file.path)) continue;
      const to = path.join(target, file.path);
      await mkdir(path.dirname(to), { recursive: true });
      await writeFile(to, file.content);
      if (file.path === "pagefind-entry.json") {
        const entry = JSON.parse(Buffer.from(file.content).toString("utf8")) as { languages: Record<string, { page_count: number }> };
        pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
      }
    }
    return pages;
  } finally {
    await index.deleteIndex();
  }
}

/** A part's folder holds only that part's files: the primary's keeps `parts/` (the other parts). */
async function clearPartDir(dir: string, primary: boolean): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !(primary && n === "parts")).map((n) => rm(path.join(dir, n), { recursive: true, force: true })));
}

/** Folders of parts that no longer exist (a boundary moved, a year was removed). */
async function removeStaleParts(outDir: string, parts: readonly IndexPart[]): Promise<void> {
  const wanted = new Set(parts.map((p) => p.dir));
  const names = await readdir(path.join(outDir, PARTS_DIR)).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !wanted.has(`${PARTS_DIR}${n}/`)).map((n) => rm(path.join(outDir, PARTS_DIR, n), { recursive: true, force: true })));
  if (!parts.some((p) => p.dir === PRIMARY_DIR)) await clearPartDir(path.join(outDir, PRIMARY_DIR), true);
}
