import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAtomFeed, parseJsonFeed } from "feedsmith";
import { validateXML } from "xmllint-wasm";
import type { HTMLElement } from "node-html-parser";
import { one, parseHtml, readHtml, readOutput, siteSettings, tempDir, text, validateJsonFeed } from "../helpers/index.ts";
import { buildTrustSite, pageUrl, TRUST_FIXTURE, type TrustBuild } from "./support.ts";

/**
 * Feeds, sitemap and structured data of one real build, at `/` and under `--path-prefix /archive/`:
 * XML well-formedness by libxml2 (xmllint-wasm), feed structure by a real feed parser (feedsmith),
 * the sitemap against the Sitemap 0.9 schema (tests/fixtures/trust/schemas/sitemap.xsd), and every
 * value compared with what the article page itself shows.
 */
const ORIGIN = siteSettings().url.replace(/\/+$/, "");
const RFC3339_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;
const SITEMAP_XSD = readFileSync(path.join(TRUST_FIXTURE, "schemas", "sitemap.xsd"), "utf8");

async function xmlErrors(xml: string, name: string, schema?: string): Promise<string[]> {
  const result = await validateXML(schema
    ? { xml: [{ fileName: name, contents: xml }], schema: [{ fileName: "schema.xsd", contents: schema }] }
    : { xml: [{ fileName: name, contents: xml }], normalization: "format" });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** What an article page says about itself, to compare feeds and JSON-LD with. */
interface Shown { title: string; dateIso: string; section?: string; author?: string; tags: string[] }
function shown(root: HTMLElement): Shown {
  const kicker = root.querySelector("article .kicker a");
  const byline = root.querySelector(".byline a");
  return {
    title: text(one(root, "article h1")),
    dateIso: one(root, "article header time").getAttribute("datetime") ?? "",
    ...(kicker ? { section: text(kicker) } : {}),
    ...(byline ? { author: text(byline) } : {}),
    tags: root.querySelectorAll("ul.tags a").map(text),
  };
}

for (const prefix of ["/", "/archive/"]) {
  describe(`feeds, sitemap and JSON-LD, path prefix ${prefix}`, () => {
    const tmp = tempDir(`trust-feeds${prefix === "/" ? "" : "-prefix"}`);
    const BASE = `${ORIGIN}${prefix}`;
    let site: TrustBuild;
    let articleUrls: string[];
    /** Site path (without prefix) of an absolute URL of this site; throws for any other URL. */
    const sitePath = (url: string) => {
      if (!url.startsWith(BASE)) throw new Error(`${url} is not an absolute URL under ${BASE}`);
      return `/${url.slice(BASE.length)}`;
    };
    const page = (url: string) => readHtml(site.out, url);

    beforeAll(async () => {
      site = await buildTrustSite(tmp.dir, { pathPrefix: prefix });
      articleUrls = site.htmlFiles.map(pageUrl).filter((u) => /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(u));
    });
    afterAll(() => tmp.cleanup());

    const sectionFeeds = () => page("/sections/").querySelectorAll("ul.term-list a").map((a) => `${a.getAttribute("href")!.slice(prefix.length - 1)}feed.xml`);

    it("every Atom feed is well-formed XML (libxml2) and parses as Atom with absolute URLs and dates with offsets", async () => {
      const feeds = ["/feed.xml", ...sectionFeeds()];
      expect(feeds.length).toBeGreaterThan(8);
      let entries = 0;
      for (const url of feeds) {
        const xml = readOutput(site.out, url);
        expect(await xmlErrors(xml, url), url).toEqual([]);
        const feed = parseAtomFeed(xml);
        expect(feed.id, url).toBe(`${BASE}${url.slice(1)}`);
        expect(feed.links?.find((l) => l.rel === "self")?.href, url).toBe(`${BASE}${url.slice(1)}`);
        expect(feed.updated, url).toMatch(RFC3339_OFFSET);
        const list = feed.entries ?? [];
        expect(list.length, url).toBeGreaterThan(0);
        expect(feed.updated).toBe(list[0]?.updated);
        // RFC 4287 §4.1.1: a feed without its own author needs one in every entry.
        if (!feed.authors?.length) expect(list.filter((e) => !e.authors?.length).map((e) => e.id), `${url}: entries without author`).toEqual([]);
        const dates = list.map((e) => Date.parse(e.published ?? ""));
        expect(dates, `${url} newest first`).toEqual([...dates].sort((a, b) => b - a));
        for (const e of list) {
          entries++;
          const at = sitePath(e.links?.find((l) => l.rel === "alternate")?.href ?? "");
          expect(e.id).toBe(`${BASE}${at.slice(1)}`);
          const article = shown(page(at));
          expect(e.title?.value).toBe(article.title);
          expect(e.published).toMatch(RFC3339_OFFSET);
          expect(e.published).toBe(article.dateIso);
          expect(e.updated).toBe(article.dateIso);
          if (article.author) expect(e.authors?.map((a) => a.name)).toEqual([article.author]);
          expect(e.categories?.map((c) => c.term)).toEqual([...(article.section ? [article.section] : []), ...article.tags]);
          if (url !== "/feed.xml") expect(article.section, `${url} holds ${at}`).toBe(feed.title?.value?.split(" · ")[0]);
          expect(e.content?.type).toBe("html");
          // Every link and image inside the content is absolute, under this site or elsewhere.
          for (const el of parseHtml(e.content?.value ?? "").querySelectorAll("[href], [src]")) {
            expect(el.getAttribute("href") ?? el.getAttribute("src"), at).toMatch(/^https?:\/\//);
          }
        }
      }
      console.log(`Atom ${prefix}: ${feeds.length} feeds, ${entries} entries checked`);
    });

    it("the JSON Feed parses (feedsmith), follows JSON Feed 1.1 and mirrors the Atom feed", () => {
      const raw = JSON.parse(readOutput(site.out, "/feed.json")) as unknown;
      expect(validateJsonFeed(raw)).toEqual([]);
      const feed = parseJsonFeed(raw);
      expect(feed.feed_url).toBe(`${BASE}feed.json`);
      expect(feed.home_page_url).toBe(BASE);
      const atom = parseAtomFeed(readOutput(site.out, "/feed.xml")).entries ?? [];
      const items = feed.items ?? [];
      expect(items.map((i) => i.id)).toEqual(atom.map((e) => e.id));
      for (const item of items) {
        const article = shown(page(sitePath(item.url ?? "")));
        expect(item.title).toBe(article.title);
        expect(item.date_published).toMatch(RFC3339_OFFSET);
        expect(item.date_published).toBe(article.dateIso);
        if (article.author) expect(item.authors?.map((a) => a.name)).toEqual([article.author]);
        expect(item.tags).toEqual([...(article.section ? [article.section] : []), ...article.tags]);
        for (const u of [...(item.content_html ?? "").matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1] ?? "")) expect(u, item.url).toMatch(/^https?:\/\//);
      }
    });

    it("sitemap.xml is well-formed, valid against the Sitemap 0.9 schema, absolute, and lists every article", async () => {
      const xml = readOutput(site.out, "/sitemap.xml");
      expect(await xmlErrors(xml, "sitemap.xml")).toEqual([]);
      expect(await xmlErrors(xml, "sitemap.xml", SITEMAP_XSD)).toEqual([]);
      const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1] ?? "");
      const paths = locs.map(sitePath);
      for (const url of articleUrls) expect(paths, url).toContain(url);
      for (const m of xml.matchAll(/<lastmod>([^<]*)<\/lastmod>/g)) expect(m[1]).toMatch(RFC3339_OFFSET);
    });

    it("the checks can fail: libxml2 refuses a control character, the schema a relative <loc> and a bad <lastmod>", async () => {
      expect(await xmlErrors('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>a\u000Bb</title></feed>', "control.xml")).not.toEqual([]);
      const bad = '<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/2017/08/24/a/</loc><lastmod>24/08/2017</lastmod></url></urlset>';
      expect((await xmlErrors(bad, "control-sitemap.xml", SITEMAP_XSD)).join("\n")).toMatch(/loc[^]*lastmod|lastmod[^]*loc/);
    });

    it("every article page has one JSON-LD NewsArticle with headline, datePublished with offset, author and articleSection", () => {
      expect(articleUrls.length).toBeGreaterThan(40);
      for (const url of articleUrls) {
        const root = page(url);
        const scripts = root.querySelectorAll('script[type="application/ld+json"]');
        expect(scripts, url).toHaveLength(1);
        const data = JSON.parse(scripts[0]!.textContent) as Record<string, unknown> & { author?: { "@type"?: string; name?: string } };
        const article = shown(root);
        expect(data["@context"]).toBe("https://schema.org");
        expect(data["@type"]).toBe("NewsArticle");
        expect(data["headline"], url).toBe(article.title);
        expect(data["datePublished"], url).toMatch(RFC3339_OFFSET);
        expect(data["datePublished"], url).toBe(article.dateIso);
        expect(data.author?.name, url).toBe(article.author ?? siteSettings().name);
        expect(data.author?.["@type"], url).toBe(article.author ? "Person" : "Organization");
        if (article.section) expect(data["articleSection"], url).toBe(article.section);
        else expect(data).not.toHaveProperty("articleSection");
        expect(data["url"], url).toBe(`${BASE}${url.slice(1)}`);
        expect(data["url"]).toBe(root.querySelector('link[rel="canonical"]')?.getAttribute("href"));
      }
    });
  });
}
