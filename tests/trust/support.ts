import { cpSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { createSiteFixture, listFiles, ROOT, runCli, type CliResult } from "../helpers/index.ts";

/**
 * The trust suite's site: the demo archive (articles/), the core build fixture (tests/fixtures/core/site,
 * every kind of listing, two home pages, duplicates, NFD, BOM/CRLF) and tests/fixtures/trust/site
 * (every field of one article hostile; Markdown headings, lists, tables, code, figures with a file name
 * that needs URL encoding), each in its own subfolder of one articles folder, built by the real command.
 */
export const TRUST_FIXTURE = fileURLToPath(new URL("../fixtures/trust/", import.meta.url));

export function createTrustArticles(articlesDir: string): void {
  cpSync(path.join(ROOT, "articles"), path.join(articlesDir, "demo"), { recursive: true });
  createSiteFixture(path.join(articlesDir, "core"));
  cpSync(path.join(TRUST_FIXTURE, "site"), path.join(articlesDir, "trust"), { recursive: true });
}

export interface TrustBuild {
  articles: string;
  out: string;
  result: CliResult;
  /** Every built HTML file, relative to `out`. */
  htmlFiles: string[];
}

/** `npm run build -- --articles <dir>/articles --out <dir>/out [--path-prefix P]`; throws if it fails. */
export async function buildTrustSite(dir: string, options: { pathPrefix?: string } = {}): Promise<TrustBuild> {
  const articles = path.join(dir, "articles");
  const out = path.join(dir, "out");
  createTrustArticles(articles);
  const args = ["--articles", articles, "--out", out, ...(options.pathPrefix ? ["--path-prefix", options.pathPrefix] : [])];
  const result = await runCli("build", args);
  if (result.code !== 0) throw new Error(`build failed (${result.code}):\n${result.stderr}`);
  return { articles, out, result, htmlFiles: listFiles(out).filter((f) => f.endsWith(".html")) };
}

/** The site URL of a built HTML file: `a/index.html` → `/a/`, `404.html` → `/404.html`. */
export const pageUrl = (file: string): string => `/${file.replace(/(^|\/)index\.html$/, "$1")}`;

/** Well-known pages of the trust build (site paths, without the path prefix). */
export const PAGES = {
  home: "/",
  article: "/2019/06/12/bai-co-du-cac-kieu-markdown/",
  hostileArticle: "/2020/03/05/",
  tag: "/tags/ha-long/",
  section: "/sections/van-hoa/",
  author: "/authors/pham-thu-ha/",
  year: "/2017/",
  month: "/2017/08/",
  day: "/2017/08/24/",
  search: "/search/",
  offline: "/offline/",
  archive: "/archive/",
  notFound: "/404.html",
} as const;

/** A word only the hostile article contains, to find it with the search. */
export const HOSTILE_WORD = "zxqvw";

/**
 * What every payload in tests/fixtures/trust/site/2020/03/hostile.md does if it ever runs: it sets
 * `window.__xss` (or `parent.__xss`) to the name of its field. Installed before any page script, the trap
 * records each assignment in `window.__xssLog`; dialogs (`alert`) are recorded by the test itself.
 */
export async function installXssTrap(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: string[] = [];
    Object.defineProperty(window, "__xssLog", { value: log });
    Object.defineProperty(window, "__xss", { set: (v: unknown) => log.push(String(v)), get: () => log.at(-1), configurable: false });
  });
}

/** Records every Content-Security-Policy violation the page reports, in `window.__cspViolations`. */
export async function installCspRecorder(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: string[] = [];
    Object.defineProperty(window, "__cspViolations", { value: log });
    document.addEventListener("securitypolicyviolation", (e) => log.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  });
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])]);
}

export async function xssLog(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { __xssLog?: string[] }).__xssLog ?? [])]);
}

/**
 * Elements that only injected markup could have made: event-handler attributes, `javascript:` links,
 * frames, inline scripts other than JSON-LD, `<style>` and `style=`. Evaluated on the live DOM.
 */
export async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`<${el.localName} ${attr.name}>`);
        if (attr.name === "style") found.push(`<${el.localName} style>`);
      }
      if (el instanceof HTMLAnchorElement && el.hasAttribute("href") && !/^(https?:|mailto:)$/.test(el.protocol)) found.push(`<a href="${el.getAttribute("href")}">`);
      if (el instanceof HTMLImageElement && !/^(https?:|data:)$/.test(new URL(el.src, location.href).protocol)) found.push(`<img src="${el.getAttribute("src")}">`);
      // The templates make none of these; the only forms are the search forms.
      if (["iframe", "frame", "object", "embed", "style", "svg", "math", "details", "base"].includes(el.localName)) found.push(`<${el.localName}>`);
      if (el.localName === "form" && el.getAttribute("role") !== "search") found.push("<form>");
      if (el instanceof HTMLScriptElement && !el.src && el.type !== "application/ld+json") found.push("<script> inline");
    }
    return found;
  });
}
