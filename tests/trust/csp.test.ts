import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, ConsoleMessage, Page, Route } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { contentSecurityPolicy, contentSecurityPolicyFor } from "../../src/site/csp.ts";
import { parseHtml, tempDir } from "../helpers/index.ts";
import { buildTrustSite, cspViolations, installCspRecorder, pageUrl, PAGES, type TrustBuild } from "./support.ts";

/**
 * The Content-Security-Policy: every page carries it as a <meta> tag and meets it (no inline script
 * other than JSON-LD data, no inline style, no event-handler attribute), `'wasm-unsafe-eval'` is on the
 * search page only, and Chromium, with the policy enforced, reports no violation while a reader uses
 * the site, the search included.
 */
const tmp = tempDir("trust-csp");
let site: TrustBuild;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  site = await buildTrustSite(tmp.dir);
  server = await startStaticServer({ root: site.out });
  browser = await launchBrowser();
  context = await browser.newContext();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  tmp.cleanup();
});

const directives = (policy: string) => new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));

describe("the policy", () => {
  it("allows no inline script or style and no eval; WebAssembly compilation only when asked", () => {
    for (const wasm of [false, true]) {
      const d = directives(contentSecurityPolicy({ wasm }));
      const all = [...d.values()].flat();
      expect(all).not.toContain("'unsafe-inline'");
      expect(all).not.toContain("'unsafe-eval'");
      expect(all).not.toContain("*");
      expect(d.get("default-src")).toEqual(["'self'"]);
      expect(d.get("script-src")).toEqual(wasm ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"]);
      expect(d.get("style-src")).toEqual(["'self'"]);
      expect(d.get("object-src")).toEqual(["'none'"]);
      expect(d.get("base-uri")).toEqual(["'self'"]);
      expect(d.get("form-action")).toEqual(["'self'"]);
    }
  });
});

describe("every built page", () => {
  it("carries the policy in a <meta> tag before any script or stylesheet, and meets it", () => {
    const problems: string[] = [];
    let wasmPages = 0;
    for (const file of site.htmlFiles) {
      const html = readFileSync(path.join(site.out, file), "utf8");
      const root = parseHtml(html);
      const metas = root.querySelectorAll('meta[http-equiv="Content-Security-Policy"]');
      if (metas.length !== 1) problems.push(`${file}: ${metas.length} CSP meta tags`);
      const policy = metas[0]?.getAttribute("content") ?? "";
      const wasm = pageUrl(file) === PAGES.search;
      if (policy !== contentSecurityPolicy({ wasm })) problems.push(`${file}: policy ${policy}`);
      if (policy.includes("wasm-unsafe-eval")) wasmPages++;
      // A meta policy covers only what comes after it in the document.
      const at = html.indexOf('http-equiv="Content-Security-Policy"');
      for (const tag of ["<script", '<link rel="stylesheet"', "<style"]) if (html.indexOf(tag) !== -1 && html.indexOf(tag) < at) problems.push(`${file}: ${tag} before the policy`);
      for (const s of root.querySelectorAll("script")) {
        if (!s.getAttribute("src") && s.getAttribute("type") !== "application/ld+json") problems.push(`${file}: inline script ${s.outerHTML.slice(0, 80)}`);
      }
      if (root.querySelectorAll("style").length > 0) problems.push(`${file}: <style>`);
      for (const el of root.querySelectorAll("*")) {
        for (const name of Object.keys(el.attributes)) {
          if (name === "style" || /^on/i.test(name)) problems.push(`${file}: ${name}= on <${el.rawTagName}>`);
        }
        for (const name of ["href", "src", "action"]) if (/^\s*javascript:/i.test(el.getAttribute(name) ?? "")) problems.push(`${file}: javascript: ${name}`);
      }
    }
    console.log(`CSP: ${site.htmlFiles.length} pages checked for the meta tag, inline script and inline style`);
    expect(problems).toEqual([]);
    expect(wasmPages).toBe(1);
  });
});

describe("in Chromium with the policy enforced", () => {
  /** Opens a page with a recorder for violations, in the page and on the console. */
  async function open(url: string): Promise<{ page: Page; violations: () => Promise<string[]> }> {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m: ConsoleMessage) => {
      if (/Content.Security.Policy|CSP/i.test(m.text())) consoleErrors.push(`console: ${m.text()}`);
    });
    await installCspRecorder(page);
    await page.goto(`${server.url}${url.slice(1)}`);
    return { page, violations: async () => [...(await cspViolations(page)), ...consoleErrors].map((v) => `${url}: ${v}`) };
  }

  const done = (page: Page) => page.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done");

  it("the search works end to end and nothing is blocked: typing, marks restored, filters, sort, more results, opening a result", async () => {
    const { page, violations } = await open(PAGES.search);
    await page.waitForSelector("#search-app.is-ready");
    await page.fill("#search-query", "ha long");
    await page.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done" && document.querySelectorAll(".search-result").length > 0);
    expect(await page.locator(".search-result").count()).toBeGreaterThan(0);
    expect(await page.locator(".search-notice").textContent()).toContain("hạ long");
    await page.locator(".search-filters input[name=section]").first().check();
    await page.waitForFunction(() => new URL(location.href).searchParams.has("section"));
    await done(page);
    await page.selectOption("#search-sort", "oldest");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("sort") === "oldest");
    await done(page);
    await page.goto(`${server.url}search/?q=${encodeURIComponent("tin")}`);
    await done(page);
    // "tin" is in more than ten titles: the first ten, then "more results".
    expect(await page.locator(".search-more").isVisible()).toBe(true);
    await page.click(".search-more");
    await page.waitForFunction(() => document.querySelectorAll(".search-result").length > 10);
    const found = await violations();
    // Opening a result loads Pagefind's highlighter on the article page.
    await page.click(".search-result h2 a");
    await page.waitForSelector("article mark");
    const afterOpen = [...(await cspViolations(page))].map((v) => `result page: ${v}`);
    await page.close();
    expect([...found, ...afterOpen]).toEqual([]);
  });

  it.each([
    ["home", PAGES.home],
    ["an article", PAGES.article],
    ["a section page (with the save-offline button)", PAGES.section],
    ["a year page (with the save-offline button)", PAGES.year],
    ["the archive", PAGES.archive],
    ["the 404 page", PAGES.notFound],
    ["the offline page", PAGES.offline],
  ])("%s (%s) reports no violation", async (_name, url) => {
    const { page, violations } = await open(url);
    // Each page's own scripts have run (module scripts are deferred until the document is parsed).
    await page.waitForLoadState("load");
    // The service worker registered too (worker-src), once it is active.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const found = await violations();
    await page.close();
    expect(found).toEqual([]);
  });

  /** A context without service workers (one would answer from its cache, past any route) with `route` on every request. */
  async function routedContext(route: (url: URL, r: Route) => Promise<void>): Promise<BrowserContext> {
    const ctx = await browser.newContext({ serviceWorkers: "block" });
    await ctx.route("**/*", (r) => route(new URL(r.request().url()), r));
    return ctx;
  }
  const searchState = (page: Page) => page.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done" || (window as unknown as { __cspViolations: string[] }).__cspViolations.length > 0);

  it("the recorder catches a violation (control): with Pagefind on the main thread, the policy without 'wasm-unsafe-eval' blocks the search", async () => {
    const attr = (policy: string) => policy.replace(/'/g, "&#39;");
    const ctx = await routedContext(async (url, r) => {
      // No worker: Pagefind falls back to the main thread, where the page's own policy applies.
      if (url.pathname === "/pagefind/pagefind-worker.js") return r.fulfill({ status: 404, body: "" });
      if (url.pathname !== "/search/") return r.continue();
      const res = await r.fetch();
      const html = await res.text();
      expect(html).toContain(attr(contentSecurityPolicy({ wasm: true })));
      await r.fulfill({ response: res, body: html.replace(attr(contentSecurityPolicy({ wasm: true })), attr(contentSecurityPolicy({ wasm: false }))) });
    });
    const page = await ctx.newPage();
    await installCspRecorder(page);
    await page.goto(`${server.url}search/?q=tin`);
    await searchState(page);
    expect((await cspViolations(page)).join("\n")).toMatch(/script-src blocked wasm-eval/);
    expect(await page.locator(".search-result").count()).toBe(0);
    await ctx.close();
  });

  it("with the page's own policy, the main-thread fallback works: 'wasm-unsafe-eval' on /search/ is what it needs", async () => {
    const ctx = await routedContext(async (url, r) => (url.pathname === "/pagefind/pagefind-worker.js" ? r.fulfill({ status: 404, body: "" }) : r.continue()));
    const page = await ctx.newPage();
    await installCspRecorder(page);
    await page.goto(`${server.url}search/?q=tin`);
    await searchState(page);
    expect(await cspViolations(page)).toEqual([]);
    expect(await page.locator(".search-result").count()).toBeGreaterThan(0);
    await ctx.close();
  });

  it("sent as a header by contentSecurityPolicyFor (what the README tells hosts), the policy lets the whole site and search work", async () => {
    const withHeader = (policyFor: (sitePath: string) => string) => routedContext(async (url, r) => {
      const res = await r.fetch();
      await r.fulfill({ response: res, headers: { ...res.headers(), "content-security-policy": policyFor(url.pathname) } });
    });
    const ctx = await withHeader(contentSecurityPolicyFor);
    const page = await ctx.newPage();
    await installCspRecorder(page);
    for (const url of [PAGES.home, PAGES.article, PAGES.section]) {
      await page.goto(`${server.url}${url.slice(1)}`);
      expect(await cspViolations(page), url).toEqual([]);
    }
    await page.goto(`${server.url}search/?q=tin`);
    await searchState(page);
    expect(await cspViolations(page)).toEqual([]);
    expect(await page.locator(".search-result").count()).toBeGreaterThan(0);
    await ctx.close();
    expect(contentSecurityPolicyFor("/search/")).toBe(contentSecurityPolicy({ wasm: true }));
    expect(contentSecurityPolicyFor("/pagefind/pagefind-worker.js")).toBe(contentSecurityPolicy({ wasm: true }));
    for (const p of ["/", "/pagefind/pagefind.js", "/2017/08/24/a/", "/search/marks/ha.0123456789.json"]) expect(contentSecurityPolicyFor(p), p).toBe(contentSecurityPolicy({ wasm: false }));

    // Control: a header with 'wasm-unsafe-eval' on /search/ alone leaves Pagefind's worker unable to start.
    const naive = await withHeader((p) => contentSecurityPolicy({ wasm: p === "/search/" }));
    const broken = await naive.newPage();
    const refused = broken.waitForEvent("console", { predicate: (m) => /WebAssembly[^]*Content Security Policy/.test(m.text()) });
    await broken.goto(`${server.url}search/?q=tin`);
    await refused;
    expect(await broken.locator(".search-result").count()).toBe(0);
    await naive.close();
  });
});
