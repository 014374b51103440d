import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { buildArchive, type Archive } from "../../src/site/archive.ts";
import { buildSitemap } from "../../src/site/sitemap.ts";
import { feedSpecs } from "../../src/site/feeds.ts";
import type { Article } from "../../src/article/model.ts";
import { archiveOptions, ZONE } from "../helpers/articles.ts";

/**
 * 20,000 in-memory articles straight through the model (no Eleventy): the collections must come out
 * right at archive scale. A quadratic step would make this file time out long before any assertion.
 */
const N = 20_000;
const SECTIONS = ["Thời sự", "Kinh tế", "Văn hóa", "Giáo dục", "Thể thao", "Đời sống", "Giao thông", "Pháp luật"];
const start = DateTime.fromISO("2015-01-01T06:00:00", { zone: ZONE });

function article(i: number): Article {
  // Four articles every day, two of them sharing a title (same-day collisions).
  const date = start.plus({ days: Math.floor(i / 4), hours: i % 4 });
  const title = i % 4 === 3 ? `Bản tin ngày ${Math.floor(i / 4)}` : i % 4 === 2 ? `Bản tin ngày ${Math.floor(i / 4)}` : `Bài số ${i}`;
  return {
    file: `${date.toFormat("yyyy/MM")}/${String(i).padStart(5, "0")}.md`,
    title,
    date,
    section: SECTIONS[i % SECTIONS.length]!,
    tags: ["Quảng Ninh", `Chủ đề ${i % 300}`, ...(i % 7 === 0 ? ["Ha Long"] : i % 7 === 1 ? ["Hạ Long"] : [])],
    author: `Phóng viên ${i % 150}`,
    images: [],
    draft: i % 1000 === 999,
    body: `Nội dung bài ${i}.\n`,
    bodyLine: 8,
    fieldLines: { title: 2, date: 3, section: 4, tags: 5, author: 6 },
  };
}

const all = Array.from({ length: N }, (_, i) => article(i));
const published = all.filter((a) => !a.draft);
const { archive, problems } = buildArchive(all, archiveOptions());

const countBy = <T>(items: readonly T[], key: (t: T) => string[]) => {
  const m = new Map<string, number>();
  for (const it of items) for (const k of key(it)) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};
const termCounts = (terms: Archive["tags"]) => new Map(terms.map((t) => [t.name, t.articles.length]));

describe(`archive model with ${N} articles`, () => {
  it("publishes every non-draft article once, at a unique address, newest first", () => {
    expect(archive.articles).toHaveLength(published.length);
    expect(new Set(archive.articles.map((a) => a.url)).size).toBe(published.length);
    for (let i = 1; i < archive.articles.length; i++) {
      expect(archive.articles[i - 1]!.timestamp).toBeGreaterThanOrEqual(archive.articles[i]!.timestamp);
    }
  });

  it("numbers same-day duplicates with -2 and warns once for each", () => {
    const collisions = problems.filter((p) => p.field === "slug");
    const duplicates = published.filter((a, i, list) => a.title.startsWith("Bản tin") && list[i - 1]?.title === a.title).length;
    expect(collisions).toHaveLength(duplicates);
    expect(archive.articles.filter((a) => /^ban-tin-ngay-\d+-2$/.test(a.slug))).toHaveLength(duplicates);
  });

  it("has a prev/next chain that visits every article once, in order, both ways", () => {
    const byUrl = new Map(archive.articles.map((a) => [a.url, a]));
    let view = archive.articles[0];
    const seen = new Set<string>();
    while (view) {
      expect(seen.has(view.url)).toBe(false);
      seen.add(view.url);
      if (view.prev) expect(byUrl.get(view.prev.url)?.next?.url).toBe(view.url);
      view = view.prev ? byUrl.get(view.prev.url) : undefined;
    }
    expect(seen.size).toBe(archive.articles.length);
    expect(archive.articles[0]?.next).toBeUndefined();
  });

  it("counts sections, tags (with Hạ Long / Ha Long merged) and authors exactly", () => {
    const expectedSections = countBy(published, (a) => [a.section!]);
    expect(termCounts(archive.sections)).toEqual(expectedSections);
    expect(termCounts(archive.authors)).toEqual(countBy(published, (a) => [a.author!]));
    const expectedTags = countBy(published, (a) => a.tags.map((t) => (t === "Ha Long" ? "Hạ Long" : t)));
    const haLong = archive.tags.find((t) => t.slug === "ha-long");
    expect(haLong?.articles.length).toBe(expectedTags.get("Hạ Long"));
    expect(archive.tags.find((t) => t.slug === "quang-ninh")?.articles.length).toBe(published.length);
    expect(archive.tags).toHaveLength(expectedTags.size);
    expect(problems.filter((p) => p.field === "tags")).toHaveLength(1);
  });

  it("paginates every listing without losing or repeating an article", () => {
    const groups = new Map<string, { total: number; items: string[]; pages: number; pageCount: number }>();
    for (const l of archive.listings) {
      const g = groups.get(l.baseUrl) ?? { total: l.total, items: [], pages: 0, pageCount: l.pageCount };
      g.items.push(...l.items.map((i) => i.url));
      g.pages++;
      groups.set(l.baseUrl, g);
      expect(l.items.length).toBeLessThanOrEqual(20);
    }
    for (const [base, g] of groups) {
      expect(g.items.length, base).toBe(g.total);
      expect(new Set(g.items).size, base).toBe(g.total);
      expect(g.pages, base).toBe(g.pageCount);
    }
    expect(groups.get("/")?.total).toBe(published.length);
    expect(groups.get("/")?.pages).toBe(Math.ceil(published.length / 20));
  });

  it("years and months add up to the whole archive", () => {
    expect(archive.years.reduce((n, y) => n + y.count, 0)).toBe(published.length);
    for (const y of archive.years) expect(y.months.reduce((n, m) => n + m.count, 0)).toBe(y.count);
    expect(archive.years.map((y) => y.year)).toEqual(["2028", "2027", "2026", "2025", "2024", "2023", "2022", "2021", "2020", "2019", "2018", "2017", "2016", "2015"]);
  });

  it("relates each article to at most relatedCount others, never itself", () => {
    for (const a of archive.articles) {
      expect(a.related.length).toBeLessThanOrEqual(4);
      expect(a.related.map((r) => r.url)).not.toContain(a.url);
    }
    expect(archive.articles.every((a) => a.related.length === 4)).toBe(true);
  });

  it("feeds stay at feedSize and the sitemap splits into parts", () => {
    for (const f of feedSpecs(archive, archiveOptions().settings)) expect(f.entries.length).toBeLessThanOrEqual(50);
    const sitemap = buildSitemap(archive, [], 10_000);
    const total = archive.articles.length + archive.listings.filter((l) => l.pageNumber === 1).length;
    expect(sitemap.parts.reduce((n, p) => n + p.urls.length, 0)).toBe(total);
    expect(sitemap.parts).toHaveLength(Math.ceil(total / 10_000));
  });
});
