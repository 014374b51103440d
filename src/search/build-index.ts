import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { ProcessPool } from "../workers/process-pool.ts";
import { clearPartDir, type PartIndexed, type RecordsOption } from "./index-part.ts";
import { PART_RECORDS_DIR } from "./part-records.ts";
import { PARTS_DIR, PRIMARY_DIR, partsHolding, type IndexPart } from "./parts.ts";

export interface IndexResult {
  /** Article pages in the index, all parts. */
  pages: number;
  /** Parts indexed by this run (the others were unchanged and kept). */
  built: string[];
  /** Pages in those parts, and how many of them were read from their HTML: the others were unchanged and added again from their records (src/search/part-records.ts). */
  rebuiltPages: number;
  read: number;
  /** Of the parts built: page URL → fragment file. */
  fragments: Record<string, Record<string, string>>;
  /** Of the parts built: every file, output-relative → its size in bytes. */
  sizes: Map<string, number>;
}

/** What an index process is asked: index a part, or get ready to index one again (src/search/index-part.ts warmPart). */
export type IndexTask = { outDir: string; part: IndexPart; records?: RecordsOption } | { outDir: string; warm: string; records: RecordsOption };
export type IndexTaskResult = PartIndexed | { warmed: number };
export type IndexPool = ProcessPool<IndexTask, IndexTaskResult>;

/**
 * Gets the process that will index the parts holding `months` (`yyyy/MM`) ready for them, while the
 * build plans: the parts as the last build made them (`lastParts`, its part ids). For a few edited
 * articles: the first process, which the indexer gives its first parts to (SearchIndexer).
 */
export function warmParts(pool: IndexPool, outDir: string, months: Iterable<string>, lastParts: readonly string[], records: RecordsOption): void {
  // Nothing waits on it: a failure here leaves the index to read the records itself.
  for (const warm of partsHolding(months, lastParts)) pool.runOn(0, { outDir, warm, records }).catch(() => undefined);
}

/**
 * 64 MB semi-spaces (V8's default is 16): an index process makes millions of short-lived strings per
 * part (its pages' words), and a larger young generation lets more of them die before a scavenge
 * copies them. Indexing one part of 4,039 pages, five or six alternated runs each, median user CPU:
 * 3.9–4.0 s with 64 MB against 4.3–4.4 s with 16, 32 or 128 MB (BENCHMARKS.md, seventh session).
 */
export const INDEX_PROCESS_OPTIONS = ["--max-semi-space-size=64"] as const;

/**
 * The child processes that index search parts, two (at most two parts are indexed at once). Start
 * them before the archive is loaded: forking a process that already holds gigabytes costs it.
 */
export function startIndexPool(): IndexPool {
  return new ProcessPool(new URL("./index-part-worker.ts", import.meta.url), 2, INDEX_PROCESS_OPTIONS);
}

/**
 * The search index, one Pagefind-format index per part (src/search/parts.ts, src/search/index-part.ts),
 * each written by one of the pool's child processes. The newest part is the primary index, which
 * the search page loads and merges the others into.
 *
 * Parts are queued as soon as their pages are written, so that an indexer works on the second core
 * while Eleventy renders the next pages on the first; `concurrency` is raised once rendering is
 * over. Each part indexed at once holds its articles in its indexer's memory.
 */
export class SearchIndexer {
  private readonly queue: IndexPart[] = [];
  private readonly running = new Set<Promise<void>>();
  /** Parts sent to each of the pool's processes and not yet answered. */
  private readonly sent: number[];
  /** Set by finish(): the pages are all written, and this thread is free to answer at once. */
  private finishing = false;
  /** Each part's last result: a part may be indexed twice in a build (see add). */
  private readonly results = new Map<string, PartIndexed>();
  /** Each part's last job: a part added again is indexed after it, never beside it in the other process. */
  private readonly jobs = new Map<string, Promise<void>>();
  private failure: Error | null = null;
  private readonly ready: Promise<void>;

  constructor(
    private readonly outDir: string,
    private readonly parts: readonly IndexPart[],
    private readonly pool: IndexPool,
    /** Pages' records kept between builds (src/search/part-records.ts); none kept without. */
    private readonly records?: RecordsOption,
    private concurrency = 1,
  ) {
    this.sent = Array.from({ length: pool.size }, () => 0);
    this.ready = removeStaleParts(outDir, parts);
    // Awaited by finish() and by every job; this only keeps an early failure from counting as unhandled.
    this.ready.catch(() => undefined);
  }

