import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { HTMLElement } from "node-html-parser";
import {
  createSiteFixture, EVIL_TITLE, listFiles, NFD_TITLE, one, outputPath, parseHtml, parseXml, readHtml, readOutput,
  runCli, SEED_URL, siteSettings, tempDir, text, validateJsonFeed, type CliResult, type ExpectedArticle,
} from "../helpers/index.ts";

/**
 * One real build (`npm run build -- --articles DIR --out TMP`) of the core fixture, shared by every
 * test here; assertions read the files a host would serve.
 */
const tmp = tempDir("build");
const articlesDir = path.join(tmp.dir, "articles");
const out = path.join(tmp.dir, "out");
const ORIGIN = "https://example.org";
let expected: ExpectedArticle[];
let result: CliResult;
let files: string[];
let htmlFiles: string[];

beforeAll(async () => {
  expected = createSiteFixture(articlesDir);
  result = await runCli("build", ["--articles", articlesDir, "--out", out]);
  if (result.code !== 0) throw new Error(`build failed (${result.code}):\n${result.stderr}`);
  files = listFiles(out);
  htmlFiles = files.filter((f) => f.endsWith(".html"));
});
afterAll(() => tmp.cleanup());

const fileUrl = (file: string) => `/${file.replace(/index\.html$/, "")}`;
const page = (url: string) => readHtml(out, url);
/** _data/site.json's pageSize (20): the fixture's 32 articles make two home pages. */
const PAGE = siteSettings().pageSize;
/** The home listing page an article is on. */
const homePageOf = (url: string) => (expected.findIndex((a) => a.url === url) < PAGE ? "/" : "/page/2/");
const hrefs = (root: HTMLElement, selector: string) => root.querySelectorAll(selector).map((a) => a.getAttribute("href"));
const countOf = <T>(items: readonly T[], keys: (t: T) => (string | undefined)[]) => {
  const m = new Map<string, number>();
  for (const it of items) for (const k of keys(it)) if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};
/** `name (n)` entries of a term index or archive list, as shown. */
const entries = (root: HTMLElement, selector: string) =>
  new Map(root.querySelectorAll(selector).map((li) => [text(li.querySelector("a")), Number(/\((\d+)\)/.exec(text(li.querySelector(".count")))?.[1])]));

describe("build command", () => {
  it("succeeds, reports what it built and prints each warning", () => {
    expect(result.stdout).toMatch(new RegExp(`Built ${expected.length} articles, \\d+ listing pages into ${out.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}/`));
    expect(result.stderr).toMatch(/hop-bao-b\.md:2: slug: address \/2018\/05\/02\/hop-bao-thuong-ky-quy-ii\/ is already taken by .*hop-bao-a\.md; this one is published at \/2018\/05\/02\/hop-bao-thuong-ky-quy-ii-2\//);
    expect(result.stderr).toMatch(/tin-cuoi-ngay\.md:5: tags: "Ha Long" and "Hạ Long" share the address \/tags\/ha-long\/; listed together as "Hạ Long"/);
    expect(result.stderr).toMatch(/ban-tin-dac-biet\.md:6: nguon_anh: unknown field, ignored/);
    expect(result.stderr).toMatch(/nang-cao-chat-luong\.md:\d+: images: image file "anh-da-mat\.jpg" not found/);
    expect(result.stderr).not.toMatch(/^error:/m);
  });

  it("reports each problem once", () => {
    const lines = result.stderr.split("\n").filter((l) => l.startsWith("warning:"));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines).toEqual([...new Set(lines)]);
  });

  it("writes a page for every published article and none for the draft", () => {
    for (const a of expected) expect(existsSync(outputPath(out, a.url)), a.url).toBe(true);
    const articlePages = htmlFiles.filter((f) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(f));
    expect(articlePages.map(fileUrl).sort()).toEqual(expected.map((a) => a.url).sort());
    for (const f of files.filter((f) => /\.(html|xml|json|txt)$/.test(f))) {
      expect(readFileSync(path.join(out, f), "utf8"), f).not.toMatch(/Bản nháp chưa duyệt|Mục nháp|Thẻ nháp|muc-nhap|the-nhap/);
    }
  });
});

