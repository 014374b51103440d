import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { buildSite, type BuiltSite } from "../helpers/build-site.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { articleText, writeArticle } from "../helpers/articles.ts";
import { tempDir } from "../helpers/cli.ts";

let site: BuiltSite;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;

beforeAll(async () => {
  site = await buildSite({ articles: "articles" });
  server = await startStaticServer({ root: site.out });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function searchFor(page: Page, query: string): Promise<void> {
  await page.goto(`${server.url}search/`);
  await page.waitForSelector("#search-app.is-ready");
  await page.fill("#search-query", query);
  await page.waitForFunction((q) => new URL(location.href).searchParams.get("q") === q && document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done", query);
}

const resultTitles = (page: Page) => page.$$eval(".search-result h2 a", (as) => as.map((a) => a.textContent ?? ""));

describe("search index", () => {
  it("prints how many pages it indexed and indexes exactly the articles", async () => {
    const entry = JSON.parse(await readFile(path.join(site.out, "pagefind", "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
    const indexed = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    const articleCount = Number(/Built (\d+) articles/.exec(site.stdout)?.[1]);
    expect(articleCount).toBeGreaterThan(5);
    expect(indexed).toBe(articleCount);
    // "… pages indexed." or, since the index is built in parts, "… pages indexed in 1 part(s).".
    expect(site.stdout).toContain(`Search index: ${indexed} pages indexed`);
  });

  it("returns only article pages, never a listing, for a word that is on every page", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}search/`);
    // A string, not a function: the test runner rewrites import() inside functions it compiles.
    const urls = await page.evaluate<string[]>(`(async () => {
      const pf = await import("${new URL(server.url).pathname}pagefind/pagefind.js");
      const words = await pf.search("kho lưu trữ");
      const all = await pf.search(null, { sort: { date: "desc" } });
      const data = await Promise.all([...words.results, ...all.results].map((r) => r.data()));
      return data.map((d) => d.url);
    })()`);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.replace(/\?.*$/, ""), url).toMatch(/^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/);
    await page.close();
  });
});

describe("search page", () => {
  it("shows results with title, section, date and highlighted excerpt, and keeps the query in the address", async () => {
    const page = await browser.newPage();
    await searchFor(page, "vải thiều");
    expect(await resultTitles(page)).toContain("Nông dân Đông Triều vào mùa vải thiều");
    const first = page.locator(".search-result").first();
    expect(await first.locator(".kicker").textContent()).toBe("Kinh tế");
    expect(await first.locator(".meta").textContent()).toBe("24/06/2023");
    expect(await first.locator(".excerpt mark").count()).toBeGreaterThan(0);
    expect(await page.locator(".search-status").textContent()).toMatch(/^\d+ kết quả$/);
    await page.close();
  });

  it("finds an article with đ from a query typed without marks", async () => {
    const page = await browser.newPage();
    await searchFor(page, "dong trieu");
    expect(await resultTitles(page)).toContain("Nông dân Đông Triều vào mùa vải thiều");
    expect(await page.locator(".search-notice").textContent()).toContain("đông triều");
    await page.close();
  });

  it("filters by section with counts, sorts by newest, and the back button restores the previous search", async () => {
    const page = await browser.newPage();
    await searchFor(page, "du khách");
    const before = await resultTitles(page);
    expect(before.length).toBeGreaterThan(1);
    const box = page.locator('.search-filters input[name=section][value="Văn hóa"]');
    expect(await page.locator('.search-filters label:has(input[value="Văn hóa"]) .count').textContent()).toMatch(/^\(\d+\)$/);
    await box.check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("section") === "Văn hóa" && document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done");
    const filtered = await resultTitles(page);
    expect(filtered).toEqual(["Lễ hội biển đảo Cô Tô thu hút hàng nghìn du khách"]);

    await page.goBack();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has("section"));
    await page.waitForFunction((n) => document.querySelectorAll(".search-result").length === n, before.length);
    expect(await page.locator('.search-filters input[value="Văn hóa"]').isChecked()).toBe(false);

    await page.selectOption("#search-sort", "newest");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("sort") === "newest" && document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done");
    const dates = await page.$$eval(".search-result .meta", (ps) => ps.map((p) => (p.textContent ?? "").split("/").reverse().join("")));
    expect(dates).toEqual([...dates].sort().reverse());
    await page.close();
  });

  it("lists a filter's articles newest first when there is no query", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}search/?author=${encodeURIComponent("Phạm Thu Hà")}`);
    await page.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done");
    expect(await resultTitles(page)).toEqual([
      "Nông dân Đông Triều vào mùa vải thiều",
      "Đường ven biển Hạ Long – Cẩm Phả hoàn thành giai đoạn một",
    ]);
    await page.close();
  });

  it("matches a quoted phrase as a phrase, also when typed without marks", async () => {
    const page = await browser.newPage();
    await searchFor(page, '"dang vien"');
    expect(await resultTitles(page)).toEqual(["Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên"]);
    await searchFor(page, '"tổ chức chất lượng"');
    expect(await resultTitles(page)).toEqual([]);
    expect(await page.locator(".search-status").textContent()).toBe("Không tìm thấy bài nào phù hợp.");
    await page.close();
  });

  it("runs a fully marked query exactly as typed", async () => {
    const page = await browser.newPage();
    await searchFor(page, "Hạ Long");
    expect(await page.locator(".search-notice").textContent()).toBe("");
    const shown = await resultTitles(page);
    const plain = await page.evaluate<string[]>(`(async () => {
      const pf = await import("${new URL(server.url).pathname}pagefind/pagefind.js");
      const res = await pf.search("Hạ Long");
      return Promise.all(res.results.slice(0, 10).map(async (r) => (await r.data()).meta.title));
    })()`);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(plain);
    await page.close();
  });

  it("opens a result with the searched words highlighted on the article page", async () => {
    const page = await browser.newPage();
    await searchFor(page, "vải thiều");
    await page.click(".search-result h2 a >> text=Nông dân Đông Triều vào mùa vải thiều");
    await page.waitForURL(/highlight=/);
    await page.waitForSelector("article mark");
    const marked = await page.$$eval("article mark", (ms) => ms.map((m) => m.textContent?.toLowerCase()));
    expect(marked).toContain("vải");
    await page.close();
  });
});

describe("search under a path prefix", () => {
  let prefixed: BuiltSite;
  let prefixedServer: Awaited<ReturnType<typeof startStaticServer>>;
  beforeAll(async () => {
    prefixed = await buildSite({ articles: "articles", pathPrefix: "/archive/" });
    prefixedServer = await startStaticServer({ root: prefixed.out, pathPrefix: "/archive/" });
  });
  afterAll(async () => {
    await prefixedServer?.close();
  });

  it("finds articles and links them under the prefix", async () => {
    const page = await browser.newPage();
    await page.goto(`${prefixedServer.url}search/?q=dong+trieu`);
    await page.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done");
    const links = await page.$$eval(".search-result h2 a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(/^\/archive\/\d{4}\//);
    await page.click(".search-result h2 a");
    await page.waitForSelector("article h1");
    expect(new URL(page.url()).pathname).toMatch(/^\/archive\/2023\/06\/24\//);
    await page.close();
  });
});

describe("search results paging", () => {
  let many: BuiltSite;
  let manyServer: Awaited<ReturnType<typeof startStaticServer>>;
  const articles = tempDir("search-paging-");
  beforeAll(async () => {
    for (let i = 1; i <= 25; i++) {
      const day = String(i).padStart(2, "0");
      writeArticle(articles.dir, `a${day}.md`, articleText({ title: `Phiên chợ quê số ${i}`, date: `2020-03-${day}T08:00:00+07:00`, section: "Đời sống" }, `Phiên chợ quê họp sớm, lần thứ ${i}.`));
    }
    many = await buildSite({ articles: articles.dir });
    manyServer = await startStaticServer({ root: many.out });
  });
  afterAll(async () => {
    await manyServer?.close();
    articles.cleanup();
  });

  it("shows the total, ten results at a time, and loads more until all are shown", async () => {
    const page = await browser.newPage();
    await page.goto(`${manyServer.url}search/?q=ch%E1%BB%A3+qu%C3%AA&sort=newest`);
    await page.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done");
    expect(await page.locator(".search-status").textContent()).toBe("25 kết quả");
    expect(await page.locator(".search-result").count()).toBe(10);
    await page.click(".search-more");
    await page.waitForFunction(() => document.querySelectorAll(".search-result").length === 20);
    await page.click(".search-more");
    await page.waitForFunction(() => document.querySelectorAll(".search-result").length === 25);
    expect(await page.locator(".search-more").isHidden()).toBe(true);
    const titles = await resultTitles(page);
    expect(titles[0]).toBe("Phiên chợ quê số 25");
    expect(titles.at(-1)).toBe("Phiên chợ quê số 1");
    expect(new Set(titles).size).toBe(25);
    await page.close();
  });
});
