import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { buildSite, type BuiltSite } from "../helpers/build-site.ts";
import { trackedPages, waitForWorker } from "./support/pages.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { cacheNames, savedIndexCache, type IndexPiece, type ListFile, type OfflineList } from "../../src/offline/names.ts";

/**
 * Offline reading when the search index is built in parts (`--search-part-size 1`: the demo's seven
 * articles in one part per month, the newest at `pagefind/`, the others at `pagefind/parts/<id>/`).
 * First what the build writes, read from disk: every part's index files are in the search index's
 * pieces, every article's fragment in its year's list, with the part it needs. Then, in Chromium,
 * what the service worker does with the parts' files: caches them as they are used (the entry file
 * with its `?ts=` query), leaves them out of the precache, and saves and removes a year's pieces.
 */

const PREFIX = "/archive/";

let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite({ articles: "articles", pathPrefix: PREFIX, searchPartSize: 1 });
});
afterAll(async () => {
  if (site) await rm(path.dirname(site.out), { recursive: true, force: true });
});

const readJson = async <T>(rel: string): Promise<T> => JSON.parse(await readFile(path.join(site.out, rel), "utf8")) as T;

/** Every file under a folder of the output, relative to the output, `/`-separated. */
async function walk(rel: string): Promise<string[]> {
  const entries = await readdir(path.join(site.out, rel), { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(site.out, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

/** Folders of the index parts on disk: `pagefind/` and each `pagefind/parts/<id>/`. */
async function partDirs(): Promise<string[]> {
  const ids = await readdir(path.join(site.out, "pagefind/parts"));
  return ["pagefind/", ...ids.map((id) => `pagefind/parts/${id}/`)];
}

/** The folder of the part a Pagefind file belongs to. */
const partOf = (file: string) => (file.startsWith("pagefind/parts/") ? file.split("/").slice(0, 3).join("/") + "/" : "pagefind/");

/** Article page (relative to the base path, `2021/11/05/slug/`) → its fragment file, decoded here from every part's fragments. */
async function fragmentsOnDisk(): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const file of (await walk("pagefind")).filter((f) => f.endsWith(".pf_fragment"))) {
    let data = gunzipSync(await readFile(path.join(site.out, file)));
    if (data.subarray(0, 12).toString() === "pagefind_dcd") data = data.subarray(12);
    const url = (JSON.parse(data.toString("utf8")) as { url: string }).url;
    expect(map.has(url), `${url} indexed twice`).toBe(false);
    map.set(url.replace(/^\//, ""), file);
  }
  return map;
}

async function listFiles(list: { files: string }): Promise<ListFile[]> {
  return readJson<ListFile[]>(list.files);
}

describe("offline lists over a search index in parts", () => {
  it("puts every part's index files in the search index's pieces, each listed once with its size", async () => {
    const dirs = await partDirs();
    expect(dirs.length).toBeGreaterThan(2);
    const all = await readJson<OfflineList>("offline/lists/all.json");
    const pieces = all.searchIndex.pieces;
    // Marks, the primary index, and each older part: one piece per folder.
    expect(pieces.map((p) => p.dir).sort()).toEqual(["search/marks/", ...dirs].sort());
    expect(pieces.find((p) => p.dir === "pagefind/")?.id).toBe("primary");
    expect(pieces.find((p) => p.dir === "search/marks/")?.id).toBe("marks");

    // What a search in a part may fetch: its entry file, metadata, index chunks, filters (not fragments, not the runtime).
    const indexFiles = (await walk("pagefind")).filter((f) => /(^|\/)pagefind-entry\.json$|\.pf_(meta|index|filter)$/.test(f));
    const expected = [...indexFiles, ...(await walk("search/marks"))].sort();
    for (const dir of dirs) {
      expect(indexFiles).toContain(`${dir}pagefind-entry.json`);
      expect(indexFiles.some((f) => f.startsWith(`${dir}index/`))).toBe(true);
      expect(indexFiles.some((f) => partOf(f) === dir && f.endsWith(".pf_meta"))).toBe(true);
      expect(indexFiles.some((f) => f.startsWith(`${dir}filter/`))).toBe(true);
    }

    const listed: string[] = [];
    for (const piece of pieces) {
      const files = await listFiles(piece);
      expect(piece.files).toBe(`offline/lists/search-index-${piece.id}.${piece.hash}.json`);
      expect(piece.bytes).toBe(files.reduce((n, f) => n + f[1], 0));
      for (const [file, bytes] of files) {
        expect(file.startsWith(piece.dir), `${file} in piece ${piece.id}`).toBe(true);
        if (piece.dir === "pagefind/") expect(file.startsWith("pagefind/parts/")).toBe(false);
        expect((await stat(path.join(site.out, file))).size).toBe(bytes);
        listed.push(file);
      }
    }
    expect(listed.sort()).toEqual(expected);
    expect(all.searchIndex.bytes).toBe(pieces.reduce((n, p) => n + p.bytes, 0));
    expect(all.archive.bytes).toBe(all.bytes + all.searchIndex.bytes);
  });

  it("finds every article's fragment, in whichever part, in its year's list, with that part's index", async () => {
    const fragments = await fragmentsOnDisk();
    const articles = [...fragments.keys()];
    expect(articles.length).toBe(7);
    // One part per month: the fragments are spread over several parts.
    expect(new Set([...fragments.values()].map(partOf)).size).toBeGreaterThan(2);

    const lists = (await readdir(path.join(site.out, "offline/lists"))).filter((f) => /^year-\d{4}\.json$/.test(f));
    let counted = 0;
    for (const name of lists) {
      const list = await readJson<OfflineList>(`offline/lists/${name}`);
      const year = list.id.slice("year-".length);
      const mine = articles.filter((a) => a.startsWith(`${year}/`));
      expect(list.articles).toBe(mine.length);
      counted += mine.length;
      const files = new Set((await listFiles(list)).map((f) => f[0]));
      for (const article of mine) {
        expect(files).toContain(article);
        expect(files).toContain(fragments.get(article));
      }
      // Its search index: the marks, the primary (every search loads it) and the parts of its articles, no others.
      const wanted = new Set(["search/marks/", "pagefind/", ...mine.map((a) => partOf(fragments.get(a)!))]);
      expect(list.searchIndex.pieces.map((p) => p.dir).sort()).toEqual([...wanted].sort());
      expect(list.searchIndex.bytes).toBe(list.searchIndex.pieces.reduce((n, p) => n + p.bytes, 0));
    }
    expect(counted).toBe(articles.length);

    const all = await readJson<OfflineList>("offline/lists/all.json");
    const allFiles = new Set((await listFiles(all)).map((f) => f[0]));
    for (const [article, fragment] of fragments) {
      expect(allFiles).toContain(article);
      expect(allFiles).toContain(fragment);
    }
  });

  it("precaches the primary index's entry, metadata and filters, none of the older parts", async () => {
    const sw = await readFile(path.join(site.out, "sw.js"), "utf8");
    const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toContain("pagefind/pagefind-entry.json");
    expect(urls.some((u) => /^pagefind\/pagefind\.[^/]+\.pf_meta$/.test(u))).toBe(true);
    expect(urls.some((u) => u.startsWith("pagefind/filter/"))).toBe(true);
    expect(urls.filter((u) => u.startsWith("pagefind/parts/"))).toEqual([]);
    expect(urls.filter((u) => /\.pf_(index|fragment)$/.test(u))).toEqual([]);
  });
});

describe("the service worker with a search index in parts", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  let base: string;
  const names = cacheNames(PREFIX);

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startStaticServer({ root: site.out, pathPrefix: PREFIX });
    base = server.url;
  });
  afterAll(async () => {
    await server?.close();
    await browser?.close();
  });
  // Registered after the hook above: Vitest runs afterAll hooks last-registered first, so contexts close before the browser.
  const newPage = trackedPages(() => browser);
  /** Fetches from the page (through the service worker): the body's length, or `failed`. */
  const get = (page: Page, file: string) =>
    page.evaluate(async (url) => {
      try {
        const res = await fetch(url);
        return res.ok ? (await res.arrayBuffer()).byteLength : `status ${res.status}`;
      } catch {
        return "failed";
      }
    }, `${base}${file}`);
  const cacheKeys = (page: Page, name: string) =>
    page.evaluate(async (n) => ((await caches.has(n)) ? (await (await caches.open(n)).keys()).map((r) => r.url) : null), name);
  const size = async (file: string) => (await stat(path.join(site.out, file))).size;
  const partFile = async (dir: string, sub: string, ext: string) => `${dir}${sub}${(await readdir(path.join(site.out, dir, sub))).find((f) => f.endsWith(ext))}`;

  it("caches an older part's entry file, metadata, chunks, filters and fragments as search uses them", async () => {
    const dirs = (await partDirs()).filter((d) => d !== "pagefind/");
    const [used, unused] = [dirs[0]!, dirs[dirs.length - 1]!];
    const files = [
      await partFile(used, "", ".pf_meta"),
      await partFile(used, "index/", ".pf_index"),
      await partFile(used, "filter/", ".pf_filter"),
      await partFile(used, "fragment/", ".pf_fragment"),
    ];
    const { context, page } = await newPage();
    // Not the search page: nothing but these requests touches the parts.
    await page.goto(base);
    await waitForWorker(page);
    // Pagefind asks for an entry file with `?ts=<tag>`: it is kept once, whatever the tag.
    expect(await get(page, `${used}pagefind-entry.json?ts=one`)).toBe(await size(`${used}pagefind-entry.json`));
    for (const f of files) expect(await get(page, f)).toBe(await size(f));
    // The worker stores a response after handing it over: wait for the entries, never for a time.
    await page.waitForFunction(async ([name, urls]) => {
      const cache = await caches.open(name!);
      return (await Promise.all(urls!.map((u) => cache.match(u)))).every(Boolean);
    }, [names.search, [`${base}${used}pagefind-entry.json`, ...files.map((f) => `${base}${f}`)]] as const);

    await context.setOffline(true);
    expect(await get(page, `${used}pagefind-entry.json?ts=two`)).toBe(await size(`${used}pagefind-entry.json`));
    for (const f of files) expect(await get(page, f)).toBe(await size(f));
    // A part never used is not on the device.
    expect(await get(page, `${unused}pagefind-entry.json?ts=one`)).toBe("failed");
    expect(await get(page, await partFile(unused, "index/", ".pf_index"))).toBe("failed");
    // The primary's entry file is precached.
    expect(await get(page, "pagefind/pagefind-entry.json?ts=three")).toBe(await size("pagefind/pagefind-entry.json"));
    await context.close();
  });

  it("saves a year with its own part of the search index, shares the rest, and removes each piece when no saved year needs it", async () => {
    const fragments = await fragmentsOnDisk();
    const y2021 = await readJson<OfflineList>("offline/lists/year-2021.json");
    const y2019 = await readJson<OfflineList>("offline/lists/year-2019.json");
    const partOfYear = (year: string) => partOf([...fragments].find(([a]) => a.startsWith(`${year}/`))![1]);
    const [part2021, part2019] = [partOfYear("2021"), partOfYear("2019")];
    const pieceAt = (list: OfflineList, dir: string) => list.searchIndex.pieces.find((p) => p.dir === dir)!;
    const indexCaches = (page: Page) =>
      page.evaluate((prefix) => caches.keys().then((ks) => ks.filter((k) => k.startsWith(prefix)).sort()), names.savedIndex);
    const cacheOf = (piece: IndexPiece) => savedIndexCache(names, piece.id);

    const { context, page } = await newPage();
    const save = async (year: string) => {
      await page.goto(`${base}${year}/`);
      await waitForWorker(page);
      await page.waitForSelector("#save-offline[data-state=idle] [data-action=save]:not([hidden])");
      await page.click("#save-offline [data-action=save]");
      await page.waitForSelector("#save-offline[data-state=saved]");
    };
    const remove = async (year: string) => {
      await page.goto(`${base}${year}/`);
      await page.waitForSelector("#save-offline[data-state=saved] [data-action=remove]:not([hidden])");
      await page.click("#save-offline [data-action=remove]");
      await page.waitForSelector("#save-offline[data-state=idle]");
    };

    await save("2021");
    const shared = ["marks", "primary"].map((id) => y2021.searchIndex.pieces.find((p) => p.id === id)!);
    expect(await indexCaches(page)).toEqual([...shared, pieceAt(y2021, part2021)].map(cacheOf).sort());
    // Each piece's cache holds exactly its files (and the entry saying which version).
    for (const piece of y2021.searchIndex.pieces) {
      const keys = (await cacheKeys(page, cacheOf(piece)))!.filter((u) => !u.includes("/offline/saved/"));
      expect(keys.sort()).toEqual((await listFiles(piece)).map((f) => `${base}${f[0]}`).sort());
    }

    // Offline, the saved part's files come from the save, though search never fetched them.
    await context.setOffline(true);
    const chunk = await partFile(part2021, "index/", ".pf_index");
    expect(await get(page, chunk)).toBe(await size(chunk));
    expect(await get(page, `${part2021}pagefind-entry.json?ts=x`)).toBe(await size(`${part2021}pagefind-entry.json`));
    const fragment = fragments.get([...fragments.keys()].find((a) => a.startsWith("2021/"))!)!;
    expect(await get(page, fragment)).toBe(await size(fragment));
    expect(await get(page, await partFile(part2019, "index/", ".pf_index"))).toBe("failed");
    await context.setOffline(false);

    // Another year downloads its own files and part only: marks and primary are saved already.
    await page.goto(`${base}2019/`);
    await page.waitForSelector("#save-offline[data-state=idle] [data-action=save]:not([hidden])");
    const kB = (n: number) => `${Math.max(1, Math.round(n / 1000))} kB`;
    expect(await page.textContent("#save-offline [data-action=save]")).toContain(kB(y2019.bytes + pieceAt(y2019, part2019).bytes));
    await save("2019");
    expect(await indexCaches(page)).toEqual([...shared, pieceAt(y2021, part2021), pieceAt(y2019, part2019)].map(cacheOf).sort());

    await remove("2021");
    expect(await indexCaches(page)).toEqual([...shared, pieceAt(y2019, part2019)].map(cacheOf).sort());
    await remove("2019");
    expect(await indexCaches(page)).toEqual([]);
    await context.close();
  });
});
