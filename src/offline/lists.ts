import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Archive } from "../site/archive.ts";
import type { ArticleView } from "../site/views.ts";
import { STATIC_PAGES } from "../site/derived-pages.ts";
import { PARTS_DIR, PRIMARY_DIR } from "../search/parts.ts";
import { fragmentsOfPart } from "../search/index-part.ts";
import { LISTS_DIR, listId, type IndexPiece, type ListFile, type OfflineList } from "./names.ts";
import { jsonForScript } from "../site/structured-data.ts";
import { groupBy } from "../site/group-by.ts";

/** A list as written: the summary (`<id>.json`) and its files (`<id>.<hash>.json`). */
export interface WrittenList {
  summary: OfflineList;
  files: ListFile[];
}

/** The mark shards (src/search/mark-files.ts), needed by every search typed without marks. */
const MARKS_DIR = "search/marks/";

/**
 * What "Lưu để đọc ngoại tuyến" fetches, computed from the archive model and the built files: for
 * each year and section its articles, their listing pages, Pagefind fragments and images; for the
 * whole archive every page; and the search index, in pieces (IndexPiece) each saved once and shared
 * by the saved lists that need it: the mark shards, the primary index (`pagefind/`) and each older
 * index part (`pagefind/parts/<id>/`), each with its entry file, metadata, index chunks and filters.
 *
 * A list needs the marks, the primary and the parts that hold its articles, not the whole index: a
 * year of one part then costs two parts' index (at 100,000 articles in parts of 2,000, about 2/36
 * of it) rather than all of it, and its search finds everything a saved year's fragments can show
 * anyway (a result whose fragment is not saved cannot be shown offline). The primary is always in:
 * the search page loads it first, for every query. A section spans years, so it usually needs every
 * part; `all` takes every part. Sizes are the built files' sizes. Returns the files to write under
 * LISTS_DIR: per list `<id>.json` and `<id>.<hash>.json`, per piece `search-index-<piece>.<hash>.json`.
 */
