import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { cacheControlFor, contentTypeFor } from "../../../src/serve/headers.ts";
import { launchBrowser } from "../../helpers/browser.ts";
import { buildSite } from "../../helpers/build-site.ts";
import { get, mapLimit, type RawResponse } from "./http.ts";
import { startNginx, type RunningNginx } from "./nginx.ts";
import { startPreview, type RunningPreview } from "./preview.ts";
import { addProbeFiles, addressesOf, EXTRA_ARTICLES, listFiles, tempDir, writeArticlesWithPaging } from "./site.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
const HTML = "text/html; charset=utf-8";

/**
 * The demo archive (plus enough articles for a page 2) built with `--path-prefix prefix`, published the
 * way deploy/README.md says (the site in <root>/ or <root>/archive/) and served by a real nginx with
 * deploy/nginx.conf, and by `npm run serve` on the same folder.
 */
export function hostedSiteSuite(prefix: "/" | "/archive/"): void {
  const tmp = tempDir(prefix === "/" ? "root" : "prefix");
  const www = path.join(tmp.dir, "www");
  const out = prefix === "/" ? www : path.join(www, prefix.slice(1, -1));
  let files: string[];
  let nginx: RunningNginx | undefined;
  let preview: RunningPreview | undefined;
  let browser: Browser | undefined;
  /** `http://127.0.0.1:PORT/archive/` */
  let base: string;

  beforeAll(async () => {
    const articles = path.join(tmp.dir, "articles");
    writeArticlesWithPaging(articles);
    await buildSite({ articles, out, pathPrefix: prefix });
    addProbeFiles(out);
    files = listFiles(out);
    nginx = await startNginx({ root: www, errorPage: `${prefix}404.html` });
    base = `${nginx.origin}${prefix}`;
    preview = await startPreview({ out, pathPrefix: prefix });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    await nginx?.stop();
    tmp.cleanup();
  });

  const url = (address: string) => `${base}${address.replace(/^\//, "")}`;
  const fileOf = (pattern: RegExp) => {
    const f = files.find((x) => pattern.test(x));
    if (!f) throw new Error(`the build has no file matching ${pattern}`);
    return f;
  };

  describe(`nginx with deploy/nginx.conf, site at ${prefix}`, () => {
    it("serves every file, and every folder address, with the content type and Cache-Control of src/serve/headers.ts", async () => {
      const addresses = addressesOf(files);
      expect(addresses.length).toBeGreaterThan(150);
      const wrong = (await mapLimit(addresses, 8, async (address) => {
        const res = await get(url(address));
        const file = address.endsWith("/") ? `${address}index.html` : address;
        const expected = {
          status: 200,
          type: contentTypeFor(file),
          cache: cacheControlFor(address),
          nosniff: "nosniff",
          same: true,
        };
        const actual = {
          status: res.status,
          type: res.headers["content-type"],
          cache: res.headers["cache-control"],
          nosniff: res.headers["x-content-type-options"],
          same: res.body.equals(readFileSync(path.join(out, file))),
        };
        return JSON.stringify(actual) === JSON.stringify(expected) ? null : `${address}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`;
      })).filter((x) => x !== null);
      expect(wrong).toEqual([]);
    });

    it("sends the right types and cache rules for the hard cases", async () => {
      const cases: Array<[string, string, string]> = [
        ["/", HTML, "no-cache"],
        [`/${fileOf(/^2023\/06\/24\/[^/]+\/index\.html$/).replace(/index\.html$/, "")}`, HTML, "no-cache"],
        ["/page/2/", HTML, "no-cache"],
        ["/404.html", HTML, "no-cache"],
        [`/${fileOf(/^pagefind\/wasm\.[^/]+\.pagefind$/)}`, "application/wasm", "no-cache"],
        ["/pagefind/pagefind.js", "text/javascript; charset=utf-8", "no-cache"],
        ["/pagefind/pagefind-worker.js", "text/javascript; charset=utf-8", "no-cache"],
        ["/pagefind/pagefind-entry.json", "application/json; charset=utf-8", "no-cache"],
        [`/${fileOf(/^pagefind\/pagefind\.[^/]+\.pf_meta$/)}`, "application/octet-stream", IMMUTABLE],
        [`/${fileOf(/^pagefind\/index\/[^/]+\.pf_index$/)}`, "application/octet-stream", IMMUTABLE],
        [`/${fileOf(/^pagefind\/fragment\/[^/]+\.pf_fragment$/)}`, "application/octet-stream", IMMUTABLE],
        [`/${fileOf(/^pagefind\/filter\/[^/]+\.pf_filter$/)}`, "application/octet-stream", IMMUTABLE],
        [`/${fileOf(/^assets\/style\.[0-9a-f]{10}\.css$/)}`, "text/css; charset=utf-8", IMMUTABLE],
        [`/${fileOf(/^assets\/search\.[0-9a-f]{10}\.js$/)}`, "text/javascript; charset=utf-8", IMMUTABLE],
        [`/${fileOf(/^search\/marks\/[^/]+\.[0-9a-f]{10}\.json$/)}`, "application/json; charset=utf-8", IMMUTABLE],
        ["/sw.js", "text/javascript; charset=utf-8", "no-cache"],
        ["/feed.xml", "application/xml; charset=utf-8", "public, max-age=3600"],
        ["/feed.json", "application/json; charset=utf-8", "public, max-age=3600"],
        ["/media/probe/probe.wasm", "application/wasm", "public, max-age=3600"],
      ];
      for (const [address, type, cache] of cases) {
        const res = await get(url(address));
        expect([address, res.status, res.headers["content-type"], res.headers["cache-control"]]).toEqual([address, 200, type, cache]);
      }
    });

    it("answers a revalidation of a page or the service worker with 304", async () => {
      for (const address of ["/", "/sw.js", "/pagefind/pagefind.js"]) {
        const first = await get(url(address));
        expect(first.headers["etag"], address).toBeTruthy();
        const byTag = await get(url(address), { "if-none-match": first.headers["etag"]! });
        const byDate = await get(url(address), { "if-modified-since": first.headers["last-modified"]! });
        expect([address, byTag.status, byDate.status, byTag.body.length]).toEqual([address, 304, 304, 0]);
        expect(byTag.headers["cache-control"]).toBe(first.headers["cache-control"]);
      }
    });

    it("compresses pages, styles, scripts and feeds, not Pagefind's already-compressed files", async () => {
      const gz = { "accept-encoding": "gzip" };
      for (const address of ["/", "/feed.xml", `/${fileOf(/^assets\/style\..*\.css$/)}`, "/pagefind/pagefind.js"]) {
        const res = await get(url(address), gz);
        expect([address, res.headers["content-encoding"], res.headers["vary"]]).toEqual([address, "gzip", "Accept-Encoding"]);
      }
      for (const address of [`/${fileOf(/\.pf_fragment$/)}`, `/${fileOf(/^pagefind\/wasm\./)}`]) {
        expect((await get(url(address), gz)).headers["content-encoding"], address).toBeUndefined();
      }
    });

    it("answers an unknown address with the 404 page, a folder without its slash with a 301, and hides dotfiles", async () => {
      const notFound = readFileSync(path.join(out, "404.html"));
      for (const address of ["/khong-co-trang-nay/", "/2023/06/24/khong-co/", "/pagefind/khong-co.pf_fragment", "/.archive-build", "/.archive-cache", `/${fileOf(/^\.archive-search\/[^/]+\.records$/)}`]) {
        const res = await get(url(address));
        expect([address, res.status, res.headers["content-type"], res.headers["cache-control"]]).toEqual([address, 404, HTML, "no-cache"]);
        expect(res.body.equals(notFound), address).toBe(true);
      }
      const moved = await get(url("/2023/06?x=1"));
      expect([moved.status, moved.headers["location"]]).toEqual([301, `${prefix}2023/06/?x=1`]);
    });
  });

  describe(`in Chromium, through nginx, site at ${prefix}`, () => {
    /** Everything that went wrong while a page was open: failed requests, error statuses, console errors. */
    const watchPage = async (allow404 = false): Promise<{ page: Page; problems: string[]; responses: Map<string, string> }> => {
      const page = await browser!.newPage();
      const problems: string[] = [];
      const responses = new Map<string, string>();
      page.on("requestfailed", (r) => {
        // Leaving a page cancels what it was still fetching (net::ERR_ABORTED): not a failure of the host.
        if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`failed ${r.url()}: ${r.failure()?.errorText}`);
      });
      page.on("response", (r) => {
        responses.set(r.url(), r.headers()["content-type"] ?? "");
        if (r.status() >= 400 && !(allow404 && r.status() === 404 && r.request().resourceType() === "document")) problems.push(`${r.status()} ${r.url()}`);
      });
      page.on("console", (m) => {
        if (m.type() !== "error" && m.type() !== "warning") return;
        const at = m.location().url;
        // The site ships no favicon: Chromium's automatic /favicon.ico request is no deployment's concern.
        if (new URL(at || "http://x/").pathname === "/favicon.ico") return;
        // The 404 page's own status is logged as an error; it is what this page is meant to answer.
        if (allow404 && at === page.url() && /status of 404/.test(m.text())) return;
        problems.push(`console ${m.type()}: ${m.text()} (${at})`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      return { page, problems, responses };
    };

    it("shows the home page, its page 2 and an article, with the stylesheet", async () => {
      const { page, problems } = await watchPage();
      await page.goto(base);
      expect(await page.locator(".article-item").count()).toBe(20);
      await page.click('nav.pagination a[rel="next"]');
      await page.waitForURL(`${base}page/2/`);
      expect(await page.locator(".article-item").count()).toBe(7 + EXTRA_ARTICLES - 20);
      const title = await page.locator(".article-item h2 a").first().textContent();
      await page.locator(".article-item h2 a").first().click();
      await page.waitForSelector("article h1");
      expect(await page.locator("article h1").textContent()).toBe(title);
      expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${prefix}\\d{4}/\\d{2}/\\d{2}/[^/]+/$`));
      // The stylesheet applied: the skip link is moved off-screen by it.
      expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
      expect(await page.locator("a.skip").evaluate((a) => getComputedStyle(a).position)).not.toBe("static");
      expect(problems).toEqual([]);
      await page.close();
    });

    it("searches with results, fetching Pagefind's WebAssembly as application/wasm, and opens a result", async () => {
      const { page, problems, responses } = await watchPage();
      await page.goto(`${base}search/`);
      await page.waitForSelector("#search-app.is-ready");
      await page.fill("#search-query", "vải thiều");
      await page.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done" && new URL(location.href).searchParams.get("q") === "vải thiều");
      const titles = await page.$$eval(".search-result h2 a", (as) => as.map((a) => a.textContent ?? ""));
      expect(titles).toContain("Nông dân Đông Triều vào mùa vải thiều");
      const wasm = [...responses].filter(([u]) => /\/pagefind\/wasm\.[^/]+\.pagefind$/.test(new URL(u).pathname));
      expect(wasm.map(([, type]) => type)).toEqual(["application/wasm"]);
      expect([...responses.keys()].some((u) => new URL(u).pathname.endsWith(".pf_fragment"))).toBe(true);
      await page.click(".search-result h2 a >> text=Nông dân Đông Triều vào mùa vải thiều");
      await page.waitForSelector("article mark");
      expect(new URL(page.url()).pathname.startsWith(`${prefix}2023/06/24/`)).toBe(true);
      expect(problems).toEqual([]);
      await page.close();
    });

    it("shows the 404 page, styled and with a working search form, for an unknown address", async () => {
      const { page, problems } = await watchPage(true);
      const res = await page.goto(`${base}2019/khong-co-bai-nay/`);
      expect(res?.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Không tìm thấy trang");
      expect(await page.locator("a.skip").evaluate((a) => getComputedStyle(a).position)).not.toBe("static");
      await page.fill("#site-search-notfound", "vải thiều");
      await page.press("#site-search-notfound", "Enter");
      await page.waitForURL(/\/search\/\?q=/);
      expect(new URL(page.url()).pathname).toBe(`${prefix}search/`);
      await page.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done");
      expect(await page.locator(".search-result").count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      await page.close();
    });

    it("opens the feeds the pages link to: Atom, JSON Feed and a section's Atom feed", async () => {
      const { page, problems } = await watchPage();
      await page.goto(base);
      const atomHref = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
      const jsonHref = await page.locator('link[rel="alternate"][type="application/feed+json"]').getAttribute("href");
      expect([atomHref, jsonHref]).toEqual([`${prefix}feed.xml`, `${prefix}feed.json`]);
      await page.goto(`${base}sections/`);
      await page.locator("main a[href*='/sections/']").first().click();
      const sectionFeed = await page.locator('link[rel="alternate"][type="application/atom+xml"][title]').last().getAttribute("href");
      expect(sectionFeed).toMatch(new RegExp(`^${prefix}sections/[^/]+/feed\\.xml$`));

      for (const href of [atomHref!, sectionFeed!]) {
        const res = await page.goto(`${nginx!.origin}${href}`);
        expect([href, res?.status(), res?.headers()["content-type"]]).toEqual([href, 200, "application/xml; charset=utf-8"]);
        const entries = await page.evaluate(() => document.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").length);
        expect(entries, href).toBeGreaterThan(0);
      }
      const res = await page.goto(`${nginx!.origin}${jsonHref}`);
      expect(res?.headers()["content-type"]).toBe("application/json; charset=utf-8");
      const feed = JSON.parse(await res!.text()) as { items: Array<{ url: string }> };
      expect(feed.items.length).toBe(7 + EXTRA_ARTICLES);
      expect(feed.items.every((i) => new URL(i.url).pathname.startsWith(prefix))).toBe(true);
      expect(problems).toEqual([]);
      await page.close();
    });
  });

  describe(`npm run serve, site at ${prefix}`, () => {
    const compared = (res: RawResponse) => ({
      status: res.status,
      type: res.headers["content-type"],
      cache: res.headers["cache-control"],
      nosniff: res.headers["x-content-type-options"],
      etag: res.headers["etag"],
      lastModified: res.headers["last-modified"],
      location: res.headers["location"],
      body: res.body.toString("base64"),
    });

    it("sends what nginx sends for every file, folder address, unknown address and redirect", async () => {
      expect(preview!.url).toBe(`${preview!.origin}${prefix}`);
      const addresses = [
        ...addressesOf(files),
        "/khong-co-trang-nay/", "/pagefind/khong-co.pf_fragment", "/.archive-build", "/.archive-cache", "/2023/06", "/2023/06?x=1",
      ];
      const differ = (await mapLimit(addresses, 8, async (address) => {
        const [a, b] = await Promise.all([get(url(address)), get(`${preview!.url}${address.replace(/^\//, "")}`)]);
        let fromNginx = compared(a);
        let fromPreview = compared(b);
        // Error pages: nginx sends an ETag without Last-Modified; neither is needed to revalidate a 404.
        if (a.status !== 200) {
          fromNginx = { ...fromNginx, etag: undefined, lastModified: undefined };
          fromPreview = { ...fromPreview, etag: undefined, lastModified: undefined };
        }
        // nginx's own 301 page says "301 Moved Permanently"; only the status and Location matter.
        if (a.status === 301) {
          fromNginx = { ...fromNginx, type: undefined, body: "" };
          fromPreview = { ...fromPreview, type: undefined, body: "" };
        }
        return JSON.stringify(fromNginx) === JSON.stringify(fromPreview) ? null : `${address}:\n  nginx   ${JSON.stringify({ ...fromNginx, body: fromNginx.body.length })}\n  preview ${JSON.stringify({ ...fromPreview, body: fromPreview.body.length })}`;
      })).filter((x) => x !== null);
      expect(differ).toEqual([]);
    });

    it("answers revalidation and HEAD like nginx", async () => {
      for (const address of ["/", "/sw.js", `/${fileOf(/\.pf_fragment$/)}`]) {
        const first = await get(`${preview!.url}${address.replace(/^\//, "")}`);
        const revalidated = await get(`${preview!.url}${address.replace(/^\//, "")}`, { "if-none-match": first.headers["etag"]! });
        const head = await get(`${preview!.url}${address.replace(/^\//, "")}`, {}, "HEAD");
        const nginxHead = await get(url(address), {}, "HEAD");
        expect([address, revalidated.status, head.status, head.body.length, head.headers["content-length"]])
          .toEqual([address, 304, 200, 0, nginxHead.headers["content-length"]]);
      }
    });
  });
}
