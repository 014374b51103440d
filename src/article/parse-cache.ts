import { hash } from "node:crypto";
import { existsSync, readFileSync, type Stats } from "node:fs";
import { appendFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { DateTime } from "luxon";
import type { Article, ArticleImage, Problem } from "./model.ts";
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
  /**
   * Hash of what a view takes as it is from the article (file, title, summary, description, images,
   * source; src/site/archive.ts ownFieldsHash): kept here, a build compares the archive's views
   * without hashing those fields of every article again (src/site/render-plan.ts).
   */
  fieldsHash: string;
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

/**
 * The first record of the cache file, alone so that a cache for other code is passed over without
 * deserializing the rest; the second holds every entry, as a full save wrote them (Columns).
 */
interface CacheHeader {
  kind: "news-archive-parse-cache";
  version: 5;
  /** Code, templates and settings (build-state.ts buildFingerprint): any change and nothing is reused. */
  fingerprint: string;
  timeZone: string;
}

/**
 * The entries field by field, one array each, row `i` being file `rel[i]`: read back, that is a few
 * dozen arrays of strings and numbers, not ten objects an article. Measured on the cache of 100,000
 * articles: `v8.deserialize` 0.47–0.51 s against 1.13–1.19 s for one object per entry, with less
 * for the garbage collector to promote after. Absent optional fields are null; the fields few
 * entries have are listed by row.
 */
interface Columns {
  rel: string[];
  key: string[];
  title: string[];
  section: (string | null)[];
  tags: string[][];
  author: (string | null)[];
  summary: (string | null)[];
  images: ArticleImage[][];
  source: (string | null)[];
  draft: boolean[];
  slugOverride: (string | null)[];
  bodyLine: number[];
  /** Index into fieldLineSets: articles laid out alike share one (read-only) object. */
  fieldLines: number[];
  fieldLineSets: Record<string, number>[];
  dateMillis: number[];
  dateWritten: string[];
  lead: string[];
  hash: string[];
  fieldsHash: string[];
  titleSlug: string[];
  timestamp: number[];
  dateIso: string[];
  dateLong: string[];
  dateShort: string[];
  year: string[];
  month: string[];
  day: string[];
  problems: [number, Problem[]][];
  missingFigures: [number, ArticleDigest["missingFigures"]][];
  racy: [number, string][];
}

/** Every column that holds one value per row. */
const ROW_COLUMNS = ["key", "title", "section", "tags", "author", "summary", "images", "source", "draft", "slugOverride", "bodyLine", "fieldLines", "dateMillis", "dateWritten", "lead", "hash", "fieldsHash", "titleSlug", "timestamp", "dateIso", "dateLong", "dateShort", "year", "month", "day"] as const;

/**
 * Every field of a stored article has a column of its name (`file` is not stored: it is the name the
 * build sees): a field added to Article fails type-checking here until it has one, which storedAt
 * and save then fill.
 */
const articleFieldsHaveColumns: Exclude<keyof StoredArticle, "file"> extends (typeof ROW_COLUMNS)[number] ? true : never = true;
void articleFieldsHaveColumns;

/** A later record, appended by a build that changed few entries: applied in order over the columns. */
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
function record(data: CacheHeader | Columns | CacheUpdate): Buffer {
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
export function statKey(s: Pick<Stats, "size" | "mtimeMs" | "ctimeMs" | "ino">): string {
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
  /**
   * Entries not looked up yet: each goes once used. Those of a full save stay in its columns,
   * by row; those of later records (updates) are objects.
   */
  private readonly rowOf: Map<string, number>;
  private readonly updatedEntries: Map<string, Entry>;
  private readonly problemsOf: Map<number, Problem[]>;
  private readonly missingOf: Map<number, ArticleDigest["missingFigures"]>;
  private readonly racyOf: Map<number, string>;
  /**
   * This build's entries by file, digests to come (attach): a row of the columns for an entry found
   * there unchanged, else the entry (parsed anew, or found unchanged in an update). Nothing here holds an Article: a full build's articles carry their
   * bodies, 1 GB at 100,000, which must go once the pages have them.
   */
  private readonly next = new Map<string, Kept>();
  private readonly fileOf = new WeakMap<Article, string>();
  /** Files whose entry this build kept exactly as loaded: an update leaves them out. */
  private readonly unchanged = new Set<string>();
  private readonly loaded: ReadonlySet<string>;

  private constructor(
    readonly file: string,
    private readonly fingerprint: string,
    private readonly timeZone: string,
    private readonly columns: Columns,
    updates: CacheUpdate[],
    /** Entries in the updates after the columns; null when the file cannot take another (none, or a damaged tail). */
    private readonly updated: number | null,
  ) {
    this.rowOf = new Map(columns.rel.map((rel, row) => [rel, row]));
    this.updatedEntries = new Map();
    for (const update of updates) {
      for (const rel of update.removed) {
        this.rowOf.delete(rel);
        this.updatedEntries.delete(rel);
      }
      for (const [rel, entry] of Object.entries(update.entries)) {
        this.rowOf.delete(rel);
        this.updatedEntries.set(rel, entry);
      }
    }
    this.problemsOf = new Map(columns.problems);
    this.missingOf = new Map(columns.missingFigures);
    this.racyOf = new Map(columns.racy);
    this.loaded = new Set([...this.rowOf.keys(), ...this.updatedEntries.keys()]);
  }

  /** The cache in `file`; empty when there is none, it was made by other code or for another time zone, or not `reuse`. */
  static open(file: string, fingerprint: string, timeZone: string, reuse = true): ParseCache {
    try {
      if (reuse && existsSync(file)) {
        const bytes = readFileSync(file);
        const { records, length } = readRecords(bytes);
        const [first, second, ...rest] = records;
        const header = first ? (deserialize(first) as Partial<CacheHeader>) : {};
        const columns = header.kind === "news-archive-parse-cache" && header.version === 5 && header.fingerprint === fingerprint && header.timeZone === timeZone && second ? (deserialize(second) as Columns) : undefined;
        if (wholeColumns(columns)) {
          const updates = rest.map((raw) => {
            const update = deserialize(raw) as Partial<CacheUpdate>;
            if (update.kind !== "news-archive-parse-cache-update" || !update.entries || !update.removed) throw new Error("not an update");
            return update as CacheUpdate;
          });
          const count = updates.reduce((n, u) => n + Object.keys(u.entries).length + u.removed.length, 0);
          // Bytes after the last whole record (a crash mid-append): the next save writes the whole cache.
          return new ParseCache(file, fingerprint, timeZone, columns, updates, length === bytes.length ? count : null);
        }
      }
    } catch {
      // A cache cut off mid-write, or from another Node version: parse everything, as a first build does.
    }
    return new ParseCache(file, fingerprint, timeZone, emptyColumns(), [], null);
  }

  /**
   * The article parsed from `rel` when its stat key is unchanged: its body is read (`readBody`) only
   * when asked for (an incremental build asks for the pages it writes). A hit is kept for the next
   * build as it is, with `racy` when the file is racy now.
   */
  lookup(rel: string, key: string, display: string, readBody: () => string, readBytes: () => Uint8Array, racy: boolean): { article: Article; dateMillis: number; problems: Problem[]; dateWritten: string; digest: ArticleDigest } | undefined {
    // Two branches alike, on purpose: this runs once per article (100,000 at a time), and one path
    // over both kinds of entry would make an object or closures per article to hide the difference.
    const entry = this.updatedEntries.get(rel);
    if (entry) {
      this.updatedEntries.delete(rel);
      if (entry.key !== key) return undefined;
      if (entry.racy !== undefined && entry.racy !== contentHash(readBytes())) return undefined;
      const { dateMillis } = entry.article;
      // Messages name the file as this run sees it (the build may run from another folder).
      const article = articleFromStored(entry.article, display, readBody, this.timeZone);
      const { digest: _digest, racy: _racy, ...kept } = entry;
      this.next.set(rel, { row: -1, entry: racy ? { ...kept, racy: contentHash(readBytes()) } : kept });
      if (!racy && entry.racy === undefined) this.unchanged.add(rel);
      this.fileOf.set(article, rel);
      return { article, dateMillis, problems: entry.problems.map((p) => ({ ...p, file: display })), dateWritten: entry.dateWritten, digest: entry.digest };
    }
    const row = this.rowOf.get(rel);
    if (row === undefined) return undefined;
    this.rowOf.delete(rel);
    const c = this.columns;
    if (c.key[row] !== key) return undefined;
    const racyBefore = this.racyOf.get(row);
    if (racyBefore !== undefined && racyBefore !== contentHash(readBytes())) return undefined;
    const dateMillis = c.dateMillis[row] as number;
    const article = withLazyFields(storedAt(c, row, display), dateMillis, readBody, this.timeZone);
    this.next.set(rel, racy ? { row, racy: contentHash(readBytes()) } : { row });
    if (!racy && racyBefore === undefined) this.unchanged.add(rel);
    this.fileOf.set(article, rel);
    const problems = this.problemsOf.get(row) ?? [];
    return { article, dateMillis, problems: problems.map((p) => ({ ...p, file: display })), dateWritten: c.dateWritten[row] as string, digest: digestAt(c, row, this.missingOf.get(row)) };
  }

  /** Remember a valid article for the next build (its digest comes with attach). */
  keep(article: Article, rel: string, key: string, problems: Problem[], dateWritten: string, racy?: string): void {
    this.keepStored(article, toStored(article), rel, key, problems, dateWritten, racy);
  }

  /** The same for an article parsed elsewhere (a worker thread) and given in its stored form. */
  keepStored(article: Article, stored: StoredArticle, rel: string, key: string, problems: Problem[], dateWritten: string, racy?: string): void {
    this.next.set(rel, { row: -1, entry: { key, article: stored, problems, dateWritten, ...(racy !== undefined ? { racy } : {}) } });
    this.fileOf.set(article, rel);
  }

  /** The body digests the build computed or reused (src/site/archive.ts), for the kept articles. */
  attach(digests: ReadonlyMap<Article, ArticleDigest>): void {
    for (const [article, digest] of digests) {
      const kept = this.next.get(this.fileOf.get(article) ?? "");
      if (kept) kept.digest = digest;
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
    const changed = kept.filter((rel) => !this.unchanged.has(rel));
    const keptSet = new Set(kept);
    const removed = [...this.loaded].filter((rel) => !keptSet.has(rel));
    if (this.updated !== null && this.updated + changed.length + removed.length <= Math.max(100, this.loaded.size * UPDATES_SHARE)) {
      if (changed.length + removed.length === 0) return;
      // An append cut off by a crash leaves a partial record at the end, which the next open ignores.
      const entries = Object.fromEntries(changed.map((rel) => [rel, this.entryOf(rel, this.next.get(rel) as Kept & { digest: ArticleDigest })]));
      await appendFile(this.file, record({ kind: "news-archive-parse-cache-update", entries, removed }));
      return;
    }
    const columns = emptyColumns();
    const fieldLineSet = new Map<string, number>();
    for (const rel of kept) {
      const k = this.next.get(rel) as Kept & { digest: ArticleDigest };
      const { entry } = k;
      const stored = entry ? entry.article : storedAt(this.columns, k.row, rel);
      const row = columns.rel.length;
      columns.rel.push(rel);
      columns.key.push(entry ? entry.key : (this.columns.key[k.row] as string));
      columns.title.push(stored.title);
      columns.section.push(stored.section ?? null);
      columns.tags.push(stored.tags);
      columns.author.push(stored.author ?? null);
      columns.summary.push(stored.summary ?? null);
      columns.images.push(stored.images);
      columns.source.push(stored.source ?? null);
      columns.draft.push(stored.draft);
      columns.slugOverride.push(stored.slugOverride ?? null);
      columns.bodyLine.push(stored.bodyLine);
      const lines = JSON.stringify(stored.fieldLines);
      let set = fieldLineSet.get(lines);
      if (set === undefined) {
        fieldLineSet.set(lines, (set = columns.fieldLineSets.length));
        columns.fieldLineSets.push(stored.fieldLines);
      }
      columns.fieldLines.push(set);
      columns.dateMillis.push(entry ? entry.article.dateMillis : (this.columns.dateMillis[k.row] as number));
      columns.dateWritten.push(entry ? entry.dateWritten : (this.columns.dateWritten[k.row] as string));
      const { digest } = k;
      columns.lead.push(digest.lead);
      columns.hash.push(digest.hash);
      columns.fieldsHash.push(digest.fieldsHash);
      columns.titleSlug.push(digest.titleSlug);
      const { dates } = digest;
      columns.timestamp.push(dates.timestamp);
      columns.dateIso.push(dates.dateIso);
      columns.dateLong.push(dates.dateLong);
      columns.dateShort.push(dates.dateShort);
      columns.year.push(dates.year);
      columns.month.push(dates.month);
      columns.day.push(dates.day);
      const problems = entry ? entry.problems : (this.problemsOf.get(k.row) ?? []);
      if (problems.length > 0) columns.problems.push([row, problems]);
      if (digest.missingFigures.length > 0) columns.missingFigures.push([row, digest.missingFigures]);
      const racy = entry ? entry.racy : k.racy;
      if (racy !== undefined) columns.racy.push([row, racy]);
    }
    const header: CacheHeader = { kind: "news-archive-parse-cache", version: 5, fingerprint: this.fingerprint, timeZone: this.timeZone };
    // Written aside and renamed: a build cut off here leaves the old cache or the new one, never half.
    const temp = path.join(path.dirname(this.file), `${path.basename(this.file)}.tmp`);
    await writeFile(temp, Buffer.concat([record(header), record(columns)]));
    await rename(temp, this.file);
  }

  /** A kept entry as an update record holds it. */
  private entryOf(rel: string, k: Kept & { digest: ArticleDigest }): Entry {
    if (k.entry) return { ...k.entry, digest: k.digest };
    const c = this.columns;
    const stored = { ...storedAt(c, k.row, rel), dateMillis: c.dateMillis[k.row] as number };
    return { key: c.key[k.row] as string, article: stored, problems: this.problemsOf.get(k.row) ?? [], dateWritten: c.dateWritten[k.row] as string, digest: k.digest, ...(k.racy !== undefined ? { racy: k.racy } : {}) };
  }
}

/** An entry this build keeps: a row of the loaded columns (with its racy hash now), or one parsed anew. */
interface Kept {
  /** The row of the loaded columns, or -1 for an entry parsed anew (`entry`). */
  row: number;
  /** For a row: its file's racy hash now. */
  racy?: string;
  entry?: Omit<Entry, "digest">;
  digest?: ArticleDigest;
}

function emptyColumns(): Columns {
  const columns = { rel: [], fieldLineSets: [], problems: [], missingFigures: [], racy: [] } as unknown as Columns;
  for (const name of ROW_COLUMNS) (columns[name] as unknown[]) = [];
  return columns;
}

/** Columns as a save writes them: one value per row in each. */
function wholeColumns(columns: Columns | undefined): columns is Columns {
  if (!columns || !Array.isArray(columns.rel)) return false;
  const rows = columns.rel.length;
  return ROW_COLUMNS.every((name) => Array.isArray(columns[name]) && columns[name].length === rows) &&
    [columns.fieldLineSets, columns.problems, columns.missingFigures, columns.racy].every(Array.isArray);
}

/** Row `row`'s article fields, named `file`, as the parser gives them (optional fields absent, not undefined). */
function storedAt(c: Columns, row: number, file: string): Omit<Article, "body" | "date"> {
  const article: Omit<Article, "body" | "date"> = { file, title: c.title[row] as string, tags: c.tags[row] as string[], images: c.images[row] as ArticleImage[], draft: c.draft[row] as boolean, bodyLine: c.bodyLine[row] as number, fieldLines: c.fieldLineSets[c.fieldLines[row] as number] as Record<string, number> };
  const section = c.section[row];
  if (section != null) article.section = section;
  const author = c.author[row];
  if (author != null) article.author = author;
  const summary = c.summary[row];
  if (summary != null) article.summary = summary;
  const source = c.source[row];
  if (source != null) article.source = source;
  const slugOverride = c.slugOverride[row];
  if (slugOverride != null) article.slugOverride = slugOverride;
  return article;
}

function digestAt(c: Columns, row: number, missingFigures: ArticleDigest["missingFigures"] = []): ArticleDigest {
  return {
    lead: c.lead[row] as string, missingFigures, hash: c.hash[row] as string, fieldsHash: c.fieldsHash[row] as string, titleSlug: c.titleSlug[row] as string,
    dates: { timestamp: c.timestamp[row] as number, dateIso: c.dateIso[row] as string, dateLong: c.dateLong[row] as string, dateShort: c.dateShort[row] as string, year: c.year[row] as string, month: c.month[row] as string, day: c.day[row] as string },
  };
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
  return withLazyFields({ ...rest, file: display }, dateMillis, readBody, zone);
}

/**
 * An article back from the cache: its fields as stored, its `body` read from its file whenever asked
 * for, its `date` (a luxon DateTime in `zone`) made when first asked for. A class, whose prototype
 * holds the two getters: given them as own accessors (Object.defineProperty on each article), the
 * articles became dictionary-mode objects, slow to make and to read. Measured on 100,000 such objects
 * (node --allow-natives-syntax): made in 118 against 255–271 ms, three of their fields read 20 times
 * over in 37 against 210–250 ms. `body` and `date` are not own properties (Object.keys leaves them
 * out); nothing copies a cached article by its keys (toStored is for articles parsed in this build).
 */
class CachedArticle implements Article {
  file: string;
  title: string;
  tags: string[];
  images: ArticleImage[];
  draft: boolean;
  bodyLine: number;
  fieldLines: Readonly<Record<string, number>>;
  // Absent, not undefined, when the file has none (as parsed articles): `declare`d, set only when present.
  declare section?: string;
  declare author?: string;
  declare summary?: string;
  declare source?: string;
  declare slugOverride?: string;
  readonly #readBody: () => string;
  readonly #dateMillis: number;
  readonly #zone: string;
  #date: DateTime | undefined;

  constructor(fields: Omit<Article, "body" | "date">, dateMillis: number, readBody: () => string, zone: string) {
    this.file = fields.file;
    this.title = fields.title;
    this.tags = fields.tags;
    this.images = fields.images;
    this.draft = fields.draft;
    this.bodyLine = fields.bodyLine;
    this.fieldLines = fields.fieldLines;
    if (fields.section !== undefined) this.section = fields.section;
    if (fields.author !== undefined) this.author = fields.author;
    if (fields.summary !== undefined) this.summary = fields.summary;
    if (fields.source !== undefined) this.source = fields.source;
    if (fields.slugOverride !== undefined) this.slugOverride = fields.slugOverride;
    this.#readBody = readBody;
    this.#dateMillis = dateMillis;
    this.#zone = zone;
  }

  get body(): string {
    return this.#readBody();
  }

  get date(): DateTime {
    return (this.#date ??= DateTime.fromMillis(this.#dateMillis, { zone: this.#zone }));
  }

  set date(date: DateTime) {
    this.#date = date;
  }
}

/** The article's `body` and `date`, made when asked for (see CachedArticle). */
function withLazyFields(fields: Omit<Article, "body" | "date">, dateMillis: number, readBody: () => string, zone: string): Article {
  return new CachedArticle(fields, dateMillis, readBody, zone);
}

/** The article's own fields without touching a lazy body (which would read the file). */
function withoutBody(article: Article): Omit<Article, "body"> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(article)) if (key !== "body") out[key] = (article as unknown as Record<string, unknown>)[key];
  return out as Omit<Article, "body">;
}