describe("every HTML page", () => {
  it("is Vietnamese, has exactly one <h1> and a title", () => {
    expect(htmlFiles.length).toBeGreaterThan(80);
    for (const f of htmlFiles) {
      const root = parseHtml(readFileSync(path.join(out, f), "utf8"));
      expect(root.querySelector("html")?.getAttribute("lang"), f).toBe("vi");
      expect(root.querySelectorAll("h1"), f).toHaveLength(1);
      expect(text(root.querySelector("title")), f).not.toBe("");
    }
  });

  it("links only to files that exist in the build", () => {
    const broken: string[] = [];
    for (const f of htmlFiles) {
      const root = parseHtml(readFileSync(path.join(out, f), "utf8"));
      for (const el of root.querySelectorAll("[href], [src]")) {
        const url = el.getAttribute("href") ?? el.getAttribute("src") ?? "";
        if (!url.startsWith("/") || url.startsWith("//")) continue;
        if (!existsSync(outputPath(out, url))) broken.push(`${f} → ${url}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("article pages stay under 30 kB", () => {
    for (const a of expected) expect(statSync(outputPath(out, a.url)).size, a.url).toBeLessThan(30 * 1024);
  });
});

describe("article page", () => {
  let root: HTMLElement;
  beforeAll(() => {
    root = page(SEED_URL);
  });

  it("has kicker, headline, date line and byline", () => {
    const kicker = one(root, "article .kicker a");
    expect([text(kicker), kicker.getAttribute("href")]).toEqual(["Xây dựng Đảng", "/sections/xay-dung-dang/"]);
    expect(text(one(root, "h1"))).toBe("Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên");
    const time = one(root, "article header time");
    expect(time.getAttribute("datetime")).toBe("2017-08-24T14:47:00+07:00");
    expect(text(time)).toBe("Thứ Năm, 24/08/2017, 14:47 (GMT+7)");
    const byline = one(root, ".byline a[rel=author]");
    expect([text(byline), byline.getAttribute("href")]).toEqual(["Nguyễn Văn An", "/authors/nguyen-van-an/"]);
    expect(text(one(root, "title"))).toBe("Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên · Lưu trữ Tin địa phương");
  });

  it("shows each figure with its caption; a caption whose image is missing has no <img>", () => {
    const figures = root.querySelectorAll("article .body figure");
    expect(figures).toHaveLength(2);
    const [withImage, captionOnly] = figures as [HTMLElement, HTMLElement];
    expect(withImage.querySelector("img")?.getAttribute("src")).toBe("/media/2017/08/hoi-nghi.svg");
    expect(withImage.querySelector("img")?.getAttribute("alt")).toBe("Quang cảnh hội nghị");
    expect(text(withImage.querySelector("figcaption"))).toBe("Quang cảnh hội nghị Ảnh: Báo Quảng Ninh");
    expect(captionOnly.querySelector("img")).toBeNull();
    expect(text(captionOnly.querySelector("figcaption"))).toBe("Ảnh đã mất, chỉ còn chú thích");
    // The marker put the second figure between the two paragraphs.
    expect(root.querySelector("article .body")?.innerHTML).toMatch(/<\/p>\s*<figure><figcaption>Ảnh đã mất[^]*<\/figure>\s*<p>Các đại biểu/);
  });

  it("publishes the image file next to the page that uses it", () => {
    const file = path.join(out, "media", "2017", "08", "hoi-nghi.svg");
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toContain("<svg");
  });

  it("links its tags (Ha Long and Hạ Long to one page)", () => {
    expect(root.querySelectorAll("ul.tags a[rel=tag]").map((a) => [text(a), a.getAttribute("href")])).toEqual([
      ["Hạ Long", "/tags/ha-long/"],
      ["Đảng viên", "/tags/dang-vien/"],
    ]);
  });

  it("links the older and newer article of the whole archive", () => {
    const i = expected.findIndex((a) => a.url === SEED_URL);
    expect(hrefs(root, "nav.article-nav a[rel=prev]")).toEqual([expected[i + 1]!.url]);
    expect(hrefs(root, "nav.article-nav a[rel=next]")).toEqual([expected[i - 1]!.url]);
    expect(expected[i + 1]!.url).toBe("/2017/08/20/hoi-nghi-phat-trien-du-lich-ha-long/");
    // Newest and oldest have one neighbour only.
    expect(hrefs(page(expected[0]!.url), "nav.article-nav a[rel=next]")).toEqual([]);
    expect(hrefs(page(expected.at(-1)!.url), "nav.article-nav a[rel=prev]")).toEqual([]);
  });

  it("lists related articles that share its tags", () => {
    const related = hrefs(root, "aside.related li a");
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(4);
    expect(related).not.toContain(SEED_URL);
    const haLong = new Set(expected.filter((a) => a.tags.includes("Hạ Long")).map((a) => a.url));
    expect(related.slice(0, 2).every((u) => haLong.has(u ?? ""))).toBe(true);
  });

  it("has JSON-LD NewsArticle with headline, date with offset, author and section", () => {
    const scripts = root.querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    const data = JSON.parse(scripts[0]!.textContent) as Record<string, unknown>;
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên",
      datePublished: "2017-08-24T14:47:00+07:00",
      author: { "@type": "Person", name: "Nguyễn Văn An" },
      articleSection: "Xây dựng Đảng",
      url: `${ORIGIN}${SEED_URL}`,
    });
  });

  it("has Open Graph tags and a canonical URL", () => {
    const meta = (p: string) => root.querySelector(`meta[property="${p}"]`)?.getAttribute("content");
    expect(meta("og:type")).toBe("article");
    expect(meta("og:title")).toBe("Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên");
    expect(meta("og:url")).toBe(`${ORIGIN}${SEED_URL}`);
    expect(meta("og:description")).toBe("Hội nghị bàn giải pháp nâng cao chất lượng tổ chức cơ sở đảng.");
    expect(meta("article:published_time")).toBe("2017-08-24T14:47:00+07:00");
    expect(meta("article:section")).toBe("Xây dựng Đảng");
    expect(hrefs(root, 'link[rel="canonical"]')).toEqual([`${ORIGIN}${SEED_URL}`]);
  });
});

describe("dates across the time-zone boundary", () => {
  it.each([
    ["/2017/08/24/tin-cuoi-ngay-ha-long-don-doan-khach-quoc-te/", "2017-08-24T23:30:00+07:00", "Thứ Năm, 24/08/2017, 23:30 (GMT+7)"],
    ["/2017/08/24/ban-tin-dem-ghi-theo-gio-quoc-te/", "2017-08-24T23:30:00+07:00", "Thứ Năm, 24/08/2017, 23:30 (GMT+7)"],
    ["/2017/08/24/ban-tin-khong-ghi-mui-gio/", "2017-08-24T23:45:00+07:00", "Thứ Năm, 24/08/2017, 23:45 (GMT+7)"],
  ])("%s is on the 24th", (url, iso, long) => {
    const time = one(page(url), "article header time");
    expect(time.getAttribute("datetime")).toBe(iso);
    expect(text(time)).toBe(long);
  });

  it("the day listing holds all four articles of the 24th and nothing of the 25th exists", () => {
    const day = page("/2017/08/24/");
    expect(hrefs(day, "ol.article-list h2 a").sort()).toEqual(expected.filter((a) => a.dateIso.startsWith("2017-08-24")).map((a) => a.url).sort());
    expect(existsSync(outputPath(out, "/2017/08/25/"))).toBe(false);
  });
});

describe("text edge cases", () => {
  it("a decomposed (NFD) title comes out composed (NFC) in HTML, feeds and address", () => {
    const url = "/2017/08/20/hoi-nghi-phat-trien-du-lich-ha-long/";
    const raw = readOutput(out, url);
    expect(text(one(parseHtml(raw), "h1"))).toBe(NFD_TITLE.normalize("NFC"));
    for (const f of [url, "/feed.xml", "/feed.json", homePageOf(url), "/sections/doi-song/"]) {
      const content = readOutput(out, f);
      expect(content.includes(NFD_TITLE), f).toBe(false);
      expect(content.includes(NFD_TITLE.normalize("NFC")) || content.includes(JSON.stringify(NFD_TITLE.normalize("NFC")).slice(1, -1)), f).toBe(true);
    }
    expect(hrefs(page("/sections/"), "ul.term-list a").filter((h) => h === "/sections/doi-song/")).toHaveLength(1);
  });

  it("a file with BOM and CRLF is a normal article", () => {
    const root = page("/2016/12/31/bai-viet-co-bom-va-crlf/");
    expect(text(one(root, "h1"))).toBe("Bài viết có BOM và CRLF");
    expect(root.querySelectorAll("article .body p").map(text)).toEqual(["Dòng đầu.", "Đoạn hai của bài CRLF."]);
    expect(readOutput(out, "/2016/12/31/bai-viet-co-bom-va-crlf/")).not.toMatch(/\r|\uFEFF/);
  });

  it("two articles with one title on one day get slug and slug-2, in path order", () => {
    expect(root("/2018/05/02/hop-bao-thuong-ky-quy-ii/")).toBe("Buổi họp báo buổi sáng.");
    expect(root("/2018/05/02/hop-bao-thuong-ky-quy-ii-2/")).toBe("Buổi họp báo buổi chiều.");
    function root(url: string) {
      return text(page(url).querySelector("article .body p"));
    }
  });

  it("a slug override sets the address", () => {
    expect(text(one(page("/2019/01/15/ban-tin-dac-biet/"), "h1"))).toBe("Một tiêu đề rất dài mà địa chỉ không lấy theo");
  });
});

describe("listings", () => {
  it("home: pageSize newest, then /page/2/, linked both ways with rel=prev/next", () => {
    expect(expected.length).toBeGreaterThan(PAGE);
    expect(expected.length).toBeLessThanOrEqual(2 * PAGE);
    const home = page("/");
    expect(hrefs(home, "ol.article-list h2 a")).toEqual(expected.slice(0, PAGE).map((a) => a.url));
    expect(hrefs(home, 'head link[rel="next"]')).toEqual(["/page/2/"]);
    expect(hrefs(home, 'head link[rel="prev"]')).toEqual([]);
    expect(hrefs(home, "nav.pagination a[rel=next]")).toEqual(["/page/2/"]);
    expect(text(one(home, ".listing-header .count"))).toBe(`${expected.length} bài`);
    const second = page("/page/2/");
    expect(hrefs(second, "ol.article-list h2 a")).toEqual(expected.slice(PAGE).map((a) => a.url));
    expect(hrefs(second, 'head link[rel="prev"]')).toEqual(["/"]);
    expect(hrefs(second, 'head link[rel="next"]')).toEqual([]);
    expect(hrefs(second, "nav.pagination a[rel=prev]")).toEqual(["/"]);
    expect(text(one(second, "nav.pagination span"))).toBe("Trang 2/2");
    expect(existsSync(outputPath(out, "/page/3/"))).toBe(false);
  });

  it("home list items show kicker, date and author", () => {
    const item = page("/").querySelectorAll("li.article-item").find((li) => li.querySelector("h2 a")?.getAttribute("href") === expected[0]!.url)!;
    expect(item.querySelector("a.kicker")?.getAttribute("href")).toBe("/sections/kinh-te/");
    expect(item.querySelector("time")?.getAttribute("datetime")).toBe(expected[0]!.dateIso);
  });

  it.each([
    ["/sections/thoi-su/", (a: ExpectedArticle) => a.section === "Thời sự", "Thời sự"],
    ["/sections/xay-dung-dang/", (a: ExpectedArticle) => a.section === "Xây dựng Đảng", "Xây dựng Đảng"],
    ["/tags/ha-long/", (a: ExpectedArticle) => a.tags.includes("Hạ Long"), "Hạ Long"],
    ["/tags/du-lich/", (a: ExpectedArticle) => a.tags.includes("Du lịch"), "Du lịch"],
    ["/authors/pham-thu-ha/", (a: ExpectedArticle) => a.author === "Phạm Thu Hà", "Phạm Thu Hà"],
    ["/authors/luc-van-son/", (a: ExpectedArticle) => a.author === "Lục Văn Sơn", "Lục Văn Sơn"],
    ["/2017/", (a: ExpectedArticle) => a.dateIso.startsWith("2017-"), "Năm 2017"],
    ["/2017/08/", (a: ExpectedArticle) => a.dateIso.startsWith("2017-08"), "Tháng 08/2017"],
    ["/2017/08/24/", (a: ExpectedArticle) => a.dateIso.startsWith("2017-08-24"), "Ngày 24/08/2017"],
    ["/2022/", (a: ExpectedArticle) => a.dateIso.startsWith("2022-"), "Năm 2022"],
  ])("%s lists exactly its articles, newest first", (url, match, heading) => {
    const root = page(url);
    expect(text(one(root, "h1"))).toBe(heading);
    const want = expected.filter(match).map((a) => a.url);
    expect(want.length).toBeGreaterThan(0);
    expect(hrefs(root, "ol.article-list h2 a")).toEqual(want);
  });

  it("the shared tag page lists both the Hạ Long and the Ha Long article", () => {
    const list = hrefs(page("/tags/ha-long/"), "ol.article-list h2 a");
    expect(list).toContain(SEED_URL);
    expect(list).toContain("/2017/08/24/tin-cuoi-ngay-ha-long-don-doan-khach-quoc-te/");
  });

  it("section pages advertise their own feed", () => {
    expect(hrefs(page("/sections/thoi-su/"), 'head link[rel="alternate"][type="application/atom+xml"]')).toContain("/sections/thoi-su/feed.xml");
  });
});

describe("index pages", () => {
  it.each([
    ["/sections/", "Tất cả chuyên mục", (a: ExpectedArticle) => [a.section]],
    ["/tags/", "Tất cả thẻ", (a: ExpectedArticle) => a.tags],
    ["/authors/", "Tất cả tác giả", (a: ExpectedArticle) => [a.author]],
  ])("%s lists every term with its count", (url, heading, keys) => {
    const root = page(url);
    expect(text(one(root, "h1"))).toBe(heading);
    expect(entries(root, "ul.term-list li")).toEqual(countOf(expected, keys));
  });

  it("/archive/ lists years and months with counts", () => {
    const root = page("/archive/");
    const years = countOf(expected, (a) => [`Năm ${a.dateIso.slice(0, 4)}`]);
    const months = countOf(expected, (a) => [`Tháng ${a.dateIso.slice(5, 7)}/${a.dateIso.slice(0, 4)}`]);
    expect(entries(root, "section.archive-year h2")).toEqual(years);
    expect(entries(root, "ul.month-list li")).toEqual(months);
    expect(root.querySelectorAll("section.archive-year h2 a").map((a) => a.getAttribute("href"))).toEqual(
      [...years.keys()].map((y) => `/${y.slice(4)}/`),
    );
  });
});

describe("feeds", () => {
  type Entry = { title: string; id: string; published: string; updated: string; link: { "@href": string }[]; category?: { "@term": string }[]; content: { "#text": string }; author?: { name: string } };
  const atom = (url: string) => parseXml(readOutput(out, url))["feed"] as { title: string; updated: string; id: string; link: { "@href": string; "@rel": string }[]; entry?: Entry[] };

  it("/feed.xml is well-formed Atom with absolute URLs, dates with offsets, newest first, at most 50", () => {
    const feed = atom("/feed.xml");
    const entries = feed.entry ?? [];
    expect(entries).toHaveLength(Math.min(50, expected.length));
    expect(entries.map((e) => e.id)).toEqual(expected.slice(0, 50).map((a) => `${ORIGIN}${a.url}`));
    expect(entries.map((e) => e.title)).toEqual(expected.slice(0, 50).map((a) => a.title));
    for (const e of entries) {
      expect(e.link[0]?.["@href"]).toMatch(/^https:\/\/example\.org\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/);
      expect(e.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
      expect(e.updated).toBe(e.published);
    }
    expect(feed.updated).toBe(expected[0]!.dateIso);
    expect(feed.id).toBe(`${ORIGIN}/feed.xml`);
    expect(feed.link.find((l) => l["@rel"] === "self")?.["@href"]).toBe(`${ORIGIN}/feed.xml`);
  });

  it("Atom content makes image and link URLs absolute", () => {
    const seed = (atom("/feed.xml").entry ?? []).find((e) => e.id === `${ORIGIN}${SEED_URL}`);
    const html = parseHtml(seed?.content["#text"] ?? "");
    expect(html.querySelector("img")?.getAttribute("src")).toBe(`${ORIGIN}/media/2017/08/hoi-nghi.svg`);
  });

  it("/sections/<slug>/feed.xml holds that section's articles only", () => {
    const feed = atom("/sections/thoi-su/feed.xml");
    expect((feed.entry ?? []).map((e) => e.id)).toEqual(expected.filter((a) => a.section === "Thời sự").map((a) => `${ORIGIN}${a.url}`));
    expect(feed.id).toBe(`${ORIGIN}/sections/thoi-su/feed.xml`);
    for (const slug of ["doi-song", "giao-duc", "kinh-te", "van-hoa", "xay-dung-dang"]) {
      expect(() => parseXml(readOutput(out, `/sections/${slug}/feed.xml`))).not.toThrow();
    }
  });

  it("/feed.json is valid JSON Feed 1.1 mirroring the Atom feed", () => {
    const feed = JSON.parse(readOutput(out, "/feed.json")) as { items: { id: string; url: string; date_published: string }[] };
    expect(validateJsonFeed(feed)).toEqual([]);
    expect(feed).toMatchObject({ version: "https://jsonfeed.org/version/1.1", home_page_url: `${ORIGIN}/`, feed_url: `${ORIGIN}/feed.json`, language: "vi" });
    expect(feed.items.map((i) => i.url)).toEqual(expected.slice(0, 50).map((a) => `${ORIGIN}${a.url}`));
    expect(feed.items.map((i) => i.date_published)).toEqual(expected.slice(0, 50).map((a) => a.dateIso));
  });
});

describe("sitemap, robots, 404", () => {
  it("/sitemap.xml is well-formed, absolute, and every URL is a built page", () => {
    const doc = parseXml(readOutput(out, "/sitemap.xml"));
    const set = doc["urlset"] as { "@xmlns": string; url: { loc: string; lastmod?: string }[] };
    expect(set["@xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const locs = set.url.map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    for (const loc of locs) {
      expect(loc.startsWith(`${ORIGIN}/`), loc).toBe(true);
      expect(existsSync(outputPath(out, loc.slice(ORIGIN.length))), loc).toBe(true);
    }
    for (const a of expected) expect(locs).toContain(`${ORIGIN}${a.url}`);
    for (const u of set.url) if (u.lastmod) expect(u.lastmod).toMatch(/[+-]\d{2}:\d{2}$|Z$/);
    expect(locs).not.toContain(`${ORIGIN}/page/2/`);
  });

  it("robots.txt allows crawling and points at the absolute sitemap", () => {
    expect(readOutput(out, "/robots.txt").split("\n")).toEqual(expect.arrayContaining(["User-agent: *", `Sitemap: ${ORIGIN}/sitemap.xml`]));
  });

  it("404.html is a noindex page in Vietnamese with a way home", () => {
    const root = page("/404.html");
    expect(text(one(root, "h1"))).toBe("Không tìm thấy trang");
    expect(root.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(hrefs(root, "main a")).toContain("/");
  });

  it("every page has the same header, footer and head links (rendered once per run), and the 404 page its own search form", () => {
    const parts = (file: string) => {
      const root = readHtml(out, fileUrl(file));
      const head = root.querySelectorAll('head link[rel="stylesheet"], head link[rel="alternate"][href^="/feed"], head script[data-offline-register]');
      return { header: one(root, "body > header.site-header").outerHTML, footer: one(root, "body > footer.site-footer").outerHTML, head: head.map((e) => e.outerHTML).join("\n") };
    };
    const pages = htmlFiles.filter((f) => f !== "offline/index.html").map(parts);
    const first = pages[0]!;
    expect(first.header).toContain(`href="/search/"`);
    expect(first.header).toContain(`id="site-search-header"`);
    expect(first.footer).toContain(`href="/feed.xml"`);
    expect(first.head.split("\n")).toHaveLength(4);
    expect(first.head).toContain("Đã có phiên bản mới của kho lưu trữ.");
    for (const p of pages) expect(p).toEqual(first);
    const notFound = page("/404.html");
    expect(notFound.querySelectorAll("form.search-form input").map((i) => i.getAttribute("id"))).toEqual(["site-search-header", "site-search-notfound"]);
  });
});

describe("template safety: hostile text stays text everywhere", () => {
  const evil = () => expected.find((a) => a.title === EVIL_TITLE)!;
  const textFiles = () => files.filter((f) => /\.(html|xml|json|txt)$/.test(f));

  it("no output file contains live markup from an article", () => {
    for (const f of textFiles()) {
      const content = readFileSync(path.join(out, f), "utf8");
      expect(content, f).not.toContain("<script>alert");
      expect(content, f).not.toContain("<img src=x");
    }
  });

  it("template syntax is never evaluated: {{ 7*7 }} is printed, 49 is not", () => {
    const where = [evil().url, homePageOf(evil().url), "/2020/02/20/", "/sections/", "/tags/", "/authors/", "/tags/7-7/", "/feed.xml", "/feed.json"];
    for (const url of where) {
      const content = readOutput(out, url);
      expect(content, url).toContain("{{ 7*7 }}");
      expect(content, url).not.toMatch(/\b49\b/);
    }
    for (const f of textFiles()) expect(readFileSync(path.join(out, f), "utf8"), f).not.toMatch(/\{%-? *(raw|endraw)[^]*?%\}\s*49/);
  });

  it("the article page shows every field exactly as written", () => {
    const root = page(evil().url);
    expect(text(one(root, "h1"))).toBe(EVIL_TITLE);
    expect(text(one(root, "article .kicker a"))).toBe("{{ 7*7 }} <script>alert(1)</script>");
    expect(text(one(root, ".byline a"))).toBe("<script>alert(1)</script> {{ 7*7 }}");
    expect(text(one(root, "p.summary"))).toBe("{% raw %}{{ 7*7 }}{% endraw %} <script>alert(1)</script>");
    expect(root.querySelectorAll("ul.tags a").map(text)).toEqual(["{{ 7*7 }}", '"><img src=x onerror=alert(1)>']);
    expect(text(one(root, "article .body figcaption"))).toBe('{{ 7*7 }} <script>alert(1)</script> Ảnh: "><img src=x onerror=alert(1)>');
    expect(root.querySelectorAll("article .body p").map(text)).toEqual([
      '{{ 7*7 }} {% raw %} <script>alert(1)</script> "><img src=x onerror=alert(1)>',
      "{% endraw %} {{ 7*7 }} <img src=x onerror=alert(1)>",
    ]);
    expect(root.querySelectorAll("script").every((s) => s.getAttribute("type") === "application/ld+json" || s.getAttribute("src"))).toBe(true);
    expect(root.querySelectorAll("article img")).toHaveLength(0);
    expect(root.querySelector('meta[property="og:title"]')?.getAttribute("content")).toBe(EVIL_TITLE);
  });

  it("JSON-LD parses back to the exact strings", () => {
    const data = JSON.parse(one(page(evil().url), 'script[type="application/ld+json"]').textContent) as Record<string, unknown>;
    expect(data).toMatchObject({
      headline: EVIL_TITLE,
      articleSection: "{{ 7*7 }} <script>alert(1)</script>",
      author: { name: "<script>alert(1)</script> {{ 7*7 }}" },
      keywords: '{{ 7*7 }}, "><img src=x onerror=alert(1)>',
    });
  });

  it("listings and term indexes show it as text", () => {
    for (const url of [homePageOf(evil().url), "/2020/02/20/", "/tags/7-7/"]) {
      const item = page(url).querySelectorAll("li.article-item").find((li) => li.querySelector("h2 a")?.getAttribute("href") === evil().url);
      expect(text(item?.querySelector("h2")), url).toBe(EVIL_TITLE);
    }
    expect(page("/authors/").querySelectorAll("ul.term-list a").map(text)).toContain("<script>alert(1)</script> {{ 7*7 }}");
  });

  it("feeds carry it as text", () => {
    const entry = ((parseXml(readOutput(out, "/feed.xml"))["feed"] as { entry: { title: string; author: { name: string } }[] }).entry).find((e) => e.title === EVIL_TITLE);
    expect(entry?.author.name).toBe("<script>alert(1)</script> {{ 7*7 }}");
    const item = (JSON.parse(readOutput(out, "/feed.json")) as { items: { title: string; content_html: string }[] }).items.find((i) => i.title === EVIL_TITLE);
    expect(item).toBeDefined();
    expect(parseHtml(item!.content_html).querySelectorAll("script, img")).toHaveLength(0);
  });
});
