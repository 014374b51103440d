import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/site/archive.ts";
import { buildSitemap } from "../../src/site/sitemap.ts";
import { archiveOptions, makeArticle } from "../helpers/articles.ts";

const articles = Array.from({ length: 6 }, (_, i) =>
  makeArticle({ file: `a${i}.md`, title: `Bài ${i}`, date: `2017-0${1 + i}-15T08:00:00+07:00`, section: "Thời sự" }),
);
const { archive } = buildArchive(articles, archiveOptions({ pageSize: 2 }));
const STATIC = ["/", "/sections/", "/archive/"];

describe("buildSitemap", () => {
  const sitemap = buildSitemap(archive, STATIC);
  const urls = sitemap.parts.flatMap((p) => p.urls.map((u) => u.url));

  it("is one /sitemap.xml while it fits", () => {
    expect(sitemap.isIndex).toBe(false);
    expect(sitemap.parts.map((p) => p.url)).toEqual(["/sitemap.xml"]);
  });

  it("lists every article, every listing's first page and the static pages, each once", () => {
    expect(new Set(urls).size).toBe(urls.length);
    for (const a of archive.articles) expect(urls).toContain(a.url);
    for (const l of archive.listings) {
      if (l.pageNumber === 1) expect(urls).toContain(l.url);
      else expect(urls).not.toContain(l.url);
    }
    expect(urls).toEqual(expect.arrayContaining(STATIC));
    const expected = new Set([...STATIC, ...archive.articles.map((a) => a.url), ...archive.listings.filter((l) => l.pageNumber === 1).map((l) => l.url)]);
    expect(urls.length).toBe(expected.size);
  });

  it("dates articles and listings by their newest article, with offset", () => {
    const all = sitemap.parts[0]!.urls;
    expect(all.find((u) => u.url === archive.articles[0]!.url)?.lastmod).toBe("2017-06-15T08:00:00+07:00");
    expect(all.find((u) => u.url === "/")?.lastmod).toBe("2017-06-15T08:00:00+07:00");
    expect(all.find((u) => u.url === "/2017/01/")?.lastmod).toBe("2017-01-15T08:00:00+07:00");
    expect(all.find((u) => u.url === "/sections/")?.lastmod).toBeUndefined();
  });

  it("becomes an index of parts of at most perPart URLs beyond the limit", () => {
    const split = buildSitemap(archive, STATIC, 5);
    expect(split.isIndex).toBe(true);
    expect(split.parts.map((p) => p.url)).toEqual(
      Array.from({ length: Math.ceil(urls.length / 5) }, (_, i) => `/sitemap-${i + 1}.xml`),
    );
    for (const part of split.parts) expect(part.urls.length).toBeLessThanOrEqual(5);
    expect(split.parts.flatMap((p) => p.urls.map((u) => u.url))).toEqual(urls);
    for (const part of split.parts) {
      const newest = part.urls.map((u) => u.lastmod ?? "").sort().at(-1);
      expect(part.lastmod).toBe(newest === "" ? undefined : newest);
    }
  });

  it("exactly perPart URLs is still a single sitemap", () => {
    expect(buildSitemap(archive, STATIC, urls.length).isIndex).toBe(false);
    expect(buildSitemap(archive, STATIC, urls.length - 1).isIndex).toBe(true);
  });

  it("defaults to the protocol's 50,000", () => {
    const many = Array.from({ length: 50_001 }, (_, i) => ({ url: `/x/${i}/`, dateIso: "2017-01-01T00:00:00+07:00" }));
    const big = buildSitemap({ ...archive, listings: [], articles: many as unknown as typeof archive.articles }, []);
    expect(big.isIndex).toBe(true);
    expect(big.parts.map((p) => p.urls.length)).toEqual([50_000, 1]);
  });
});
