import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createSiteFixture, listFiles, one, outputPath, parseHtml, parseXml, readOutput, runCli, SEED_URL, tempDir } from "../helpers/index.ts";

/** The fixture built for a sub-path host: `npm run build -- --path-prefix /archive/`. */
const tmp = tempDir("build-prefix");
const articlesDir = path.join(tmp.dir, "articles");
const out = path.join(tmp.dir, "out");
const BASE = "https://example.org/archive/";
let htmlFiles: string[];

beforeAll(async () => {
  createSiteFixture(articlesDir);
  const result = await runCli("build", ["--articles", articlesDir, "--out", out, "--path-prefix", "/archive/"]);
  if (result.code !== 0) throw new Error(`build failed (${result.code}):\n${result.stderr}`);
  expect(result.stdout).toContain("(path prefix /archive/)");
  htmlFiles = listFiles(out).filter((f) => f.endsWith(".html"));
});
afterAll(() => tmp.cleanup());

const attrs = (html: string) => {
  const root = parseHtml(html);
  return root.querySelectorAll("[href], [src], [action]").flatMap((el) =>
    ["href", "src", "action"].map((name) => el.getAttribute(name)).filter((v): v is string => v !== undefined),
  );
};

describe("--path-prefix /archive/", () => {
  it("writes files at the root of --out (the prefix is the host's, not a folder)", () => {
    expect(existsSync(path.join(out, "index.html"))).toBe(true);
    expect(existsSync(path.join(out, "archive", "archive"))).toBe(false);
  });

  it("every root-relative href, src and action in every page starts with /archive/", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const f of htmlFiles) {
      for (const url of attrs(readFileSync(path.join(out, f), "utf8"))) {
        if (!url.startsWith("/") || url.startsWith("//")) continue;
        checked++;
        if (!url.startsWith("/archive/")) wrong.push(`${f}: ${url}`);
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });

  it("every prefixed page link leads to a built page", () => {
    const broken: string[] = [];
    for (const f of htmlFiles) {
      const root = parseHtml(readFileSync(path.join(out, f), "utf8"));
      for (const a of root.querySelectorAll("a[href], link[href]")) {
        const href = a.getAttribute("href") ?? "";
        if (!href.startsWith("/archive/")) continue;
        if (!existsSync(outputPath(out, href.slice("/archive".length)))) broken.push(`${f} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("canonical, Open Graph and JSON-LD URLs include the prefix", () => {
    const root = parseHtml(readOutput(out, SEED_URL));
    const url = `${BASE}${SEED_URL.slice(1)}`;
    expect(root.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(url);
    expect(root.querySelector('meta[property="og:url"]')?.getAttribute("content")).toBe(url);
    const data = JSON.parse(one(root, 'script[type="application/ld+json"]').textContent) as { url: string; mainEntityOfPage: string; author: { url: string }; publisher: { url: string } };
    expect([data.url, data.mainEntityOfPage, data.author.url, data.publisher.url]).toEqual([url, url, `${BASE}authors/nguyen-van-an/`, BASE]);
  });

  it("Atom feeds: self, alternate, ids, entry links and content URLs include the prefix", () => {
    for (const feedUrl of ["/feed.xml", "/sections/thoi-su/feed.xml"]) {
      const raw = readOutput(out, feedUrl);
      const feed = parseXml(raw)["feed"] as { id: string; link: { "@href": string }[]; entry: { id: string; link: { "@href": string }[]; content: { "#text": string } }[] };
      expect(feed.id).toBe(`${BASE}${feedUrl.slice(1)}`);
      for (const l of feed.link) expect(l["@href"].startsWith(BASE), l["@href"]).toBe(true);
      for (const e of feed.entry) {
        expect(e.id.startsWith(BASE)).toBe(true);
        expect(e.link[0]?.["@href"]).toBe(e.id);
        for (const u of attrs(e.content["#text"])) expect(u.startsWith(BASE), `${feedUrl}: ${u}`).toBe(true);
      }
    }
    const seed = (parseXml(readOutput(out, "/feed.xml"))["feed"] as { entry: { id: string; content: { "#text": string } }[] }).entry.find((e) => e.id === `${BASE}${SEED_URL.slice(1)}`);
    expect(attrs(seed?.content["#text"] ?? "")).toContain(`${BASE}media/2017/08/hoi-nghi.svg`);
  });

  it("JSON Feed: every URL, including those inside content_html, includes the prefix", () => {
    const feed = JSON.parse(readOutput(out, "/feed.json")) as { home_page_url: string; feed_url: string; items: { id: string; url: string; content_html: string; authors?: { url: string }[] }[] };
    expect([feed.home_page_url, feed.feed_url]).toEqual([BASE, `${BASE}feed.json`]);
    for (const item of feed.items) {
      expect(item.id.startsWith(BASE)).toBe(true);
      expect(item.url.startsWith(BASE)).toBe(true);
      for (const a of item.authors ?? []) expect(a.url.startsWith(BASE)).toBe(true);
      for (const u of attrs(item.content_html)) expect(u.startsWith(BASE), `${item.url}: ${u}`).toBe(true);
    }
    const seed = feed.items.find((i) => i.url === `${BASE}${SEED_URL.slice(1)}`);
    expect(attrs(seed?.content_html ?? "")).toContain(`${BASE}media/2017/08/hoi-nghi.svg`);
  });

  it("sitemap and robots.txt use prefixed absolute URLs", () => {
    const set = parseXml(readOutput(out, "/sitemap.xml"))["urlset"] as { url: { loc: string }[] };
    expect(set.url.length).toBeGreaterThan(30);
    for (const u of set.url) {
      expect(u.loc.startsWith(BASE), u.loc).toBe(true);
      expect(existsSync(outputPath(out, `/${u.loc.slice(BASE.length)}`)), u.loc).toBe(true);
    }
    expect(readOutput(out, "/robots.txt")).toContain(`Sitemap: ${BASE}sitemap.xml`);
  });
});