export async function offlineLists(outDir: string, archive: Archive, known: KnownFiles = {}): Promise<{ lists: WrittenList[]; all: WrittenList; files: Map<string, string> }> {
  const sizes = new Map<string, number>(known.fileSizes);
  // Synchronous on purpose: one awaited stat after another cost 12 s for the 240,000 files of a
  // 100,000-article site (each waits its turn in libuv's pool); statSync takes under 1 s. And the
  // function itself is not async: an await per file, a million of them, cost 1.5 s.
  const sizeOf = (rel: string) => {
    let n = sizes.get(rel);
    if (n === undefined) {
      const file = path.join(outDir, rel.endsWith("/") || rel === "" ? `${rel}index.html` : rel);
      n = statSync(file, { throwIfNoEntry: false })?.size ?? -1;
      sizes.set(rel, n);
    }
    return n;
  };
  // Pages by address, as the build knows them: no new string to make and hash per lookup.
  const pageSize = (url: string) => known.pageSizes?.get(url) ?? sizeOf(rel(url));
  const partDirs = await indexPartDirs(outDir);
  // An incremental build knows the unchanged parts' fragments from its state: reading 100,000 gzipped fragments back costs seconds.
  const fragments = known.fragments ?? await fragmentsByUrl(outDir, partDirs);
  const out = new Map<string, string>();
  /** The files of `paths` that exist, with their sizes. */
  const existing = (paths: readonly string[]) => {
    const files: ListFile[] = [];
    for (const p of paths) {
      const n = sizeOf(p);
      if (n >= 0) files.push([p, n]);
    }
    return files;
  };
  /** Writes the file list under a content-hashed name; returns its summary fields. */
  const fileList = (id: string, files: ListFile[]) => {
    const json = jsonForScript(files);
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 10);
    const name = `${LISTS_DIR}${id}.${hash}.json`;
    out.set(name, json);
    return { hash, bytes: files.reduce((sum, f) => sum + f[1], 0), files: name, list: files };
  };

  // The search index's pieces, by folder: marks first, then the primary, then older parts newest first.
  const pieces = new Map<string, IndexPiece>();
  const addPiece = (id: string, dir: string, paths: readonly string[]) => {
    const { hash, bytes, files } = fileList(`search-index-${id}`, existing(paths));
    pieces.set(dir, { id, dir, hash, bytes, files });
  };
  addPiece("marks", MARKS_DIR, await listDir(outDir, MARKS_DIR.slice(0, -1)));
  for (const dir of partDirs) addPiece(dir === PRIMARY_DIR ? "primary" : path.posix.basename(dir), dir, await partIndexFiles(outDir, dir));
  const allPieces = [...pieces.values()];
  const searchIndex = (chosen: readonly IndexPiece[]) => ({
    hash: createHash("sha256").update(chosen.map((p) => `${p.id}:${p.hash}`).join("\n")).digest("hex").slice(0, 10),
    bytes: chosen.reduce((n, p) => n + p.bytes, 0),
    pieces: [...chosen],
  });

  // Each list is filled with its pages, then with its articles' files in the archive's order (a
  // section's articles are in that order too: both sorted alike from the same order), in one pass
  // over the archive: an article's files are worked out once for its three lists (its year's, its
  // section's, the whole archive's). Looked up per list by article instead, in a Map of 100,000
  // views, the lookups were a third of the lists' time at 100,000 articles.
  interface Filling { id: string; title: string; page: string; files: ListFile[]; seen: Set<string>; dirs: Set<string>; articles: number }
  // Each file once, first come first listed. Only pages listed by address (`/` is the home listing
  // too) and images (articles may share one) can repeat: an article's page and fragment are its
  // own, and left out of the Set (at 100,000 articles, 470,000 long strings fewer to hash).
  const addOnce = (list: Filling, file: ListFile) => {
    if (list.seen.has(file[0])) return;
    list.seen.add(file[0]);
    list.files.push(file);
  };
  const filling = (id: string, title: string, page: string, pageUrls: readonly string[]): Filling => {
    const list: Filling = { id, title, page: rel(page), files: [], seen: new Set(), dirs: new Set([MARKS_DIR, PRIMARY_DIR]), articles: 0 };
    for (const url of pageUrls) {
      const n = pageSize(url);
      if (n >= 0) addOnce(list, [rel(url), n]);
    }
    return list;
  };
  const listingsOf = groupBy(archive.listings, (l) => (l.kind === "section" ? l.baseUrl : ["year", "month", "day"].includes(l.kind) ? l.baseUrl.split("/")[1] ?? "" : ""));
  const years = new Map(archive.years.map((y) => {
    const listings = listingsOf.get(y.year) ?? [];
    const title = listings.find((l) => l.kind === "year")?.title ?? y.year;
    return [y.year, filling(listId("year", y.url), title, y.url, listings.map((l) => l.url))];
  }));
  const sections = new Map(archive.sections.map((s) => [s.url, filling(listId("section", s.url), s.name, s.url, (listingsOf.get(s.url) ?? []).map((l) => l.url))]));
  const all = filling("all", "", "/", [...STATIC_PAGES, ...archive.listings.map((l) => l.url)]);
  for (const a of archive.articles) {
    const fragment = fragments.get(a.url);
    const own: ListFile[] = [];
    const size = pageSize(a.url);
    if (size >= 0) own.push([rel(a.url), size]);
    if (fragment) {
      const n = sizeOf(fragment);
      if (n >= 0) own.push([fragment, n]);
    }
    const media = existing(a.media.map(rel));
    const partDir = fragment ? partDirOf(fragment) : undefined;
    for (const list of [years.get(a.year), a.section ? sections.get(a.section.url) : undefined, all]) {
      if (!list) continue;
      for (const file of own) list.files.push(file);
      for (const file of media) addOnce(list, file);
      if (partDir) list.dirs.add(partDir);
      list.articles++;
    }
  }
  const make = (list: Filling, chosen = allPieces.filter((p) => list.dirs.has(p.dir))) => {
    const { list: listed, ...summary } = fileList(list.id, list.files);
    return { id: list.id, title: list.title, page: list.page, articles: list.articles, ...summary, searchIndex: searchIndex(chosen), fileList: listed };
  };
  const drafts = [...years.values(), ...sections.values()].map((list) => make(list));
  const allDraft = make(all, allPieces);
  const shared = { archive: { articles: allDraft.articles, bytes: allDraft.bytes + allDraft.searchIndex.bytes } };
  const written = (d: typeof allDraft): WrittenList => {
    const { fileList: files, ...rest } = d;
    const summary: OfflineList = { ...rest, ...shared };
    // Titles are contributors' text: no raw `<`, `>` or `&` in any file we publish (same JSON once parsed).
    out.set(`${LISTS_DIR}${d.id}.json`, jsonForScript(summary));
    return { summary, files };
  };
  return { lists: drafts.map(written), all: written(allDraft), files: out };
}

