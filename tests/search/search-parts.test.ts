import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { buildSite, type BuiltSite } from "../helpers/build-site.ts";
import { articleText, tempDir, writeArticle } from "../helpers/index.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";

/**
 * The search page over an index built in parts: the first search loads only the newest part, older
 * parts are merged as a search needs them (to fill the page, for a year filter, or when the reader
 * asks for the earlier years), and results, counts and orders are those of the whole index.
 *
 * The archive: the word "cảng" in 3 articles of 2018, 3 of 2019, 4 of 2020, 2 of 2021 and 11 of 2022
 * (23 in all), and two articles without it. With parts of at least 3 articles (closed at a year's
 * end) that is four parts: 2018, 2019, 2020, and the primary index with 2021–2022 (13 matches).
 */
const WORD = "cảng";
const PER_YEAR: Record<string, number> = { "2018": 3, "2019": 3, "2020": 4, "2021": 2, "2022": 11 };
const MATCHES = Object.values(PER_YEAR).reduce((a, b) => a + b, 0);

const articles = tempDir("search-parts");
let parted: BuiltSite;
let whole: BuiltSite;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let wholeServer: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
/** Paths the parted site's server was asked for (the Pagefind worker's requests too), since the last test began. */
let requested: string[] = [];

beforeAll(async () => {
  for (const [year, count] of Object.entries(PER_YEAR)) {
    for (let i = 1; i <= count; i++) {
      // One month a year (parts are made of whole months); distinct days, so every date order is unambiguous.
      const date = `${year}-06-${String(10 + i).padStart(2, "0")}T08:00:00+07:00`;
      writeArticle(articles.dir, `${year}/cang-${i}.md`, articleText(
        { title: `Tin ${WORD} ${year} số ${i}`, date, section: i % 2 === 0 ? "Kinh tế" : "Thời sự" },
        `Tàu hàng cập ${WORD} Cái Lân, chuyến thứ ${i} của năm ${year}.`,
      ));
    }
  }
  writeArticle(articles.dir, "2018/cho.md", articleText({ title: "Phiên chợ quê năm 2018", date: "2018-06-30T08:00:00+07:00", section: "Đời sống" }, "Phiên chợ quê họp sớm."));
  writeArticle(articles.dir, "2022/cho.md", articleText({ title: "Phiên chợ quê năm 2022", date: "2022-06-30T08:00:00+07:00", section: "Đời sống" }, "Phiên chợ quê họp sớm."));
  [parted, whole] = await Promise.all([
    buildSite({ articles: articles.dir, searchPartSize: 3 }),
    buildSite({ articles: articles.dir }),
  ]);
  server = await startStaticServer({ root: parted.out });
  server.server.on("request", (req) => requested.push(new URL(req.url ?? "/", server.url).pathname));
  wholeServer = await startStaticServer({ root: whole.out });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await wholeServer?.close();
  for (const site of [parted, whole]) if (site) await rm(path.dirname(site.out), { recursive: true, force: true });
  articles.cleanup();
});

beforeEach(() => {
  requested = [];
});

/** A fresh profile (empty cache) with service workers off: only what the search itself fetches reaches the server. */
async function open(base: string, query: string): Promise<Page> {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`${base}search/${query}`);
  await done(page);
  return page;
}

const done = (page: Page) => page.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done");
const close = (page: Page) => page.context().close();
const status = (page: Page) => page.locator(".search-status").textContent();
const titles = (page: Page) => page.$$eval(".search-result h2 a", (as) => as.map((a) => a.textContent ?? ""));
/** Result dates as `yyyymmdd`, in the order shown. */
const dates = (page: Page) => page.$$eval(".search-result .meta", (ps) => ps.map((p) => (p.textContent ?? "").split("/").reverse().join("")));
const resultCount = (page: Page) => page.locator(".search-result").count();
async function loadMore(page: Page): Promise<void> {
  const before = await resultCount(page);
  await page.click(".search-more");
  await page.waitForFunction((n) => document.querySelectorAll(".search-result").length > n, before);
}