  /**
   * Queue a part, to be indexed from its pages as they are now. A part may be added again once more of
   * its pages are written (src/site/build-site.ts indexes the edited articles' parts ahead): it is then
   * indexed again after the first job, and the later result is the one kept.
   */
  add(part: IndexPart): void {
    this.queue.push(part);
    this.pump();
  }

  /** From now on, up to `concurrency` parts at once. */
  raise(concurrency: number): void {
    this.concurrency = Math.max(this.concurrency, concurrency);
    this.pump();
  }

  /** Index what is queued with up to `concurrency` parts at once; resolves when all are written. */
  async finish(concurrency = this.concurrency): Promise<IndexResult> {
    this.concurrency = concurrency;
    // The largest parts first, the smallest last: the two processes end closer together.
    this.finishing = true;
    this.queue.sort((a, b) => b.articles - a.articles);
    // Stale part folders are gone before anyone reads the parts, even when no part was indexed.
    await this.ready;
    this.pump();
    while (this.running.size > 0) await Promise.race(this.running);
    if (this.failure) throw this.failure;
    const results = [...this.results.values()];
    const indexed = results.reduce((n, r) => n + r.pages, 0);
    const kept = this.parts.filter((p) => !this.results.has(p.id)).reduce((n, p) => n + p.articles, 0);
    const sizes = new Map<string, number>();
    for (const r of results) for (const [file, size] of Object.entries(r.sizes)) sizes.set(file, size);
    return {
      pages: indexed + kept,
      built: [...this.results.keys()],
      rebuiltPages: indexed,
      read: results.reduce((n, r) => n + r.read, 0),
      fragments: Object.fromEntries([...this.results].map(([id, r]) => [id, r.fragments])),
      sizes,
    };
  }

  /**
   * Parts a process may hold at once: the one it indexes, and the next ones, each started the moment
   * the one before is done. Handed one at a time, a process stood idle until the build's main thread
   * heard that its part was done, and an Eleventy run keeps that thread from hearing for seconds (a
   * run of 10,000 listing pages, about 8): at 100,000 articles, about 20 s of index-process time were
   * lost so; two at a time still left them idle during the listing runs. While one process works
   * alone, two: parts stacked on it would wait there while the other one is free later on. Once the
   * pages are written, one: a part goes to whichever process is free first.
   */
  private depth(): number {
    return this.finishing ? 1 : this.concurrency > 1 ? 4 : 2;
  }

  private pump(): void {
    for (let slot = 0; slot < Math.min(this.concurrency, this.sent.length); slot++) {
      while ((this.sent[slot] as number) < this.depth() && this.queue.length > 0 && !this.failure) this.start(slot, this.queue.shift() as IndexPart);
    }
  }

  private start(slot: number, part: IndexPart): void {
    this.sent[slot] = (this.sent[slot] as number) + 1;
    const job: Promise<void> = (this.jobs.get(part.id) ?? this.ready)
      .then(() => this.ready)
      .then(() => this.pool.runOn(slot, { outDir: this.outDir, part, ...(this.records ? { records: this.records } : {}) }))
      .then((done) => {
        if ("pages" in done) this.results.set(part.id, done);
      })
      .catch((e: unknown) => {
        this.failure ??= e instanceof Error ? e : new Error(String(e));
      })
      .finally(() => {
        this.sent[slot] = (this.sent[slot] as number) - 1;
        this.running.delete(job);
        if (this.jobs.get(part.id) === job) this.jobs.delete(part.id);
        this.pump();
      });
    this.running.add(job);
    this.jobs.set(part.id, job);
  }
}

/** Folders and page records of parts that no longer exist (a boundary moved, a year was removed). */
async function removeStaleParts(outDir: string, parts: readonly IndexPart[]): Promise<void> {
  const wanted = new Set(parts.map((p) => p.dir));
  const names = await readdir(path.join(outDir, PARTS_DIR)).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !wanted.has(`${PARTS_DIR}${n}/`)).map((n) => rm(path.join(outDir, PARTS_DIR, n), { recursive: true, force: true })));
  const ids = new Set(parts.map((p) => `${p.id}.records`));
  const records = await readdir(path.join(outDir, PART_RECORDS_DIR)).catch(() => [] as string[]);
  await Promise.all(records.filter((n) => !ids.has(n)).map((n) => rm(path.join(outDir, PART_RECORDS_DIR, n), { force: true })));
  if (!parts.some((p) => p.dir === PRIMARY_DIR)) await clearPartDir(path.join(outDir, PRIMARY_DIR), true);
}
