import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { chromiumPath, launchBrowser } from "../helpers/browser.ts";
import { buildSite, type BuiltSite } from "../helpers/build-site.ts";
import { trackedPages, waitForWorker } from "./support/pages.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { cacheNames, type ListFile, type OfflineList } from "../../src/offline/names.ts";

/**
 * Offline reading in real Chromium against the built site on 127.0.0.1: service worker, precache,
 * runtime caches, offline page, "Lưu để đọc ngoại tuyến", updates after a rebuild; at the root and
 * under a path prefix. Every wait is on a state (worker ready, cache entry present), never on time.
 */

const ARTICLE_A = { path: "2023/06/24/nong-dan-dong-trieu-vao-mua-vai-thieu/", title: "Nông dân Đông Triều vào mùa vải thiều" };
const NEVER_VISITED = "2019/03/17/cho-phien-vung-cao-binh-lieu-mo-lai-sau-mua-mua/";
const YEAR_2021 = { listing: "2021/", article: "2021/11/05/duong-ven-bien-ha-long-cam-pha-hoan-thanh-giai-doan-mot/", title: "Đường ven biển Hạ Long – Cẩm Phả hoàn thành giai đoạn một" };
const CHANGED = { file: "2024/01/truong-hoc-moi.md", path: "2024/01/08/truong-tieu-hoc-moi-cho-tre-em-xa-dao-thang-loi/", title: "Trường tiểu học mới cho trẻ em xã đảo Thắng Lợi" };
const NEW_TEXT = "Sau bản dựng lại, trường có thêm phòng trưng bày hóa thạch khủng long.";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});


async function waitForCached(page: Page, cacheName: string, url: string): Promise<void> {
  await page.waitForFunction(async ([name, u]) => Boolean(await (await caches.open(name!)).match(u!)), [cacheName, url]);
}

