import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/site/archive.ts";
import { formatProblem, type Article } from "../../src/article/model.ts";
import { archiveOptions, makeArticle } from "../helpers/articles.ts";

const articles: Article[] = [
  makeArticle({ file: "2017/a.md", title: "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên", date: "2017-08-24T14:47:00+07:00", section: "Thời sự", tags: ["Hạ Long", "Đảng viên"], author: "Nguyễn Văn An", summary: "Tóm tắt A." }),
  makeArticle({ file: "2017/b.md", title: "Tin đêm", date: "2017-08-24T16:30:00Z", section: "Thời sự", tags: ["Ha Long"], body: "Nội dung **B**.\n" }),
  makeArticle({ file: "2018/c.md", title: "Kinh tế biển", date: "2018-01-05T09:00:00+07:00", section: "Kinh tế", author: "Trần Thị Bình", tags: ["Hạ Long"] }),
  makeArticle({ file: "2018/d.md", title: "Bản nháp", date: "2018-02-01T09:00:00+07:00", draft: true, section: "Bí mật", tags: ["Nháp"] }),
  makeArticle({ file: "2019/e.md", title: "Mùa vải", date: "2019-06-24T07:00:00+07:00", section: "Kinh tế", author: "Trần Thị Bình" }),
];

const { archive, problems } = buildArchive(articles, archiveOptions({ pageSize: 2 }));
const byTitle = (title: string) => {
  const v = archive.articles.find((a) => a.title === title);
  if (!v) throw new Error(`no view for ${title}`);
  return v;
};

describe("buildArchive", () => {
  it("publishes every non-draft article, newest first", () => {
    expect(archive.articles.map((a) => a.title)).toEqual(["Mùa vải", "Kinh tế biển", "Tin đêm", "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên"]);
  });

  it("leaves drafts out of every list, term and listing", () => {
    const everywhere = JSON.stringify(archive);
    expect(everywhere).not.toContain("Bản nháp");
    expect(everywhere).not.toContain("Bí mật");
    expect(everywhere).not.toContain("Nháp");
  });

  it("precomputes dates for templates in the archive's zone", () => {
    const a = byTitle("Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên");
    expect(a).toMatchObject({
      url: "/2017/08/24/nang-cao-chat-luong-to-chuc-co-so-dang-va-dang-vien/",
      dateIso: "2017-08-24T14:47:00+07:00",
      dateLong: "Thứ Năm, 24/08/2017, 14:47 (GMT+7)",
      dateShort: "24/08/2017",
      year: "2017", month: "08", day: "24",
      description: "Tóm tắt A.",
      summary: "Tóm tắt A.",
    });
    expect(byTitle("Tin đêm")).toMatchObject({ url: "/2017/08/24/tin-dem/", dateIso: "2017-08-24T23:30:00+07:00" });
  });

  it("describes an article without summary by the start of its text", () => {
    expect(byTitle("Tin đêm").description).toBe("Nội dung B.");
    expect(byTitle("Tin đêm").html()).toBe("<p>Nội dung <strong>B</strong>.</p>\n");
  });

  it("links each article to its older (prev) and newer (next) neighbour", () => {
    const titles = archive.articles.map((a) => a.title);
    archive.articles.forEach((a, i) => {
      expect(a.next?.title).toBe(titles[i - 1]);
      expect(a.prev?.title).toBe(titles[i + 1]);
    });
    expect(archive.articles[0]?.next).toBeUndefined();
    expect(archive.articles.at(-1)?.prev).toBeUndefined();
  });

  it("links sections, authors and tags, merging tags that share a slug", () => {
    expect(byTitle("Tin đêm").section).toEqual({ name: "Thời sự", url: "/sections/thoi-su/" });
    expect(byTitle("Tin đêm").tags).toEqual([{ name: "Hạ Long", url: "/tags/ha-long/" }]);
    expect(byTitle("Kinh tế biển").author).toEqual({ name: "Trần Thị Bình", url: "/authors/tran-thi-binh/" });
    const haLong = archive.tags.find((t) => t.slug === "ha-long");
    expect(haLong?.name).toBe("Hạ Long");
    expect(haLong?.articles.map((a) => a.title)).toEqual(["Kinh tế biển", "Tin đêm", "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên"]);
  });

  it("sorts term indexes by Vietnamese collation", () => {
    expect(archive.sections.map((s) => s.name)).toEqual(["Kinh tế", "Thời sự"]);
    expect(archive.tags.map((s) => s.name)).toEqual(["Đảng viên", "Hạ Long"]);
    expect(archive.authors.map((s) => `${s.name}:${s.articles.length}`)).toEqual(["Nguyễn Văn An:1", "Trần Thị Bình:2"]);
  });

  it("warns once that Ha Long and Hạ Long share a page", () => {
    expect(problems.map((p) => `${p.severity}: ${formatProblem(p)}`)).toEqual([
      'warning: 2017/b.md:5: tags: "Ha Long" and "Hạ Long" share the address /tags/ha-long/; listed together as "Hạ Long"',
    ]);
  });

  it("paginates every listing with pageSize and links pages", () => {
    const home = archive.listings.filter((l) => l.kind === "home");
    expect(home.map((l) => [l.url, l.items.length, l.prevUrl, l.nextUrl])).toEqual([
      ["/", 2, undefined, "/page/2/"],
      ["/page/2/", 2, "/", undefined],
    ]);
    expect(home.every((l) => l.pageCount === 2 && l.total === 4 && l.feedUrl === "/feed.xml")).toBe(true);
    const urls = archive.listings.map((l) => l.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).toEqual(expect.arrayContaining([
      "/sections/thoi-su/", "/sections/kinh-te/", "/tags/ha-long/", "/tags/ha-long/page/2/", "/tags/dang-vien/",
      "/authors/tran-thi-binh/", "/authors/nguyen-van-an/",
      "/2017/", "/2018/", "/2019/", "/2017/08/", "/2018/01/", "/2019/06/", "/2017/08/24/", "/2018/01/05/", "/2019/06/24/",
    ]));
    expect(archive.listings.find((l) => l.url === "/sections/kinh-te/")?.feedUrl).toBe("/sections/kinh-te/feed.xml");
    expect(archive.listings.find((l) => l.url === "/tags/ha-long/")?.feedUrl).toBeUndefined();
  });

  it("names date listings with the UI strings", () => {
    const title = (url: string) => archive.listings.find((l) => l.url === url)?.title;
    expect([title("/2017/"), title("/2017/08/"), title("/2017/08/24/")]).toEqual(["Năm 2017", "Tháng 08/2017", "Ngày 24/08/2017"]);
    expect(archive.listings.find((l) => l.url === "/2017/08/24/")?.items.map((i) => i.title)).toEqual(["Tin đêm", "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên"]);
  });

  it("counts years and months for the archive page", () => {
    expect(archive.years).toEqual([
      { year: "2019", url: "/2019/", count: 1, months: [{ year: "2019", month: "06", url: "/2019/06/", count: 1 }] },
      { year: "2018", url: "/2018/", count: 1, months: [{ year: "2018", month: "01", url: "/2018/01/", count: 1 }] },
      { year: "2017", url: "/2017/", count: 2, months: [{ year: "2017", month: "08", url: "/2017/08/", count: 2 }] },
    ]);
  });

  it("relates articles that share tags or section, never the article itself", () => {
    const a = byTitle("Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên");
    expect(a.related.map((r) => r.title)).toEqual(["Tin đêm", "Kinh tế biển"]);
    for (const v of archive.articles) expect(v.related.map((r) => r.url)).not.toContain(v.url);
  });
});

