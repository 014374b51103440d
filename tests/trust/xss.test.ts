import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { parseAtomFeed } from "feedsmith";
import { launchBrowser } from "../helpers/browser.ts";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { renderBody } from "../../src/article/markdown.ts";
import { listFiles, one, parseHtml, readHtml, readOutput, tempDir, text } from "../helpers/index.ts";
import { buildTrustSite, cspViolations, HOSTILE_WORD, injectedElements, installCspRecorder, installXssTrap, pageUrl, TRUST_FIXTURE, xssLog, type TrustBuild } from "./support.ts";

/**
 * tests/fixtures/trust/site/2020/03/hostile.md puts `<script>`, `"><img onerror>`, `<svg onload>`,
 * `javascript:` URLs and Nunjucks `{{ }}`/`{% %}` into title, section, tags, author, summary, source,
 * caption, credit, image addresses and body (raw HTML and Markdown links). Every payload, if it ran, would
 * set `window.__xss` to its field's name. One real build; the files are read as text, then the pages are
 * opened in Chromium (search included) with a trap on `window.__xss` and on dialogs.
 */
const HOSTILE_FILE = path.join(TRUST_FIXTURE, "site", "2020", "03", "hostile.md");
const fields = parseYaml(readFileSync(HOSTILE_FILE, "utf8").split(/^---$/m)[1] ?? "") as {
  title: string; section: string; tags: string[]; author: string; summary: string; source: string;
  images: { src: string; caption: string; credit?: string }[];
};
/** Nunjucks would print these if any field were ever run as a template. */
const TEMPLATE_RAN = /tplran|setran/;
/** Live markup a payload would leave in a file if it were not escaped. */
const LIVE = [/<script>window\.__xss/, /<img src=x/i, /<svg onload/i, /<iframe/i, /<details open ontoggle/i, /<style>body/, /\son\w+="window\.__xss/, /href="javascript:/i, /src="javascript:/i];

const tmp = tempDir("trust-xss");
let site: TrustBuild;
let hostileUrl: string;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;

beforeAll(async () => {
  site = await buildTrustSite(tmp.dir);
  hostileUrl = site.htmlFiles.map(pageUrl).find((u) => u.startsWith("/2020/03/05/") && u !== "/2020/03/05/")!;
  server = await startStaticServer({ root: site.out });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  tmp.cleanup();
});

const page = (url: string) => readHtml(site.out, url);
const termUrl = (kind: string, name: string) => page(hostileUrl).querySelectorAll(`a[href^="/${kind}/"]`).find((a) => text(a) === name)?.getAttribute("href") ?? `(no link for ${name})`;

describe("hostile text in every field comes out as text", () => {
  it("no page, feed or text file holds live markup, and no file holds evaluated template syntax", () => {
    const files = listFiles(site.out).filter((f) => /\.(html|xml|json|txt|webmanifest)$/.test(f));
    // What a browser could render as markup; other JSON is data (served as application/json, nosniff)
    // whose strings are the article's own text, so only template evaluation is looked for there.
    const documents = files.filter((f) => !f.endsWith(".json") || f === "feed.json");
    expect(documents.length).toBeGreaterThan(150);
    for (const f of files) {
      const content = readFileSync(path.join(site.out, f), "utf8");
      if (documents.includes(f)) for (const re of LIVE) expect(content, `${f} ${re}`).not.toMatch(re);
      expect(content, f).not.toMatch(TEMPLATE_RAN);
    }
  });

  it("the article page shows each field exactly as written", () => {
    const root = page(hostileUrl);
    expect(text(one(root, "article h1"))).toBe(fields.title);
    expect(text(one(root, "title"))).toBe(`${fields.title} · Lưu trữ Tin địa phương`);
    expect(text(one(root, "article .kicker a"))).toBe(fields.section);
    expect(root.querySelectorAll("ul.tags a").map(text)).toEqual(fields.tags);
    expect(text(one(root, ".byline a"))).toBe(fields.author);
    expect(text(one(root, "p.summary"))).toBe(fields.summary);
    expect(text(one(root, "p.source"))).toBe(`Nguồn: ${fields.source}`);
    const captions = root.querySelectorAll("article .body figcaption").map(text);
    expect(captions).toEqual([`${fields.images[0]!.caption} Ảnh: ${fields.images[0]!.credit}`, fields.images[1]!.caption]);
    for (const [name, value] of [["og:title", fields.title], ["og:description", fields.summary], ["article:section", fields.section]] as const) {
      expect(root.querySelector(`meta[property="${name}"]`)?.getAttribute("content"), name).toBe(value);
    }
    expect(root.querySelector('meta[name="description"]')?.getAttribute("content")).toBe(fields.summary);
  });

  it("the body's raw HTML is text, and only http(s) and site links survive (the raw-HTML allow-list is empty)", () => {
    const body = one(page(hostileUrl), "article .body");
    expect(body.querySelectorAll("script, iframe, svg, details, style, object, embed")).toHaveLength(0);
    expect(text(body)).toContain(`<img src=x onerror="window.__xss='body-html'">`);
    expect(text(body)).toContain(`<a href="javascript:window.__xss='body-html'">raw link</a>`);
    expect(body.querySelectorAll("a").map((a) => a.getAttribute("href"))).toEqual(["/", "https://example.com/"]);
    // The only image is the figure whose https address held a quote: the quote stayed inside the attribute.
    expect(body.querySelectorAll("img").map((i) => i.getAttribute("src"))).toEqual([fields.images[1]!.src]);
    expect(body.querySelectorAll("img")[0]!.attributes).not.toHaveProperty("onerror");
    // Allow-list: none. Even the tags a contributor might expect are text.
    const ctx = { images: [], imageUrl: () => undefined, creditLabel: "Ảnh" };
    expect(renderBody("<b>đậm</b> <i>nghiêng</i> <br> <sup>2</sup> <u>gạch</u>", ctx).html).toBe("<p>&lt;b&gt;đậm&lt;/b&gt; &lt;i&gt;nghiêng&lt;/i&gt; &lt;br&gt; &lt;sup&gt;2&lt;/sup&gt; &lt;u&gt;gạch&lt;/u&gt;</p>\n");
  });

  it("listings and term indexes show title, section, tag and author as text", () => {
    const section = termUrl("sections", fields.section);
    const author = termUrl("authors", fields.author);
    const tagPages = fields.tags.map((t) => termUrl("tags", t));
    const home = site.htmlFiles.map(pageUrl).filter((u) => /^\/(page\/\d+\/)?$/.test(u)).find((u) => page(u).querySelector(`li.article-item h2 a[href="${hostileUrl}"]`));
    expect(home).toBeDefined();
    for (const url of [home!, "/2020/03/05/", "/2020/", section, author, ...tagPages]) {
      const item = page(url).querySelectorAll("li.article-item").find((li) => li.querySelector("h2 a")?.getAttribute("href") === hostileUrl);
      expect(text(item?.querySelector("h2")), url).toBe(fields.title);
      expect(text(item?.querySelector(".kicker")), url).toBe(fields.section);
    }
    expect(text(one(page(section), "h1"))).toBe(fields.section);
    expect(text(one(page(author), "h1"))).toBe(fields.author);
    expect(tagPages.map((u) => text(one(page(u), "h1")))).toEqual(fields.tags);
    expect(page("/sections/").querySelectorAll("ul.term-list a").map(text)).toContain(fields.section);
    expect(page("/authors/").querySelectorAll("ul.term-list a").map(text)).toContain(fields.author);
    for (const t of fields.tags) expect(page("/tags/").querySelectorAll("ul.term-list a").map(text)).toContain(t);
  });

  it("the Atom feeds, the JSON Feed and the JSON-LD carry the exact strings", () => {
    for (const url of ["/feed.xml", `${termUrl("sections", fields.section)}feed.xml`]) {
      const entry = parseAtomFeed(readOutput(site.out, url)).entries?.find((e) => e.title?.value === fields.title);
      expect(entry?.authors?.[0]?.name, url).toBe(fields.author);
      expect(entry?.categories?.map((c) => c.term), url).toEqual([fields.section, ...fields.tags]);
      expect(entry?.summary?.value, url).toBe(fields.summary);
      expect(parseHtml(entry?.content?.value ?? "").querySelectorAll("script, iframe, svg, style"), url).toHaveLength(0);
    }
    const item = (JSON.parse(readOutput(site.out, "/feed.json")) as { items: { title: string; summary: string; authors: { name: string }[]; tags: string[]; content_html: string }[] }).items.find((i) => i.title === fields.title);
    expect(item?.authors[0]?.name).toBe(fields.author);
    expect(item?.tags).toEqual([fields.section, ...fields.tags]);
    expect(item?.summary).toBe(fields.summary);
    expect(parseHtml(item?.content_html ?? "").querySelectorAll("script, iframe, svg, style, [onerror]")).toHaveLength(0);
    const ld = JSON.parse(one(page(hostileUrl), 'script[type="application/ld+json"]').textContent) as Record<string, unknown>;
    expect(ld).toMatchObject({ headline: fields.title, articleSection: fields.section, description: fields.summary, author: { name: fields.author }, keywords: fields.tags.join(", ") });
  });
});

describe("in Chromium, no injected script runs", () => {
  /** Visits each page, with the trap installed; returns what ran and what the DOM holds that only injection could make. */
  async function visit(context: BrowserContext, urls: string[], act?: (page: Page, url: string) => Promise<void>): Promise<{ ran: string[]; dialogs: string[]; injected: string[]; violations: string[] }> {
    const ran: string[] = [];
    const dialogs: string[] = [];
    const injected: string[] = [];
    const violations: string[] = [];
    for (const url of urls) {
      const p = await context.newPage();
      await installXssTrap(p);
      await installCspRecorder(p);
      p.on("dialog", (d) => {
        dialogs.push(`${url}: ${d.message()}`);
        void d.dismiss();
      });
      await p.goto(`${server.url}${url.slice(1)}`, { waitUntil: "load" });
      await act?.(p, url);
      // Every image has loaded or failed by now, so an onerror handler would have fired.
      await p.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
      ran.push(...(await xssLog(p)).map((v) => `${url}: ${v}`));
      injected.push(...(await injectedElements(p)).map((v) => `${url}: ${v}`));
      violations.push(...(await cspViolations(p)).map((v) => `${url}: ${v}`));
      await p.close();
    }
    return { ran, dialogs, injected, violations };
  }

  const searchHostile = async (p: Page, url: string) => {
    if (!url.startsWith("/search/")) return;
    await p.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done");
  };

  const pages = () => [
    hostileUrl, `${hostileUrl}?highlight=${encodeURIComponent(`<img src=x onerror="window.__xss='highlight'">`)}`,
    "/", "/2020/03/05/", termUrl("sections", fields.section), termUrl("authors", fields.author), ...fields.tags.map((t) => termUrl("tags", t)),
    "/sections/", "/tags/", "/authors/",
    // Search results (title, section, date, excerpt) and every filter value of the hostile article.
    `/search/?q=${HOSTILE_WORD}`,
    `/search/?section=${encodeURIComponent(fields.section)}`,
    `/search/?author=${encodeURIComponent(fields.author)}`,
    ...fields.tags.map((t) => `/search/?tag=${encodeURIComponent(t)}`),
    // The address bar is input too: a query and a filter value that are themselves payloads.
    `/search/?q=${encodeURIComponent(`"><img src=x onerror="window.__xss='query'">`)}&section=${encodeURIComponent(`<img src=x onerror="window.__xss='filter'">`)}`,
  ];

  let bypass: BrowserContext;
  let enforced: BrowserContext;
  beforeAll(async () => {
    // The markup itself must be inert, not merely blocked by the Content-Security-Policy: first without it.
    bypass = await browser.newContext({ bypassCSP: true });
    enforced = await browser.newContext();
    // No network here: the figure whose address is on https://example.com fails at once instead of waiting on DNS.
    for (const c of [bypass, enforced]) await c.route((u) => u.origin !== new URL(server.url).origin, (r) => r.abort());
  });
  afterAll(async () => {
    await bypass?.close();
    await enforced?.close();
  });

  it("the search finds the hostile article and shows its title, section, excerpt and filters as text", async () => {
    const p = await bypass.newPage();
    await installXssTrap(p);
    await p.goto(`${server.url}search/?q=${HOSTILE_WORD}`);
    await p.waitForFunction(() => document.querySelector<HTMLElement>("#search-app")?.dataset["state"] === "done" && document.querySelectorAll(".search-result").length > 0);
    const result = p.locator(".search-result").first();
    expect(await result.locator("h2 a").textContent()).toBe(fields.title);
    expect(await result.locator(".kicker").textContent()).toBe(fields.section);
    expect(await result.locator(".excerpt").textContent()).toContain("<script>window.__xss=");
    expect(await result.locator(".excerpt mark").count()).toBeGreaterThan(0);
    const labels = await p.$$eval(".search-filters label", (ls) => ls.map((l) => (l.textContent ?? "").replace(/\s*\(\d+\)\s*$/, "").trim()));
    expect(labels).toEqual(expect.arrayContaining([fields.section, fields.author, ...fields.tags]));
    expect(await xssLog(p)).toEqual([]);
    await p.close();
  });

  it("with the CSP bypassed: no payload runs, no dialog opens, the DOM holds no injected element", async () => {
    const urls = pages();
    const { ran, dialogs, injected } = await visit(bypass, urls, searchHostile);
    console.log(`XSS in Chromium: ${urls.length} addresses opened with CSP bypassed, then enforced`);
    expect({ ran, dialogs, injected }).toEqual({ ran: [], dialogs: [], injected: [] });
  });

  it("with the CSP enforced: the same, and no CSP violation is reported (nothing even tried)", async () => {
    expect(await visit(enforced, pages(), searchHostile)).toEqual({ ran: [], dialogs: [], injected: [], violations: [] });
  });

  it("the trap works: the same checks catch a real injection (control)", async () => {
    const { ran, dialogs, injected } = await visit(bypass, ["/404.html"], async (p) => {
      await p.evaluate(() => {
        const div = document.createElement("div");
        div.innerHTML = `<img src="x" onerror="window.__xss='control'; alert('control')">`;
        document.body.append(div);
      });
      await p.waitForFunction(() => (window as unknown as { __xssLog: string[] }).__xssLog.length > 0);
    });
    expect(ran).toEqual(["/404.html: control"]);
    expect(dialogs).toEqual(["/404.html: control"]);
    expect(injected).toContain("/404.html: <img onerror>");
  });
});
