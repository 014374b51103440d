import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/site/archive.ts";
import { buildSitemap } from "../../src/site/sitemap.ts";
import { absoluteUrl } from "../../src/site/urls.ts";
import { archiveOptions, makeArticle } from "../helpers/articles.ts";
import { parseXml } from "../helpers/xml.ts";

/**
 * The sitemap index is written only past 50,000 addresses, which no build in the suite reaches: render
 * the real templates (`_includes/feeds/sitemap*.njk`) with Nunjucks over a sitemap split into small
 * parts, and check what a crawler reads.
 */
const ORIGIN = "https://example.org";
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader("_includes"), { autoescape: true });
env.addFilter("fullUrl", (url: string) => absoluteUrl(ORIGIN, "/archive/", url));

describe("sitemap index", () => {
  const articles = Array.from({ length: 30 }, (_, i) =>
    makeArticle({ title: `Bài <số> ${i + 1}`, date: `2020-01-${String(i + 1).padStart(2, "0")}T08:00:00+07:00`, section: "Thời sự" }));
  const { archive } = buildArchive(articles, archiveOptions());
  const sitemap = buildSitemap(archive, ["/", "/search/"], 25);

  it("lists every part with an absolute address and its newest date", () => {
    expect(sitemap.isIndex).toBe(true);
    const xml = env.render("feeds/sitemap-index.njk", { sitemap });
    const doc = parseXml(xml) as { sitemapindex: { "@xmlns": string; sitemap: { loc: string; lastmod?: string }[] } };
    expect(doc.sitemapindex["@xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const parts = doc.sitemapindex.sitemap;
    expect(parts.map((p) => p.loc)).toEqual(sitemap.parts.map((_, i) => `${ORIGIN}/archive/sitemap-${i + 1}.xml`));
    for (const p of parts) expect(p.lastmod ?? "").toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
  });

  it("splits every address into parts of at most the limit, none lost or repeated", () => {
    const seen: string[] = [];
    for (const part of sitemap.parts) {
      const xml = env.render("feeds/sitemap.njk", { sitemapPart: part });
      const urls = (parseXml(xml) as { urlset: { url: { loc: string }[] } }).urlset.url.map((u) => u.loc);
      expect(urls.length).toBeLessThanOrEqual(25);
      for (const u of urls) expect(u.startsWith(`${ORIGIN}/archive/`)).toBe(true);
      seen.push(...urls);
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const a of archive.articles) expect(seen).toContain(`${ORIGIN}/archive${a.url}`);
  });
});
