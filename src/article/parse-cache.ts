import { hash } from "node:crypto";
import { existsSync, readFileSync, type Stats } from "node:fs";
import { appendFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { DateTime } from "luxon";
import type { Article, Problem } from "./model.ts";
import type { DateFields } from "./dates.ts";

/**
 * What the build works out from an article besides its HTML, kept with it by the cache: a cached
 * article needs no render at all unless its own page is written again, and no date math or slug.
 */
export interface ArticleDigest {
  /** The start of the body's text (at most 200 characters): the description when there is no summary. */
  lead: string;
  /** `[[figure n]]` markers without an image, with their 0-based body line (an error). */
  missingFigures: { figure: number; line: number }[];
  /** Hash of the body text: with the view's other fields, what the article page is made from. */
  hash: string;
  /** The title as an address (src/article/slug.ts), before any `-2` for a taken one; may be empty. */
  titleSlug: string;
  /** The date as pages show it, in the site's zone and words. */
  dates: DateFields;
}

/** An article as stored: the body stays in its file, the date as an instant (the zone is the site's). */
export type StoredArticle = Omit<Article, "body" | "date"> & { dateMillis: number };

interface Entry {
  /** The file's stat key when it was parsed (statKey). */
  key: string;
  article: StoredArticle;
  /** The parse's findings, except the one that depends on the day (parse.ts futureDateProblems). */
  problems: Problem[];
  /** The `date` field as written, for that finding's message. */
  dateWritten: string;
  digest: ArticleDigest;
  /** For a file written just before it was read (racy, see load.ts): a hash of its bytes, checked before the stat is trusted. */
  racy?: string;
}

/** The first record of the cache file: every entry, as a full save wrote them. */
interface CacheFile {
  kind: "news-archive-parse-cache";
  version: 3;
  /** Code, templates and settings (build-state.ts buildFingerprint): any change and nothing is reused. */
  fingerprint: string;
  timeZone: string;
  entries: Record<string, Entry>;
}

/** A later record, appended by a build that changed few entries: applied in order over the first. */
interface CacheUpdate {
  kind: "news-archive-parse-cache-update";
  entries: Record<string, Entry>;
  removed: string[];
}

/**
 * Updates are appended until they hold this share of the entries (or 100, whichever is more); then
 * the next save writes the whole cache again. Measured at 100,000 articles: a whole save costs about
 * 2 s of the main thread (2.8 s of CPU, while the search indexer needs both cores), an update of one
 * entry a millisecond.
 */
const UPDATES_SHARE = 0.1;

/** Each record: its length (4 bytes, little-endian), then its v8 serialization. */
function record(data: CacheFile | CacheUpdate): Buffer {
  const body = serialize(data);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length);
  return Buffer.concat([head, body]);
}

/** The whole records of a cache file, and how many bytes they take: a record cut off by a crash mid-append ends the list. */
function readRecords(bytes: Buffer): { records: Buffer[]; length: number } {
  const records: Buffer[] = [];
  let at = 0;
  while (at + 4 <= bytes.length) {
    const size = bytes.readUInt32LE(at);
    if (at + 4 + size > bytes.length) break;
    records.push(bytes.subarray(at + 4, at + 4 + size));
    at += 4 + size;
  }
  return { records, length: at };
}

/** Hash of a file's bytes, for racy entries. */
export function contentHash(bytes: Uint8Array): string {
  return hash("sha1", bytes, "base64url");
}

/** File name in the output folder, beside the build state; hosts are told to leave dotfiles out (README). */
export const PARSE_CACHE_FILE = ".archive-cache";

/**
 * Same size, modification and change time and inode: the same bytes, as make and git assume. The
 * change time moves with any write, rename or copy, so a file copied over another is parsed again.
 */