describe("buildArchive problems", () => {
  it("is an error when a figure marker points past the images, on the body line", () => {
    const a = makeArticle({ file: "x.md", title: "X", date: "2017-08-24T08:00:00+07:00", body: "\nMột.\n\n[[figure 2]]\n", bodyLine: 5, images: [{ caption: "c" }] });
    const { problems } = buildArchive([a], archiveOptions());
    // Body line 0 is file line 5, so the marker on body line 3 is on file line 8.
    expect(problems.map(formatProblem)).toEqual(["x.md:8: body: [[figure 2]] refers to image 2, but images has 1"]);
  });

  it("is an error when a tag, section or author slugifies to nothing, and leaves it out", () => {
    const a = makeArticle({ file: "q.md", title: "Q", date: "2017-08-24T08:00:00+07:00", tags: ["ok", "???"], section: "!!!", author: "…" });
    const { archive, problems } = buildArchive([a], archiveOptions());
    expect(problems.map((p) => `${p.severity}: ${formatProblem(p)}`)).toEqual([
      'error: q.md:4: section: "!!!" has no letters or digits to make an address from',
      'error: q.md:5: tags: "???" has no letters or digits to make an address from',
      'error: q.md:6: author: "…" has no letters or digits to make an address from',
    ]);
    expect(archive.tags.map((t) => t.slug)).toEqual(["ok"]);
  });

  it("lists an article tagged with two spellings of one tag once, and keeps its tag order", () => {
    const a = makeArticle({ file: "h.md", title: "H", date: "2017-08-24T08:00:00+07:00", tags: ["Ha Long", "Du lịch", "Hạ Long"] });
    const b = makeArticle({ file: "i.md", title: "I", date: "2017-08-25T08:00:00+07:00", tags: ["Hạ Long"] });
    const { archive } = buildArchive([a, b], archiveOptions());
    const tag = archive.tags.find((t) => t.slug === "ha-long");
    expect(tag?.articles.map((v) => v.title)).toEqual(["I", "H"]);
    expect(archive.articles.find((v) => v.title === "H")?.tags.map((t) => t.name)).toEqual(["Hạ Long", "Du lịch"]);
    expect(archive.listings.find((l) => l.url === "/tags/ha-long/")?.total).toBe(2);
  });

  it("an empty archive still has a home page", () => {
    const { archive } = buildArchive([], archiveOptions());
    expect(archive.listings.map((l) => l.url)).toEqual(["/"]);
    expect(archive.listings[0]?.items).toEqual([]);
  });
});