/** What the build already knows of the output folder, so that the lists need not read it again. */
export interface KnownFiles {
  /** Page URL → its Pagefind fragment file, every part (else read back from the fragments). */
  fragments?: ReadonlyMap<string, string>;
  /** Page URL → its file's size in bytes, for pages this build did not write (else a stat). */
  pageSizes?: ReadonlyMap<string, number>;
  /** Output-relative file path → its size in bytes, for files whose size is known (the search index's; else a stat). */
  fileSizes?: ReadonlyMap<string, number>;
}

/** Site URL `/2023/06/…/` → path under the base, `2023/06/…/`. */
function rel(url: string): string {
  return url.replace(/^\//, "");
}

async function listDir(outDir: string, dir: string): Promise<string[]> {
  const names = await readdir(path.join(outDir, dir)).catch(() => [] as string[]);
  return names.sort().map((n) => `${dir}/${n}`);
}

/**
 * Folders of the search index's parts in a built site (src/search/parts.ts), ending in `/`: the
 * primary `pagefind/`, then each `pagefind/parts/<id>/` newest first (ids start with their first month).
 */
export async function indexPartDirs(outDir: string): Promise<string[]> {
  const entries = await readdir(path.join(outDir, PARTS_DIR), { withFileTypes: true }).catch(() => []);
  const parts = entries.filter((e) => e.isDirectory()).map((e) => `${PARTS_DIR}${e.name}/`).sort().reverse();
  return [PRIMARY_DIR, ...parts];
}

/** A part's index files, what a search in it may fetch: entry file, metadata, index chunks, filters. */
export async function partIndexFiles(outDir: string, dir: string): Promise<string[]> {
  const top = (await listDir(outDir, dir.slice(0, -1))).filter((f) => f.endsWith("/pagefind-entry.json") || f.endsWith(".pf_meta"));
  return [...top, ...(await listDir(outDir, `${dir}index`)), ...(await listDir(outDir, `${dir}filter`))];
}

/** `pagefind/parts/<id>/fragment/x.pf_fragment` → `pagefind/parts/<id>/`. */
function partDirOf(fragment: string): string {
  return fragment.replace(/fragment\/[^/]+$/, "");
}

/**
 * Page URL → its Pagefind fragment file, in whichever part indexed it. Pagefind writes one gzipped
 * JSON fragment per page (or a group of them), signed `pagefind_dcd`; the page's URL is inside.
 */
export async function fragmentsByUrl(outDir: string, partDirs?: readonly string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const dir of partDirs ?? (await indexPartDirs(outDir))) {
    for (const [url, file] of Object.entries(await fragmentsOfPart(outDir, dir))) map.set(url, file);
  }
  return map;
}

