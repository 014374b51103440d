import { hash as oneShotHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { pageFile } from "./look-ahead.ts";
import path from "node:path";
import { partFinder, type IndexPart } from "../search/parts.ts";
import { ENTRY_FILE } from "../search/pagefind-writer/write-bundle.ts";
import type { Archive } from "./archive.ts";
import type { BuildState } from "./build-state.ts";
import type { ListingPage } from "./listings.ts";
import type { ArticleLink, ArticleView } from "./views.ts";
import { JSON_FEED_URL, type DerivedPages } from "./derived-pages.ts";
import type { FeedSpec } from "./feeds.ts";

/** Which article and listing pages this build renders, and which search index parts it rebuilds. */
export interface RenderPlan {
  /** Everything is rendered: no usable previous build, or code, templates, settings or options changed. */
  full: boolean;
  /**
   * A full build written over the last build's files (code, templates, settings or options changed):
   * nothing is deleted first, and what the last build wrote that this one does not is deleted after
   * (`removed`, `previousFiles`). At 100,000 articles, deleting the old site first took about 30 s.
   */
  overwrite: boolean;
  articles: ArticleView[];
  listings: ListingPage[];
  /** Derived pages to write (feeds, JSON Feed, sitemap parts; src/site/derived-pages.ts), by address. */
  derived: Set<string>;
  /** Page URLs of the previous build that no longer exist. */
  removed: string[];
  /** Article pages that the previous build did not have. */
  added: number;
  /** Search index parts to index again. */
  parts: Set<string>;
  /** The state to leave for the next build once this one succeeds (`files` is filled in by the build). */
  next: BuildState;
  /** The previous build's other files (see BuildState.files), to delete those this build does not write. */
  previousFiles: string[];
  /** Page URL → file size, for the pages kept as they are (the offline lists need them, src/offline/lists.ts). */
  keptPageSizes: Map<string, number>;
  /** The previous build's fragment files of the parts not indexed again (see BuildState.fragments). */
  keptFragments: Record<string, Record<string, string>>;
}

// crypto.hash: one call per page, without a Hash object each (Node 20.12+).
const sha1 = (text: string) => oneShotHash("sha1", text, "base64url").slice(0, 22);

/** What a listing shows of an article: every field of its view but the body and the links. */
type ShownField = Exclude<keyof ArticleView, "html" | "contentHash" | "related" | "prev" | "next">;

/**
 * Each shown field as text for the hash, or what covers it: a field added to ArticleView fails
 * type-checking until it is listed here. The fields a view takes as they are from its article are in
 * `fieldsHash`, hashed once when the article was parsed and kept by the parse cache; the date's words
 * follow from its instant (the zone and the words are settings, in the fingerprint); the slug is in
 * the address. Measured at 100,000 articles: the text hashed per article went from about 820
 * characters to about 190 (0.6 s against 1.0 s for JSON of a copy of each view, before that).
 */
const SHOWN: Record<ShownField, ((v: ArticleView) => string | number | undefined) | "fieldsHash" | "timestamp" | "url"> = {
  file: "fieldsHash",
  title: "fieldsHash",
  summary: "fieldsHash",
  description: "fieldsHash",
  images: "fieldsHash",
  source: "fieldsHash",
  fieldsHash: (v) => v.fieldsHash,
  slug: "url",
  url: (v) => v.url,
  timestamp: (v) => v.timestamp,
  dateIso: "timestamp",
  dateLong: "timestamp",
  dateShort: "timestamp",
  year: "timestamp",
  month: "timestamp",
  day: "timestamp",
  section: (v) => v.section && JSON.stringify(v.section),
  tags: (v) => JSON.stringify(v.tags),
  author: (v) => v.author && JSON.stringify(v.author),
  media: (v) => JSON.stringify(v.media),
};
const SHOWN_FIELDS = Object.values(SHOWN).filter((field) => typeof field === "function");

/**
 * An article is an item of some ten listings: this is hashed once per article (`shown`), not once
 * per listing (which hashed 0.5 GB of JSON at 100,000 articles). Strings go in with their length,
 * so that no two different views give the same text.
 */
function shownHash(view: ArticleView, shown: WeakMap<ArticleView, string>): string {
  let hash = shown.get(view);
  if (hash === undefined) {
    let text = "";
    for (const field of SHOWN_FIELDS) {
      const value = field(view);
      text += value === undefined ? "-" : typeof value === "number" ? `#${value}` : `${value.length}:${value}`;
    }
    shown.set(view, (hash = sha1(text)));
  }
  return hash;
}

/**
 * A link to an article (its neighbours and related articles show title, address and date), hashed
 * once per linked article, by address (one per article in a build). Hashing each page's links as
 * JSON hashed 137 MB at 100,000 articles: 1.2 s of a 2.7 s plan, against 0.5 s this way.
 */
function linkHash(link: ArticleLink | undefined, links: Map<string, string>): string {
  if (!link) return "";
  let hash = links.get(link.url);
  if (hash === undefined) links.set(link.url, (hash = sha1(LINK_FIELDS.map((field) => `${link[field].length}:${link[field]}`).join(""))));
  return hash;
}

/** Every field of a link, listed so that a field added to ArticleLink fails type-checking until it is here. */
const LINK_FIELD_SET: Record<keyof ArticleLink, true> = { title: true, url: true, dateShort: true, dateIso: true };
const LINK_FIELDS = Object.keys(LINK_FIELD_SET) as (keyof ArticleLink)[];

/**
 * An article page shows its view (text, links to neighbours and related articles) and nothing else
 * of the archive: its summary fields' hash, the body's, and its links' hashes.
 */
function articleHash(view: ArticleView, shown: WeakMap<ArticleView, string>, links: Map<string, string>): string {
  let text = `${shownHash(view, shown)} ${view.contentHash} ${linkHash(view.prev, links)} ${linkHash(view.next, links)}`;
  for (const link of view.related) text += ` ${linkHash(link, links)}`;
  return sha1(text);
}

function listingHash(listing: ListingPage, shown: WeakMap<ArticleView, string>): string {
  return sha1(JSON.stringify({ ...listing, items: listing.items.map((v) => shownHash(v, shown)) }));
}

/** A feed shows each entry's summary fields and body. */
function feedHash(feed: FeedSpec, shown: WeakMap<ArticleView, string>): string {
  return sha1(JSON.stringify({ ...feed, entries: feed.entries.map((v) => `${shownHash(v, shown)} ${v.contentHash}`) }));
}

/** The last build's state if this build can start from it; null when it renders everything (no last build, or one by other code, templates or settings). */
export function startingState(previous: BuildState | null, fingerprint: string): BuildState | null {
  return previous !== null && previous.fingerprint === fingerprint ? previous : null;
}

/** What planRender may be given besides the archive and the last build's state. */
export interface PlanInputs {
  /** Page URL → file size, looked up ahead (src/site/look-ahead.ts); else each kept page is statted. */
  pageSizes?: ReadonlyMap<string, number>;
  /** The last build's state whatever its fingerprint: what a full build writing over it must delete. */
  earlier?: BuildState | null;
  /** The feeds and sitemap parts (src/site/derived-pages.ts); none when absent. */
  derived?: DerivedPages;
  /**
   * The article files parsed anew by this build (`ArticleView.file`). The others came from the last
   * build's parse cache unchanged, so their bodies are what the last build's pages show. Absent:
   * every page is hashed.
   */
  parsed?: ReadonlySet<string>;
}

/**
 * Compare each page's data with what the previous build rendered it from. Unchanged pages whose file
 * is still there are kept as they are; a part of the search index is rebuilt when any of its
 * articles' pages changed, or its folder is missing.
 *
 * Every article's summary fields are hashed (shownHash), and the whole list of them in order too
 * (`BuildState.shown`). When that list is the last build's, nothing any listing, sitemap or link
 * shows changed: every listing and the order, terms, neighbours and related articles of every
 * article are made from those fields alone (and settings and strings, in the fingerprint). Then only
 * the articles parsed anew (`parsed`) can have changed, in their bodies: their pages and the feeds
 * that show them are hashed, every other page keeps the last build's hash. At 100,000 articles that
 * skips about two thirds of the plan's hashing (an edit-one rebuild's plan: 1.9 s before).
 */
export function planRender(archive: Archive, parts: readonly IndexPart[], fingerprint: string, previous: BuildState | null, outDir: string, inputs: PlanInputs = {}): RenderPlan {
  const { pageSizes, earlier = null, derived: derivedPages = { feeds: [], sitemap: { isIndex: false, parts: [] } }, parsed } = inputs;
  const from = startingState(previous, fingerprint);
  const full = from === null;
  const last = full ? earlier : from;
  const before = full ? {} : from.pages;
  const pages: Record<string, string> = {};
  const keptPageSizes = new Map<string, number>();
  const changed = (url: string, hash: string) => {
    pages[url] = hash;
    if (full || before[url] !== hash) return true;
    // A page deleted from the output folder is written again. The one stat (taken ahead, src/site/look-ahead.ts)
    // also gives its size, which the offline lists would otherwise stat again: 135,000 pages at 100,000 articles.
    const size = pageSizes ? pageSizes.get(url) : statSync(pageFile(outDir, url), { throwIfNoEntry: false })?.size;
    if (size === undefined) return true;
    keptPageSizes.set(url, size);
    return false;
  };
  const shown = new WeakMap<ArticleView, string>();
  const links = new Map<string, string>();
  const shownAll = sha1(archive.articles.map((a) => `${a.url.length}:${a.url}${shownHash(a, shown)}`).join(""));
  // Only pages that may have changed are hashed; the others keep the last build's hash.
  const same = !full && parsed !== undefined && from.shown === shownAll;
  const mayDiffer = (views: readonly ArticleView[]) => !same || views.some((v) => parsed.has(v.file));
  const keep = (url: string, hash: () => string) => (same ? (before[url] ?? hash()) : hash());
  /** The page's hash: worked out when `views` (what it shows) may have changed, else the last build's. */
  const hashOf = (url: string, views: readonly ArticleView[], hash: () => string) => (mayDiffer(views) ? hash() : keep(url, hash));
  const articles = archive.articles.filter((a) => changed(a.url, hashOf(a.url, [a], () => articleHash(a, shown, links))));
  const listings = archive.listings.filter((l) => changed(l.url, keep(l.url, () => listingHash(l, shown))));
  const derived = new Set<string>();
  const { feeds, sitemap } = derivedPages;
  const feedHashes = new Map<FeedSpec, string>();
  // The site's feed is hashed once for itself and its JSON Feed.
  const hashFeed = (feed: FeedSpec) => {
    let hash = feedHashes.get(feed);
    if (hash === undefined) feedHashes.set(feed, (hash = feedHash(feed, shown)));
    return hash;
  };
  for (const feed of feeds) if (changed(feed.url, hashOf(feed.url, feed.entries, () => hashFeed(feed)))) derived.add(feed.url);
  const [main] = feeds;
  if (main && changed(JSON_FEED_URL, hashOf(JSON_FEED_URL, main.entries, () => sha1(`json ${hashFeed(main)}`)))) derived.add(JSON_FEED_URL);
  for (const part of sitemap.parts) if (changed(part.url, keep(part.url, () => sha1(JSON.stringify(part))))) derived.add(part.url);
  const removed = last ? Object.keys(last.pages).filter((url) => !(url in pages)) : [];
  const added = full ? archive.articles.length : archive.articles.filter((a) => !(a.url in before)).length;

  const partHashes: Record<string, string> = {};
  const byMonth = new Map<string, ArticleView[]>();
  for (const a of archive.articles) {
    const key = `${a.year}/${a.month}`;
    let list = byMonth.get(key);
    if (!list) byMonth.set(key, (list = []));
    list.push(a);
  }
  const rebuild = new Set<string>();
  for (const part of parts) {
    const months = part.months.map((m) => byMonth.get(m) ?? []);
    const lastHash = from?.parts[part.id];
    const hash = same && lastHash !== undefined && !mayDiffer(months.flat()) ? lastHash : sha1(JSON.stringify([part.dir, months.map((list) => list.map((a) => `${a.url} ${pages[a.url]}`))]));
    partHashes[part.id] = hash;
    const entry = path.join(outDir, part.dir, ENTRY_FILE);
    if (full || from.parts[part.id] !== hash || !existsSync(entry)) rebuild.add(part.id);
  }
  return {
    full,
    overwrite: full && last !== null,
    articles,
    listings,
    derived,
    removed,
    added,
    parts: rebuild,
    keptPageSizes,
    previousFiles: last ? last.files : [],
    keptFragments: full ? {} : Object.fromEntries(parts.filter((p) => !rebuild.has(p.id) && from.fragments[p.id]).map((p) => [p.id, from.fragments[p.id] as Record<string, string>])),
    next: { kind: "news-archive-build", version: 2, fingerprint, pages, parts: partHashes, files: [], fragments: {}, shown: shownAll },
  };
}

/**
 * Pages per Eleventy run. Eleventy holds each page it rendered until its run ends (about 70 kB of
 * memory per article page, measured at 14,000); this bounds that. A run costs 15–20 ms to start
 * (measured at 100,000 articles with the build's shared templates; about 1 s when this was chosen).
 */
export const PAGES_PER_RUN = 10_000;

export interface RenderRun {
  articles: ArticleView[];
  listings: ListingPage[];
}

/**
 * The pages in Eleventy runs of at most `size`: each part's article pages (parts in the order
 * given, so that a part can be indexed as soon as its runs are done), then the listings. A part
 * with no page to render still comes, with no run, so its index can be queued.
 */
export function renderRunsByPart(articles: readonly ArticleView[], parts: readonly IndexPart[], listings: readonly ListingPage[], size: number): { part?: IndexPart; runs: RenderRun[] }[] {
  const partOf = partFinder(parts);
  const byPart = new Map<IndexPart, ArticleView[]>(parts.map((p) => [p, []]));
  for (const a of articles) byPart.get(partOf(a) as IndexPart)?.push(a);
  const chunks = <T>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  return [
    ...parts.map((part) => ({ part, runs: chunks(byPart.get(part) ?? []).map((a) => ({ articles: a, listings: [] })) })),
    { runs: chunks(listings).map((l) => ({ articles: [], listings: l })) },
  ];
}
