import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/site/archive.ts";
import { feedSpecs, jsonFeed } from "../../src/site/feeds.ts";
import { absoluteUrl } from "../../src/site/urls.ts";
import { archiveOptions, makeArticle, siteSettings } from "../helpers/articles.ts";
import { validateJsonFeed } from "../helpers/feeds.ts";

const EVIL = '{{ 7*7 }} <script>alert(1)</script> "><img src=x onerror=alert(1)>';
const articles = Array.from({ length: 7 }, (_, i) =>
  makeArticle({
    file: `a${i}.md`,
    title: i === 0 ? EVIL : `Bài ${i}`,
    date: `2017-08-${String(10 + i).padStart(2, "0")}T08:00:00+07:00`,
    section: i % 2 === 0 ? "Thời sự" : "Kinh tế",
    tags: ["Hạ Long"],
    ...(i === 1 ? { author: "Lục Văn Sơn" } : {}),
    body: i === 0 ? `${EVIL}\n\n[liên kết](/2017/08/11/bai-1/)\n` : `Nội dung ${i}.\n`,
  }),
);
const settings = siteSettings({ feedSize: 3 });
const { archive } = buildArchive(articles, { ...archiveOptions(), settings });
const absolute = (url: string) => absoluteUrl(settings.url, "/archive/", url);

describe("feedSpecs", () => {
  const feeds = feedSpecs(archive, settings);

  it("has the site feed and one per section, each the latest feedSize entries", () => {
    expect(feeds.map((f) => [f.url, f.pageUrl, f.entries.length])).toEqual([
      ["/feed.xml", "/", 3],
      ["/sections/kinh-te/feed.xml", "/sections/kinh-te/", 3],
      ["/sections/thoi-su/feed.xml", "/sections/thoi-su/", 3],
    ]);
    expect(feeds[0]?.entries.map((e) => e.title)).toEqual(["Bài 6", "Bài 5", "Bài 4"]);
    expect(feeds[2]?.entries.map((e) => e.title)).toEqual(["Bài 6", "Bài 4", "Bài 2"]);
    expect(feeds[1]?.title).toBe(`Kinh tế · ${settings.name}`);
  });

  it("dates a feed by its newest entry, never by the build time", () => {
    expect(feeds[0]?.updated).toBe("2017-08-16T08:00:00+07:00");
    expect(feeds[1]?.updated).toBe("2017-08-15T08:00:00+07:00");
  });

  it("an empty archive's feed is dated at the epoch", () => {
    const empty = buildArchive([], archiveOptions()).archive;
    expect(feedSpecs(empty, settings)).toEqual([{ title: settings.name, url: "/feed.xml", pageUrl: "/", updated: "1970-01-01T00:00:00Z", entries: [] }]);
  });
});

describe("jsonFeed", () => {
  const all = { title: settings.name, url: "/feed.xml", pageUrl: "/", updated: "", entries: archive.articles };
  const text = jsonFeed(all, settings, absolute);
  const feed = JSON.parse(text) as Record<string, unknown> & { items: Record<string, unknown>[] };

  it("is valid JSON Feed 1.1 with absolute URLs under the path prefix", () => {
    expect(validateJsonFeed(feed)).toEqual([]);
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      home_page_url: "https://example.org/archive/",
      feed_url: "https://example.org/archive/feed.json",
      language: "vi",
    });
    expect(feed.items.find((i) => i["title"] === "Bài 1")).toMatchObject({
      id: "https://example.org/archive/2017/08/11/bai-1/",
      url: "https://example.org/archive/2017/08/11/bai-1/",
      date_published: "2017-08-11T08:00:00+07:00",
      authors: [{ name: "Lục Văn Sơn", url: "https://example.org/archive/authors/luc-van-son/" }],
      tags: ["Kinh tế", "Hạ Long"],
    });
  });

  it("makes links inside content_html absolute", () => {
    const evil = feed.items.find((i) => i["title"] === EVIL);
    expect(evil?.["content_html"]).toContain('<a href="https://example.org/archive/2017/08/11/bai-1/">liên kết</a>');
  });

  it("keeps hostile text as text: exact after parsing, never raw markup in the file", () => {
    const evil = feed.items.find((i) => i["title"] === EVIL);
    expect(evil?.["summary"]).toBe(`${EVIL} liên kết`);
    expect(evil?.["content_html"]).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(text).not.toContain("<script");
    expect(text).not.toContain("<img");
    expect(text).not.toMatch(/\b49\b/);
  });
});