export function statKey(s: Stats): string {
  return `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
}

/**
 * Parsed articles from the previous build, by file. An edit-one rebuild of 100,000 articles spent
 * 51 s reading, parsing and rendering every file; with this it reads one. Only valid articles are
 * kept (a file with an error is parsed every time, its messages are always fresh), and only once the
 * whole archive loaded without error. Entries depend on nothing but their file, so a build that
 * fails later still leaves a true cache.
 */
export class ParseCache {
  /** Entries not looked up yet: each goes once used, so that the old and new articles are not both kept. */
  private readonly previous: Map<string, Entry>;
  /**
   * This build's entries by file, digests to come (attach). Nothing here holds an Article: a full
   * build's articles carry their bodies, 1 GB at 100,000, which must go once the pages have them.
   */
  private readonly next = new Map<string, Omit<Entry, "digest"> & { digest?: ArticleDigest }>();
  private readonly fileOf = new WeakMap<Article, string>();
  /** Files whose entry this build kept exactly as loaded: an update leaves them out. */
  private readonly unchanged = new Set<string>();
  private readonly loaded: ReadonlySet<string>;

  private constructor(
    readonly file: string,
    private readonly fingerprint: string,
    private readonly timeZone: string,
    previous: Record<string, Entry>,
    /** Entries in the updates after the first record; null when the file cannot take another (none, or a damaged tail). */
    private readonly updated: number | null,
  ) {
    this.previous = new Map(Object.entries(previous));
    this.loaded = new Set(this.previous.keys());
  }

  /** The cache in `file`; empty when there is none, it was made by other code or for another time zone, or not `reuse`. */
  static open(file: string, fingerprint: string, timeZone: string, reuse = true): ParseCache {
    let entries: Record<string, Entry> = {};
    let updated: number | null = null;
    try {
      if (reuse && existsSync(file)) {
        const bytes = readFileSync(file);
        const { records, length } = readRecords(bytes);
        const [first, ...updates] = records;
        const data = first ? (deserialize(first) as Partial<CacheFile>) : {};
        if (data.kind === "news-archive-parse-cache" && data.version === 3 && data.fingerprint === fingerprint && data.timeZone === timeZone && data.entries) {
          entries = data.entries;
          let count = 0;
          for (const raw of updates) {
            const update = deserialize(raw) as Partial<CacheUpdate>;
            if (update.kind !== "news-archive-parse-cache-update" || !update.entries || !update.removed) throw new Error("not an update");
            for (const rel of update.removed) delete entries[rel];
            Object.assign(entries, update.entries);
            count += Object.keys(update.entries).length + update.removed.length;
          }
          // Bytes after the last whole record (a crash mid-append): the next save writes the whole cache.
          updated = length === bytes.length ? count : null;
        }
      }
    } catch {
      // A cache cut off mid-write, or from another Node version: parse everything, as a first build does.
      entries = {};
      updated = null;
    }
    return new ParseCache(file, fingerprint, timeZone, entries, updated);
  }

  /**
   * The article parsed from `rel` when its stat key is unchanged: its body is read (`readBody`) only
   * when asked for (an incremental build asks for the pages it writes). A hit is kept for the next
   * build as it is (the same stored object, not a copy), with `racy` when the file is racy now.
   */
  lookup(rel: string, key: string, display: string, readBody: () => string, readBytes: () => Uint8Array, racy: boolean): { article: Article; dateMillis: number; problems: Problem[]; dateWritten: string; digest: ArticleDigest } | undefined {
    const entry = this.previous.get(rel);
    this.previous.delete(rel);
    if (!entry || entry.key !== key) return undefined;
    if (entry.racy !== undefined && entry.racy !== contentHash(readBytes())) return undefined;
    const { dateMillis } = entry.article;
    // Messages name the file as this run sees it (the build may run from another folder).
    const article = articleFromStored(entry.article, display, readBody, this.timeZone);
    const { digest: _digest, racy: _racy, ...kept } = entry;
    this.next.set(rel, racy ? { ...kept, racy: contentHash(readBytes()) } : kept);
    if (!racy && entry.racy === undefined) this.unchanged.add(rel);
    this.fileOf.set(article, rel);
    return { article, dateMillis, problems: entry.problems.map((p) => ({ ...p, file: display })), dateWritten: entry.dateWritten, digest: entry.digest };
  }

  /** Remember a valid article for the next build (its digest comes with attach). */
  keep(article: Article, rel: string, key: string, problems: Problem[], dateWritten: string, racy?: string): void {
    this.keepStored(article, toStored(article), rel, key, problems, dateWritten, racy);
  }

  /** The same for an article parsed elsewhere (a worker thread) and given in its stored form. */
  keepStored(article: Article, stored: StoredArticle, rel: string, key: string, problems: Problem[], dateWritten: string, racy?: string): void {
    this.next.set(rel, { key, article: stored, problems, dateWritten, ...(racy !== undefined ? { racy } : {}) });
    this.fileOf.set(article, rel);
  }

  /** The body digests the build computed or reused (src/site/archive.ts), for the kept articles. */
  attach(digests: ReadonlyMap<Article, ArticleDigest>): void {
    for (const [article, digest] of digests) {
      const entry = this.next.get(this.fileOf.get(article) ?? "");
      if (entry) entry.digest = digest;
    }
  }

  /**
   * Write the articles kept by this build, with their digests. Articles without one (drafts) are left
   * out: the output folder holds nothing that is not public, and a draft is parsed each time. A build
   * that changed few entries appends them (and the files gone) to the file; otherwise, or when the
   * updates have grown, the whole cache is written again.
   */
  async save(): Promise<void> {
    // Serializing takes about a second at 100,000 articles, all on this thread: callers start it
    // while waiting for other work, and this lets what they started before it go first.
    await new Promise((resolve) => setImmediate(resolve));
    const kept = [...this.next.keys()].filter((rel) => this.next.get(rel)?.digest);
    // Only for `kept`: an entry with its digest.
    const entry = (rel: string) => this.next.get(rel) as Entry;
    const changed = kept.filter((rel) => !this.unchanged.has(rel));
    const keptSet = new Set(kept);
    const removed = [...this.loaded].filter((rel) => !keptSet.has(rel));
    if (this.updated !== null && this.updated + changed.length + removed.length <= Math.max(100, this.loaded.size * UPDATES_SHARE)) {
      if (changed.length + removed.length === 0) return;
      // An append cut off by a crash leaves a partial record at the end, which the next open ignores.
      const entries = Object.fromEntries(changed.map((rel) => [rel, entry(rel)]));
      await appendFile(this.file, record({ kind: "news-archive-parse-cache-update", entries, removed }));
      return;
    }
    const entries = Object.fromEntries(kept.map((rel) => [rel, entry(rel)]));
    const data: CacheFile = { kind: "news-archive-parse-cache", version: 3, fingerprint: this.fingerprint, timeZone: this.timeZone, entries };
    // Written aside and renamed: a build cut off here leaves the old cache or the new one, never half.
    const temp = path.join(path.dirname(this.file), `${path.basename(this.file)}.tmp`);
    await writeFile(temp, record(data));
    await rename(temp, this.file);
  }
}

/** An article as the cache stores it: what a worker thread sends too (structured clone keeps no DateTime). */
export function toStored(article: Article): StoredArticle {
  const { date, ...rest } = withoutBody(article);
  return { ...rest, dateMillis: date.toMillis() };
}

/**
 * The article back from its stored form, named `display` (the build may run from another folder).
 * Its `body` is read from its file (`readBody`) when first asked for; its `date` (a luxon DateTime in
 * `zone`) is made when first asked for, as the build takes what pages show of it from the digest.
 */
export function articleFromStored(stored: StoredArticle, display: string, readBody: () => string, zone: string): Article {
  const { dateMillis, ...rest } = stored;
  const article = { ...rest, file: display } as Article;
  Object.defineProperty(article, "body", { enumerable: true, configurable: true, get: readBody });
  Object.defineProperty(article, "date", {
    enumerable: true, configurable: true,
    get() {
      const date = DateTime.fromMillis(dateMillis, { zone });
      Object.defineProperty(article, "date", { value: date, enumerable: true, configurable: true, writable: true });
      return date;
    },
  });
  return article;
}

/** The article's own fields without touching a lazy body (which would read the file). */
function withoutBody(article: Article): Omit<Article, "body"> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(article)) if (key !== "body") out[key] = (article as unknown as Record<string, unknown>)[key];
  return out as Omit<Article, "body">;
}