async function search(page: Page, base: string, query: string): Promise<string[]> {
  await page.goto(`${base}search/`);
  await page.waitForSelector("#search-app.is-ready");
  await page.fill("#search-query", query);
  await page.waitForFunction((q) => new URL(location.href).searchParams.get("q") === q && document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done", query);
  return page.$$eval(".search-result h2 a", (as) => as.map((a) => a.textContent ?? ""));
}

const heading = (page: Page) => page.locator("h1").first().textContent();

/** The save widget's line for a list, from the interface strings (any size in kB). */
async function listInfo(title: string, articles: number): Promise<RegExp> {
  const strings = JSON.parse(await readFile("_data/strings.json", "utf8")) as { vi: Record<string, string> };
  const template = strings.vi["offlineListInfo"]!.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return new RegExp(template.replace("{title}", title).replace("{articles}", String(articles)).replace("{size}", "\\d+(,\\d)? kB"));
}

for (const prefix of ["/", "/archive/"]) {
  describe(`offline reading, path prefix ${prefix}`, () => {
    let articles: string;
    let site: BuiltSite;
    let server: Awaited<ReturnType<typeof startStaticServer>>;
    let base: string;
    const names = cacheNames(prefix);
    const newPage = trackedPages(() => browser);

    beforeAll(async () => {
      // A copy of the demo articles: the last test edits one and builds again into the same folder.
      articles = path.join(await mkdtemp(path.join(tmpdir(), "offline-articles-")), "articles");
      await cp("articles", articles, { recursive: true });
      site = await buildSite({ articles, pathPrefix: prefix });
      server = await startStaticServer({ root: site.out, pathPrefix: prefix });
      base = server.url;
    });

    afterAll(async () => {
      await server?.close();
      await rm(path.dirname(articles), { recursive: true, force: true });
      await rm(path.dirname(site.out), { recursive: true, force: true });
    });

    it("builds sw.js with the shell precached and says so", async () => {
      expect(site.stdout).toMatch(/Service worker: \d+ files precached/);
      const sw = await readFile(path.join(site.out, "sw.js"), "utf8");
      for (const f of ["index.html", "search/index.html", "offline/index.html", "pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json", "manifest.webmanifest"]) {
        expect(sw).toContain(`"url":"${f}"`);
      }
      expect(sw).toMatch(/"url":"pagefind\/wasm\.[^"]+\.pagefind"/);
      expect(sw).toMatch(/"url":"pagefind\/pagefind\.vi_[0-9a-f]+\.pf_meta"/);
      expect(sw).toMatch(/"url":"pagefind\/filter\/[^"]+\.pf_filter"/);
      expect(sw).toMatch(/"url":"assets\/style\.[0-9a-f]{10}\.css"/);
      // One index part: saving a year takes the mark shards and the whole index, every chunk of it.
      const year = JSON.parse(await readFile(path.join(site.out, "offline/lists/year-2021.json"), "utf8")) as OfflineList;
      expect(year.searchIndex.pieces.map((p) => [p.id, p.dir])).toEqual([["marks", "search/marks/"], ["primary", "pagefind/"]]);
      const primary = JSON.parse(await readFile(path.join(site.out, year.searchIndex.pieces[1]!.files), "utf8")) as ListFile[];
      const chunks = (await readdir(path.join(site.out, "pagefind/index"))).map((f) => `pagefind/index/${f}`);
      expect(chunks.length).toBeGreaterThan(0);
      expect(primary.map((f) => f[0])).toEqual(expect.arrayContaining(["pagefind/pagefind-entry.json", ...chunks]));
      const manifest = JSON.parse(await readFile(path.join(site.out, "manifest.webmanifest"), "utf8")) as { start_url: string; icons: { src: string }[] };
      expect(manifest.start_url).toBe("./");
      const png = await readFile(path.join(site.out, manifest.icons[0]!.src));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
    });

    it("keeps visited pages and search working offline, and shows the offline page for others", async () => {
      const { context, page } = await newPage();
      await page.goto(base);
      await waitForWorker(page);
      expect(await page.getAttribute('link[rel="manifest"]', "href")).toBe(`${prefix}manifest.webmanifest`);
      // Chromium's own verdict on "install to home screen": manifest, icons, worker all acceptable
      // (a test context is off the record, which alone forbids installing: that one is not the site's).
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      expect(installabilityErrors.map((e) => e.errorId)).toEqual(["in-incognito"]);
      await page.goto(`${base}${ARTICLE_A.path}`);
      expect(await search(page, base, "Đông Triều")).toContain(ARTICLE_A.title);
      await waitForCached(page, names.pages, `${base}${ARTICLE_A.path}`);
      await waitForCached(page, names.pages, `${base}search/`);

      await context.setOffline(true);
      await page.goto(`${base}${ARTICLE_A.path}`);
      await page.reload();
      expect(await heading(page)).toBe(ARTICLE_A.title);
      expect(await page.evaluate(() => getComputedStyle(document.body).marginTop)).toBe("0px"); // the stylesheet came from the precache

      // A word of the article, not the one searched online: the index chunk and its fragment are cached.
      expect(await search(page, base, "vải thiều")).toContain(ARTICLE_A.title);
      await page.click(`.search-result h2 a >> text=${ARTICLE_A.title}`);
      await page.waitForURL(/highlight=/);
      expect(await heading(page)).toBe(ARTICLE_A.title);
      await page.waitForSelector("article mark");

      // Results whose fragments were never fetched cannot be shown: the page says part of the archive is missing.
      const found = await search(page, base, "du khách");
      await page.waitForSelector(".offline-search-notice");
      expect(await page.textContent(".offline-search-notice")).toContain("ngoại tuyến");
      expect(found).not.toContain("Lễ hội biển đảo Cô Tô thu hút hàng nghìn du khách");

      await page.goto(`${base}${NEVER_VISITED}`);
      expect(await heading(page)).toBe("Bạn đang ngoại tuyến");
      expect(new URL(page.url()).pathname).toBe(`${prefix}${NEVER_VISITED}`);
      await page.waitForSelector(".offline-visited:not([hidden])");
      expect(await page.$$eval(".offline-visited a", (as) => as.map((a) => a.textContent))).toContain(ARTICLE_A.title);
      await context.close();
    });

    it("saves a year for offline reading, then removes it", async () => {
      const { context, page } = await newPage();
      await page.goto(`${base}${YEAR_2021.listing}`);
      await waitForWorker(page);
      const widget = page.locator("#save-offline");
      await page.waitForSelector("#save-offline[data-state=idle] [data-action=save]:not([hidden])");
      expect(await widget.locator(".save-offline-status").textContent()).toMatch(await listInfo("Năm 2021", 1));
      expect(await widget.locator(".save-offline-all").textContent()).toMatch(/Toàn bộ kho lưu trữ: 7 bài — \d+(,\d)? kB\./);
      expect(await widget.locator("[data-action=save-all]").isVisible()).toBe(true);
      await widget.locator("[data-action=save]").click();
      await page.waitForSelector("#save-offline[data-state=saved]");
      expect(await widget.locator(".save-offline-status").textContent()).toContain("Đã lưu Năm 2021 (1 bài");
      expect(await widget.locator("[data-action=remove]").isVisible()).toBe(true);

      await context.setOffline(true);
      await page.goto(`${base}${YEAR_2021.article}`);
      expect(await heading(page)).toBe(YEAR_2021.title);
      await page.goto(`${base}2021/11/`);
      expect(await heading(page)).toBe("Tháng 11/2021");
      // The whole index was saved: a word of the saved year's article finds it offline.
      expect(await search(page, base, "Cẩm Phả")).toContain(YEAR_2021.title);

      await page.goto(`${base}${YEAR_2021.listing}`);
      await page.waitForSelector("#save-offline[data-state=saved] [data-action=remove]:not([hidden])");
      await widget.locator("[data-action=remove]").click();
      await page.waitForSelector("#save-offline[data-state=idle]");
      const left = await page.evaluate((prefixOfNames) => caches.keys().then((ks) => ks.filter((k) => k.startsWith(prefixOfNames))), names.savedPrefix);
      expect(left).toEqual([]);
      // No saved list needs the search index any more: every piece of it went too.
      expect(await page.evaluate((n) => caches.keys().then((ks) => ks.filter((k) => k.startsWith(n))), names.savedIndex)).toEqual([]);
      await context.close();
    });

    it("brings a rebuilt article to a returning reader within two loads, and drops the old build's files", async () => {
      const { context, page } = await newPage();
      const url = `${base}${CHANGED.path}`;
      // The first page opened, before any worker controlled it, is kept too.
      await page.goto(url);
      await waitForWorker(page);
      await waitForCached(page, names.pages, url);
      const precache = await page.evaluate(() => caches.keys().then((ks) => ks.find((k) => k.startsWith("workbox-precache"))));
      expect(precache).toBeDefined();
      const precached = () => page.evaluate((n) => caches.open(n).then((c) => c.keys()).then((rs) => rs.map((r) => new URL(r.url).pathname)), precache!);
      const oldMeta = (await precached()).find((p) => p.endsWith(".pf_meta"));
      expect(oldMeta).toBeDefined();

      await context.setOffline(true);
      await page.reload();
      // The heading first: every page has one, so a wrong page (the offline page) fails here, named, at once.
      expect(await heading(page)).toBe(CHANGED.title);
      expect(await page.textContent("article")).not.toContain(NEW_TEXT);

      // A new build: the article changes, the search index with it.
      const file = path.join(articles, CHANGED.file);
      await writeFile(file, `${(await readFile(file, "utf8")).trimEnd()}\n\n${NEW_TEXT}\n`);
      await buildSite({ articles, pathPrefix: prefix, out: site.out });

      await context.setOffline(false);
      // This page came from the cache: when the new build's worker takes over, it offers a reload.
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      await page.waitForSelector(".offline-update button");
      expect(await page.textContent(".offline-update")).toContain("phiên bản mới");
      let loads = 0;
      let text = "";
      while (loads < 2 && !text.includes(NEW_TEXT)) {
        await page.reload();
        loads++;
        expect(await heading(page)).toBe(CHANGED.title);
        text = (await page.textContent("article")) ?? "";
      }
      expect(text).toContain(NEW_TEXT);

      // The new worker takes over and its precache drops the old build's index files.
      await page.waitForFunction(async ([n, old]) => {
        const paths = (await (await caches.open(n!)).keys()).map((r) => new URL(r.url).pathname);
        return !paths.includes(old!) && paths.some((p) => p.endsWith(".pf_meta"));
      }, [precache, oldMeta]);
      expect(await search(page, base, "khủng long")).toContain(CHANGED.title);
      await context.close();
    });
  });
}

describe("without service workers", () => {
  let site: BuiltSite;
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  beforeAll(async () => {
    site = await buildSite({ articles: "articles" });
    server = await startStaticServer({ root: site.out });
  });
  afterAll(async () => {
    await server?.close();
    await rm(path.dirname(site.out), { recursive: true, force: true });
  });

  const check = async (page: Page, base: string) => {
    const errors: Error[] = [];
    page.on("pageerror", (e) => errors.push(e));
    await page.goto(`${base}${YEAR_2021.listing}`);
    expect(await page.locator("#save-offline").isHidden()).toBe(true);
    expect(await search(page, base, "vải thiều")).toContain(ARTICLE_A.title);
    await page.goto(`${base}${ARTICLE_A.path}`);
    expect(await heading(page)).toBe(ARTICLE_A.title);
    expect(errors).toEqual([]);
  };

  it("works as a plain website when service workers are blocked (private modes, policies)", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await check(page, server.url);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    await context.close();
  });

  it("works over plain HTTP on another host, where browsers offer no service worker", async () => {
    const port = new URL(server.url).port;
    const insecure = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", `--host-resolver-rules=MAP archive.test 127.0.0.1`],
    });
    try {
      const page = await insecure.newPage();
      await check(page, `http://archive.test:${port}/`);
      expect(await page.evaluate(() => [window.isSecureContext, "serviceWorker" in navigator])).toEqual([false, false]);
    } finally {
      await insecure.close();
    }
  });
});