/** The index parts the page fetched anything of: `2019-01_2019-03` for `pagefind/parts/2019-01_2019-03/…`. */
const partsFetched = () => [...new Set(requested.flatMap((p) => /\/pagefind\/parts\/([^/]+)\//.exec(p)?.[1] ?? []))].sort();
const yearOf = (part: string) => part.slice(0, 4);
const byDate = (ds: string[], order: "asc" | "desc") => [...ds].sort((a, b) => (order === "asc" ? a.localeCompare(b) : b.localeCompare(a)));

describe("search over an index in parts", () => {
  it("is built as the primary index (2021–2022) and three older parts, or as one index", async () => {
    expect((await readdir(path.join(parted.out, "pagefind", "parts"))).map(yearOf).sort()).toEqual(["2018", "2019", "2020"]);
    expect(existsSync(path.join(whole.out, "pagefind", "parts"))).toBe(false);
  });

  it("answers a first search from the newest part alone, says which years it covers, and the button searches the rest", async () => {
    const page = await open(server.url, `?q=${encodeURIComponent(WORD)}`);
    expect(partsFetched()).toEqual([]);
    expect(requested.filter((p) => p.includes("/pagefind/")).length).toBeGreaterThan(0);
    expect(await status(page)).toBe("13 kết quả trong các năm 2021–2022");
    const widen = page.locator(".search-widen");
    expect(await widen.isVisible()).toBe(true);
    expect(await widen.textContent()).toBe("Tìm cả các năm trước (2018–2020)");
    expect((await dates(page)).every((d) => d >= "2021")).toBe(true);
    expect(await resultCount(page)).toBe(10);

    await widen.click();
    await page.waitForFunction(() => !document.querySelector(".search-status")?.textContent?.includes("trong các năm"));
    await done(page);
    expect(await status(page)).toBe(`${MATCHES} kết quả`);
    expect(await widen.isHidden()).toBe(true);
    expect(partsFetched().map(yearOf)).toEqual(["2018", "2019", "2020"]);

    // The same count as the same archive indexed in one part.
    const single = await open(wholeServer.url, `?q=${encodeURIComponent(WORD)}`);
    expect(await status(single)).toBe(`${MATCHES} kết quả`);
    await close(single);
    await close(page);
  });

  it("with a year filter, fetches only the parts holding that year and shows only its articles", async () => {
    const page = await open(server.url, `?q=${encodeURIComponent(WORD)}&year=2019`);
    expect(partsFetched().map(yearOf)).toEqual(["2019"]);
    expect(await status(page)).toBe("3 kết quả");
    expect(await titles(page)).toEqual(expect.arrayContaining([`Tin ${WORD} 2019 số 1`, `Tin ${WORD} 2019 số 2`, `Tin ${WORD} 2019 số 3`]));
    expect((await dates(page)).map((d) => d.slice(0, 4))).toEqual(["2019", "2019", "2019"]);
    await page.waitForSelector('.search-filters input[name=year][value="2019"]:checked');
    await close(page);
  });

  it("offers the years not searched yet in the year filter, without a count, and choosing one searches that year's part", async () => {
    const page = await open(server.url, `?q=${encodeURIComponent(WORD)}`);
    await page.waitForSelector('.search-filters input[name=year][value="2018"]');
    const years = await page.$$eval(".search-filters input[name=year]", (boxes) => boxes.map((b) => {
      const label = b.closest("label");
      return `${(b as HTMLInputElement).value}${label?.querySelector(".count") ? ` ${label.querySelector(".count")?.textContent}` : ""}`;
    }));
    // Searched: 2022 and 2021 with their counts; not searched yet: 2020, 2019, 2018, no count.
    expect(years).toEqual(["2022 (11)", "2021 (2)", "2020", "2019", "2018"]);
    expect(partsFetched()).toEqual([]);
    requested = [];
    await page.click('.search-filters input[name=year][value="2018"]');
    await page.waitForFunction(() => location.search.includes("year=2018"));
    await done(page);
    await page.waitForFunction(() => document.querySelector(".search-status")?.textContent === "3 kết quả");
    expect(partsFetched().map(yearOf)).toEqual(["2018"]);
    expect((await dates(page)).map((d) => d.slice(0, 4))).toEqual(["2018", "2018", "2018"]);
    await close(page);
  });

  it("sorted oldest first, merges from the oldest part and shows the oldest article first, in date order across parts", async () => {
    const page = await open(server.url, `?q=${encodeURIComponent(WORD)}&sort=oldest`);
    expect((await titles(page))[0]).toBe(`Tin ${WORD} 2018 số 1`);
    let shown = await dates(page);
    expect(shown).toEqual(byDate(shown, "asc"));
    expect(shown.map((d) => d.slice(0, 4))).toEqual([...Array(3).fill("2018"), ...Array(3).fill("2019"), ...Array(4).fill("2020")]);
    await loadMore(page);
    await loadMore(page);
    shown = await dates(page);
    expect(shown).toHaveLength(MATCHES);
    expect(shown).toEqual(byDate(shown, "asc"));
    expect(await page.locator(".search-more").isHidden()).toBe(true);
    await close(page);
  });

  it("'more results' merges the next parts when the newest runs out, never showing a result twice", async () => {
    const page = await open(server.url, `?q=${encodeURIComponent(WORD)}`);
    expect(await resultCount(page)).toBe(10);
    await loadMore(page);
    // 13 in the primary index, then 2020 (4 more: 17) and 2019 (3 more: 20) fill the second page; 2018 is not needed.
    expect(partsFetched().map(yearOf)).toEqual(["2019", "2020"]);
    expect(await status(page)).toBe("20 kết quả trong các năm 2019–2022");
    let shown = await titles(page);
    expect(shown).toHaveLength(20);
    expect(new Set(shown).size).toBe(20);
    await loadMore(page);
    shown = await titles(page);
    expect(shown).toHaveLength(MATCHES);
    expect(new Set(shown).size).toBe(MATCHES);
    expect(await status(page)).toBe(`${MATCHES} kết quả`);
    expect(await page.locator(".search-more").isHidden()).toBe(true);
    await close(page);
  });

  it("newest first, the second page continues into the older parts in date order", async () => {
    const page = await open(server.url, `?q=${encodeURIComponent(WORD)}&sort=newest`);
    expect(partsFetched()).toEqual([]);
    await loadMore(page);
    const shown = await dates(page);
    expect(shown).toHaveLength(20);
    expect(new Set(shown).size).toBe(20);
    expect(shown).toEqual(byDate(shown, "desc"));
    expect(shown.map((d) => d.slice(0, 4)).slice(10)).toEqual(["2022", "2021", "2021", ...Array(4).fill("2020"), ...Array(3).fill("2019")]);
    await close(page);
  });

  it("skips a part that cannot be fetched, says so, and the page keeps working", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.route(/\/pagefind\/parts\/2019-/, (route) => route.abort("internetdisconnected"));
    await page.goto(`${server.url}search/?q=${encodeURIComponent(WORD)}`);
    await done(page);
    await page.click(".search-widen");
    await page.waitForFunction(() => document.querySelector(".search-status")?.textContent?.includes("Không tải được"));
    await done(page);
    expect(await status(page)).toBe(`${MATCHES - 3} kết quả Không tải được chỉ mục tìm kiếm của các năm 2019 (có thể do mất mạng), nên kết quả chưa có bài của những năm này.`);
    expect(await page.locator(".search-widen").isHidden()).toBe(true);
    // Still searching: a section filter over what could be loaded.
    await page.locator('.search-filters input[name=section][value="Kinh tế"]').check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("section") === "Kinh tế");
    await done(page);
    const years = (await dates(page)).map((d) => d.slice(0, 4));
    expect(years.length).toBeGreaterThan(0);
    expect(years).not.toContain("2019");
    expect(years).toContain("2018");
    await context.close();
  });
});
