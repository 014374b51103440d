import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { Archive } from "../site/archive.ts";
import type { ArticleView } from "../site/views.ts";
import { STATIC_PAGES } from "../site/plugins/archive-data.ts";
import { LISTS_DIR, listId, type ListFile, type OfflineList } from "./names.ts";
import { jsonForScript } from "../site/structured-data.ts";

/** A list as written: the summary (`<id>.json`) and its files (`<id>.<hash>.json`). */
export interface WrittenList {
  summary: OfflineList;
  files: ListFile[];
}

/**
 * What "Lưu để đọc ngoại tuyến" fetches, computed from the archive model and the built files: for
 * each year and section its articles, their listing pages, Pagefind fragments and images; for the
 * whole archive every page; and, shared by all, every Pagefind index chunk and mark shard (the
 * search index). Sizes are the built files' sizes. Returns the files to write under LISTS_DIR.
 */
export async function offlineLists(outDir: string, archive: Archive): Promise<{ lists: WrittenList[]; all: WrittenList; files: Map<string, string> }> {
  const sizes = new Map<string, number>();
  const sizeOf = async (rel: string) => {
    let n = sizes.get(rel);
    if (n === undefined) {
      const file = path.join(outDir, rel.endsWith("/") || rel === "" ? `${rel}index.html` : rel);
      n = (await stat(file).catch(() => null))?.size ?? -1;
      sizes.set(rel, n);
    }
    return n;
  };
  const fragments = await fragmentsByUrl(outDir);
  const out = new Map<string, string>();
  /** Writes the file list under a content-hashed name; returns its summary fields. */
  const fileList = async (id: string, paths: readonly string[]) => {
    const files: ListFile[] = [];
    for (const p of paths) {
      const n = await sizeOf(p);
      if (n >= 0) files.push([p, n]);
    }
    const json = jsonForScript(files);
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 10);
    const name = `${LISTS_DIR}${id}.${hash}.json`;
    out.set(name, json);
    return { hash, bytes: files.reduce((sum, f) => sum + f[1], 0), files: name, list: files };
  };

  const index = await fileList("search-index", [...(await listDir(outDir, "pagefind/index")), ...(await listDir(outDir, "search/marks"))]);
  const articleFiles = (a: ArticleView) => {
    const files = [rel(a.url)];
    const fragment = fragments.get(a.url);
    if (fragment) files.push(fragment);
    for (const m of a.html.matchAll(/\ssrc="\/(media\/[^"]+)"/g)) if (m[1]) files.push(decodeHtml(m[1]));
    return files;
  };
  const make = async (id: string, title: string, page: string, articles: readonly ArticleView[], pageUrls: readonly string[]) => {
    const { list, ...summary } = await fileList(id, [...new Set([...pageUrls.map(rel), ...articles.flatMap(articleFiles)])]);
    return { id, title, page: rel(page), articles: articles.length, ...summary, fileList: list };
  };

  const drafts: Awaited<ReturnType<typeof make>>[] = [];
  for (const y of archive.years) {
    const articles = archive.articles.filter((a) => a.year === y.year);
    const pages = archive.listings.filter((l) => ["year", "month", "day"].includes(l.kind) && l.baseUrl.startsWith(y.url)).map((l) => l.url);
    const title = archive.listings.find((l) => l.kind === "year" && l.baseUrl === y.url)?.title ?? y.year;
    drafts.push(await make(listId("year", y.url), title, y.url, articles, pages));
  }
  for (const s of archive.sections) {
    const pages = archive.listings.filter((l) => l.kind === "section" && l.baseUrl === s.url).map((l) => l.url);
    drafts.push(await make(listId("section", s.url), s.name, s.url, s.articles, pages));
  }
  const allDraft = await make("all", "", "/", archive.articles, [...STATIC_PAGES, ...archive.listings.map((l) => l.url)]);
  const shared = {
    searchIndex: { hash: index.hash, bytes: index.bytes, files: index.files },
    archive: { articles: allDraft.articles, bytes: allDraft.bytes + index.bytes },
  };
  const written = (d: typeof allDraft): WrittenList => {
    const { fileList: files, ...rest } = d;
    const summary: OfflineList = { ...rest, ...shared };
    // Titles are contributors' text: no raw `<`, `>` or `&` in any file we publish (same JSON once parsed).
    out.set(`${LISTS_DIR}${d.id}.json`, jsonForScript(summary));
    return { summary, files };
  };
  return { lists: drafts.map(written), all: written(allDraft), files: out };
}

/** Site URL `/2023/06/…/` → path under the base, `2023/06/…/`. */
function rel(url: string): string {
  return url.replace(/^\//, "");
}

function decodeHtml(s: string): string {
  return s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

async function listDir(outDir: string, dir: string): Promise<string[]> {
  const names = await readdir(path.join(outDir, dir)).catch(() => [] as string[]);
  return names.sort().map((n) => `${dir}/${n}`);
}

/**
 * Page URL → its Pagefind fragment file. Pagefind writes one gzipped JSON fragment per page (or a
 * group of them), signed `pagefind_dcd`; the page's URL is inside.
 */
export async function fragmentsByUrl(outDir: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const file of await listDir(outDir, "pagefind/fragment")) {
    let data = gunzipSync(await readFile(path.join(outDir, file)));
    if (data.subarray(0, 12).toString() === "pagefind_dcd") data = data.subarray(12);
    const parsed = JSON.parse(data.toString("utf8")) as { url?: unknown } | Record<string, { url?: unknown }>;
    const urls = typeof parsed.url === "string" ? [parsed.url] : Object.values(parsed as Record<string, { url?: unknown }>).map((f) => f?.url);
    for (const url of urls) if (typeof url === "string") map.set(url.replace(/[?#].*$/, ""), file);
  }
  return map;
}
