import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { AxeResults } from "axe-core";
import { launchBrowser } from "../helpers/browser.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { tempDir } from "../helpers/index.ts";
import { buildTrustSite, PAGES, type TrustBuild } from "./support.ts";

/**
 * axe-core in real Chromium over the built site on 127.0.0.1. axe is injected as a script, which the
 * pages' Content-Security-Policy (no inline script) would refuse: the audit's browser context bypasses
 * CSP for that reason only (tests/trust/csp.test.ts checks the pages with CSP enforced).
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const tmp = tempDir("trust-a11y");
let site: TrustBuild;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
let context: BrowserContext;
const audited: string[] = [];

beforeAll(async () => {
  site = await buildTrustSite(tmp.dir);
  server = await startStaticServer({ root: site.out });
  browser = await launchBrowser();
  context = await browser.newContext({ bypassCSP: true });
});
afterAll(async () => {
  console.log(`axe-core: ${audited.length} pages audited (${audited.join(", ")})`);
  await context?.close();
  await browser?.close();
  await server?.close();
  tmp.cleanup();
});

async function audit(page: Page): Promise<{ serious: string[]; other: string[] }> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  const line = (v: AxeResults["violations"][number]) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`;
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map(line);
  const other = results.violations.filter((v) => !(v.impact === "serious" || v.impact === "critical")).map(line);
  return { serious, other };
}

async function auditUrl(url: string, prepare?: (page: Page) => Promise<void>): Promise<string[]> {
  const page = await context.newPage();
  const response = await page.goto(`${server.url}${url.slice(1)}`);
  // A missing page would be served as the 404 page and audited in its place.
  expect(response?.status(), url).toBe(200);
  await prepare?.(page);
  const { serious, other } = await audit(page);
  if (other.length > 0) console.log(`${url}: minor/moderate, not failing:\n  ${other.join("\n  ")}`);
  audited.push(url);
  await page.close();
  return serious;
}

const searchWithResults = async (page: Page) => {
  await page.waitForSelector("#search-app.is-ready");
  // Typed without marks: results, filters with counts and the "showing results for" notice all show.
  await page.fill("#search-query", "ha long");
  await page.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done" && document.querySelectorAll(".search-result").length > 0);
  await page.waitForSelector(".search-filters input[type=checkbox]");
  await page.waitForSelector(".search-notice a");
};

describe("axe-core finds no serious or critical violation", () => {
  it.each([
    ["home", PAGES.home],
    ["an article with headings, lists, a table and figures", PAGES.article],
    ["a tag page", PAGES.tag],
    ["a section page", PAGES.section],
    ["an author page", PAGES.author],
    ["a date archive (year)", PAGES.year],
    ["a date archive (month)", PAGES.month],
    ["a date archive (day)", PAGES.day],
    ["the archive index", PAGES.archive],
    ["the tag index", "/tags/"],
    ["the 404 page", PAGES.notFound],
  ])("%s (%s)", async (_name, url) => {
    expect(await auditUrl(url)).toEqual([]);
  });

  it("the article whose every field is hostile text", async () => {
    const day = site.htmlFiles.find((f) => f.startsWith(PAGES.hostileArticle.slice(1)) && f !== `${PAGES.hostileArticle.slice(1)}index.html`)!;
    expect(await auditUrl(`/${day.replace(/index\.html$/, "")}`)).toEqual([]);
  });

  it("the search page with results, filters and the restored-marks notice", async () => {
    expect(await auditUrl(PAGES.search, searchWithResults)).toEqual([]);
  });

  it("the search page before a search (prompt) and with no result", async () => {
    expect(await auditUrl(PAGES.search, (p) => p.waitForSelector("#search-app.is-ready").then(() => undefined))).toEqual([]);
    expect(await auditUrl(`${PAGES.search}?q=khongcoketquanao`, (p) => p.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done").then(() => undefined))).toEqual([]);
  });

  it("the offline page", async () => {
    expect(await auditUrl(PAGES.offline)).toEqual([]);
  });

  it("the audit can fail: a page with an unlabelled field, an image without alt and low contrast is reported", async () => {
    const page = await context.newPage();
    await page.setContent('<!DOCTYPE html><html lang="vi"><title>x</title><main><h1>x</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"><p style="color:#bbb;background:#fff">mờ</p></main></html>');
    const { serious } = await audit(page);
    await page.close();
    expect(serious.map((s) => s.split(" ")[1])).toEqual(expect.arrayContaining(["image-alt", "label", "color-contrast"]));
  });
});
