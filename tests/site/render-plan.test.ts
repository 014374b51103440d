import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/article/model.ts";
import { buildArchive, type Archive } from "../../src/site/archive.ts";
import { planRender, renderRunsByPart, type RenderPlan } from "../../src/site/render-plan.ts";
import { pageFile } from "../../src/site/look-ahead.ts";
import type { BuildState } from "../../src/site/build-state.ts";
import { planIndexParts, type IndexPart } from "../../src/search/parts.ts";
import type { ArticleView } from "../../src/site/views.ts";
import { derivedPages, JSON_FEED_URL, STATIC_PAGES, type DerivedPages } from "../../src/site/derived-pages.ts";
import { buildSitemap } from "../../src/site/sitemap.ts";
import { archiveOptions, makeArticle } from "../helpers/articles.ts";
import { tempDir } from "../helpers/cli.ts";

/**
 * planRender over a small in-memory archive (listing pages of 2, search parts of at least 2
 * articles), against output folders made by hand: a page "exists" when its index.html does, a part
 * when its pagefind-entry.json does.
 */
const tmp = tempDir("render-plan");
afterAll(() => tmp.cleanup());
let outCount = 0;

const FP = "fingerprint-1";

/** Eight articles over four years; each has a summary, so its listings do not show its body. */
function baseArticles(): Article[] {
  return [
    makeArticle({ file: "2017/08/a.md", title: "Hội nghị đảng viên", date: "2017-08-24T14:47:00+07:00", section: "Thời sự", tags: ["Hạ Long"], summary: "Tóm tắt A.", body: "Nội dung A." }),
    makeArticle({ file: "2017/08/b.md", title: "Tin đêm", date: "2017-08-25T16:30:00+07:00", section: "Thời sự", summary: "Tóm tắt B.", body: "Nội dung B." }),
    makeArticle({ file: "2018/05/c.md", title: "Kinh tế biển", date: "2018-05-05T09:00:00+07:00", section: "Kinh tế", author: "Trần Thị Bình", tags: ["Cảng"], summary: "Tóm tắt C.", body: "Nội dung C." }),
    makeArticle({ file: "2018/11/d.md", title: "Mùa vải", date: "2018-11-01T09:00:00+07:00", section: "Kinh tế", author: "Trần Thị Bình", summary: "Tóm tắt D.", body: "Nội dung D." }),
    makeArticle({ file: "2019/03/e.md", title: "Chợ phiên", date: "2019-03-17T07:00:00+07:00", section: "Đời sống", tags: ["Bình Liêu"], summary: "Tóm tắt E.", body: "Nội dung E." }),
    makeArticle({ file: "2019/03/f.md", title: "Lễ hội", date: "2019-03-20T07:00:00+07:00", section: "Văn hóa", summary: "Tóm tắt F.", body: "Nội dung F.", slugOverride: "le-hoi" }),
    makeArticle({ file: "2021/11/g.md", title: "Đường ven biển", date: "2021-11-05T07:00:00+07:00", section: "Giao thông", summary: "Tóm tắt G.", body: "Nội dung G." }),
    makeArticle({ file: "2021/12/h.md", title: "Bão số 3", date: "2021-12-06T07:00:00+07:00", section: "Thời sự", tags: ["Hạ Long"], summary: "Tóm tắt H.", body: "Nội dung H." }),
  ];
}

interface Planned {
  archive: Archive;
  parts: IndexPart[];
  plan: RenderPlan;
}

const OPTIONS = archiveOptions({ pageSize: 2, feedSize: 2 });

/** The feeds (of the 2 newest) and the sitemap, in parts of 10 addresses. */
function derivedOf(archive: Archive): DerivedPages {
  return { ...derivedPages(archive, OPTIONS.settings), sitemap: buildSitemap(archive, STATIC_PAGES, 10) };
}

/** Listings of 2, and derivedOf's feeds and sitemap parts. */
function plan(articles: readonly Article[], previous: BuildState | null, outDir: string, fingerprint = FP): Planned {
  const { archive } = buildArchive(articles, OPTIONS);
  const parts = planIndexParts(archive.articles, 2);
  return { archive, parts, plan: planRender(archive, parts, fingerprint, previous, outDir, { derived: derivedOf(archive) }) };
}

/** A fresh output folder holding every page and part file of `planned`, as a finished build leaves it. */
function writtenOutput(planned: Planned): string {
  const out = path.join(tmp.dir, `out-${++outCount}`);
  for (const url of Object.keys(planned.plan.next.pages)) {
    mkdirSync(path.dirname(pageFile(out, url)), { recursive: true });
    writeFileSync(pageFile(out, url), url);
  }
  for (const part of planned.parts) {
    mkdirSync(path.join(out, part.dir), { recursive: true });
    writeFileSync(path.join(out, part.dir, "pagefind-entry.json"), "{}");
  }
  return out;
}

/** The first build of the base archive, written out: what every incremental case starts from. */
function firstBuild(): { first: Planned; out: string } {
  const first = plan(baseArticles(), null, path.join(tmp.dir, "none"));
  return { first, out: writtenOutput(first) };
}

const urls = (pages: readonly { url: string }[]) => pages.map((p) => p.url).sort();
const byFile = (archive: Archive, file: string): ArticleView => {
  const view = archive.articles.find((a) => a.file === file);
  if (!view) throw new Error(`no view for ${file}`);
  return view;
};
const partOf = (parts: readonly IndexPart[], view: ArticleView): IndexPart => {
  const part = parts.find((p) => p.months.includes(`${view.year}/${view.month}`));
  if (!part) throw new Error(`no part for ${view.url}`);
  return part;
};
/** Listing pages that show `url` among their items. */
const listingsShowing = (archive: Archive, url: string) => archive.listings.filter((l) => l.items.some((i) => i.url === url));

function edit(articles: Article[], file: string, change: Partial<Article>): Article[] {
  return articles.map((a) => (a.file === file ? { ...a, ...change } : a));
}

describe("planRender without a usable previous build", () => {
  it("renders everything and indexes every part when there is no previous state", () => {
    const { archive, parts, plan: p } = plan(baseArticles(), null, path.join(tmp.dir, "none"));
    expect(p.full).toBe(true);
    expect(p.articles).toEqual(archive.articles);
    expect(p.listings).toEqual(archive.listings);
    expect(p.removed).toEqual([]);
    expect(p.added).toBe(8);
    expect(parts.length).toBeGreaterThan(2);
    expect([...p.parts].sort()).toEqual(parts.map((x) => x.id).sort());
    expect(p.next).toMatchObject({ kind: "news-archive-build", version: 2, fingerprint: FP });
    const derived = derivedOf(archive);
    const derivedUrls = [...urls(derived.feeds), JSON_FEED_URL, ...urls(derived.sitemap.parts)].sort();
    expect(derivedUrls).toEqual(expect.arrayContaining(["/feed.xml", "/feed.json", "/sections/thoi-su/feed.xml", "/sitemap-1.xml", "/sitemap-2.xml"]));
    expect([...p.derived].sort()).toEqual(derivedUrls);
    expect(Object.keys(p.next.pages).sort()).toEqual([...urls(archive.articles), ...urls(archive.listings), ...derivedUrls].sort());
    expect(Object.keys(p.next.parts).sort()).toEqual(parts.map((x) => x.id).sort());
  });

  it("renders everything when the fingerprint changed, even with every file in place", () => {
    const { first, out } = firstBuild();
    const again = plan(baseArticles(), first.plan.next, out, "fingerprint-2");
    expect(again.plan.full).toBe(true);
    expect(again.plan.articles).toHaveLength(8);
    expect(again.plan.listings).toHaveLength(first.archive.listings.length);
    expect(again.plan.parts.size).toBe(first.parts.length);
    expect(again.plan.removed).toEqual([]);
    expect(again.plan.overwrite).toBe(false);
    expect(again.plan.next.fingerprint).toBe("fingerprint-2");
  });

  it("writes over the last build's files when the fingerprint changed, and lists what to delete after", () => {
    const { first, out } = firstBuild();
    const previous = { ...first.plan.next, files: ["feed.xml", "assets/style.0123456789.css"] };
    const gone = byFile(first.archive, "2019/03/e.md");
    const again = planRender(first.archive, first.parts, "fingerprint-2", null, out, { earlier: previous, derived: derivedOf(first.archive) });
    expect([again.full, again.overwrite]).toEqual([true, true]);
    expect(again.articles).toHaveLength(8);
    expect(again.removed).toEqual([]);
    expect(again.previousFiles).toEqual(previous.files);
    const without = plan(baseArticles().filter((a) => a.file !== "2019/03/e.md"), null, out, "fingerprint-2");
    const fewer = planRender(without.archive, without.parts, "fingerprint-2", null, out, { earlier: previous, derived: derivedOf(without.archive) });
    expect(fewer.overwrite).toBe(true);
    expect(fewer.removed).toContain(gone.url);
    expect(fewer.keptPageSizes.size).toBe(0);
  });
});

describe("planRender against the previous build", () => {
  it("renders nothing and indexes nothing when nothing changed and every file is there", () => {
    const { first, out } = firstBuild();
    const again = plan(baseArticles(), first.plan.next, out);
    expect(again.plan.full).toBe(false);
    expect(again.plan.articles).toEqual([]);
    expect(again.plan.listings).toEqual([]);
    expect(again.plan.removed).toEqual([]);
    expect(again.plan.added).toBe(0);
    expect([...again.plan.parts]).toEqual([]);
    // The state it leaves depends only on the inputs: the same as the first build's.
    expect(again.plan.next).toEqual(first.plan.next);
  });

  it("renders only the article whose body changed, and indexes only its part", () => {
    const { first, out } = firstBuild();
    const changed = plan(edit(baseArticles(), "2018/05/c.md", { body: "Nội dung C.\n\nMột đoạn mới." }), first.plan.next, out);
    const c = byFile(changed.archive, "2018/05/c.md");
    expect(changed.plan.full).toBe(false);
    expect(urls(changed.plan.articles)).toEqual([c.url]);
    // Its listings show its summary, which did not change.
    expect(changed.plan.listings).toEqual([]);
    expect([...changed.plan.parts]).toEqual([partOf(changed.parts, c).id]);
    expect(changed.plan.removed).toEqual([]);
    expect(changed.plan.added).toBe(0);
    expect(changed.plan.next.pages[c.url]).not.toBe(first.plan.next.pages[c.url]);
  });

  it("renders the listings of an article whose description (the start of its body) changed", () => {
    const noSummary = edit(baseArticles(), "2019/03/e.md", { summary: undefined });
    const first = plan(noSummary, null, path.join(tmp.dir, "none"));
    const out = writtenOutput(first);
    const changed = plan(edit(noSummary, "2019/03/e.md", { body: "Phiên chợ mở lại." }), first.plan.next, out);
    const e = byFile(changed.archive, "2019/03/e.md");
    expect(urls(changed.plan.articles)).toEqual([e.url]);
    expect(urls(changed.plan.listings)).toEqual(urls(listingsShowing(changed.archive, e.url)));
    expect(changed.plan.listings.length).toBeGreaterThan(4); // home, section, tag, year, month, day…
    expect(changed.plan.listings.length).toBeLessThan(changed.archive.listings.length);
  });

  it("renders the article and the listings that show it when its images or source changed, nothing more", () => {
    const { first, out } = firstBuild();
    const edits: [string, Partial<Article>][] = [
      ["a caption", { images: [{ src: "", caption: "Cảng Cái Lân" }] }],
      ["the source", { source: "Báo Quảng Ninh" }],
    ];
    for (const [name, change] of edits) {
      const changed = plan(edit(baseArticles(), "2018/05/c.md", change), first.plan.next, out);
      const c = byFile(changed.archive, "2018/05/c.md");
      expect(urls(changed.plan.articles), name).toEqual([c.url]);
      expect(urls(changed.plan.listings), name).toEqual(urls(listingsShowing(changed.archive, c.url)));
      expect(changed.plan.listings.length, name).toBeGreaterThan(4);
    }
  });

  it("renders a retitled article, its neighbours, the articles that link to it and the listings that show it", () => {
    const { first, out } = firstBuild();
    // The slug is fixed, so the address stays and only the title changes.
    const changed = plan(edit(baseArticles(), "2019/03/f.md", { title: "Lễ hội Bạch Đằng" }), first.plan.next, out);
    const f = byFile(changed.archive, "2019/03/f.md");
    expect(f.url).toBe(byFile(first.archive, "2019/03/f.md").url);
    const linking = changed.archive.articles.filter((a) => [a.prev, a.next, ...a.related].some((l) => l?.url === f.url));
    const rendered = urls(changed.plan.articles);
    expect(rendered).toEqual(urls([f, ...linking]));
    expect(rendered).toContain(f.prev?.url);
    expect(rendered).toContain(f.next?.url);
    expect(rendered.length).toBeLessThan(changed.archive.articles.length);
    expect(urls(changed.plan.listings)).toEqual(urls(listingsShowing(changed.archive, f.url)));
    expect(changed.plan.listings.length).toBeLessThan(changed.archive.listings.length);
    // Each part holding a rendered article is indexed again; no other.
    expect([...changed.plan.parts].sort()).toEqual([...new Set([f, ...linking].map((a) => partOf(changed.parts, a).id))].sort());
    expect(changed.plan.parts.size).toBeLessThan(changed.parts.length);
    expect(changed.plan.removed).toEqual([]);
  });

  it("treats a retitled article whose address changed as one page removed and one added", () => {
    const { first, out } = firstBuild();
    const oldUrl = byFile(first.archive, "2021/11/g.md").url;
    const changed = plan(edit(baseArticles(), "2021/11/g.md", { title: "Đường ven biển Hạ Long" }), first.plan.next, out);
    const g = byFile(changed.archive, "2021/11/g.md");
    expect(g.url).not.toBe(oldUrl);
    expect(changed.plan.removed).toEqual([oldUrl]);
    expect(changed.plan.added).toBe(1);
    expect(urls(changed.plan.articles)).toContain(g.url);
    expect(changed.plan.next.pages).not.toHaveProperty([oldUrl]);
  });

  it("lists the pages of a removed article as removed, and renders what showed it", () => {
    const { first, out } = firstBuild();
    const gone = byFile(first.archive, "2018/05/c.md");
    const changed = plan(baseArticles().filter((a) => a.file !== "2018/05/c.md"), first.plan.next, out);
    // Its page, and the listings only it was in: its day, its month and its tag (Cảng).
    // And the sitemap's last part: four addresses fewer.
    expect(changed.plan.removed.sort()).toEqual([gone.url, "/2018/05/", "/2018/05/05/", "/tags/cang/", "/sitemap-5.xml"].sort());
    // Its section's feed (it was among the 2 newest), and the sitemap from the part that listed it on.
    expect([...changed.plan.derived].sort()).toEqual(["/sections/kinh-te/feed.xml", "/sitemap-2.xml", "/sitemap-3.xml", "/sitemap-4.xml"]);
    for (const url of changed.plan.removed) expect(changed.plan.next.pages).not.toHaveProperty([url]);
    expect(changed.plan.added).toBe(0);
    expect(changed.plan.full).toBe(false);
    // Its neighbours now link to each other.
    const rendered = urls(changed.plan.articles);
    expect(rendered).toContain(gone.prev?.url);
    expect(rendered).toContain(gone.next?.url);
    expect(rendered).not.toContain(gone.url);
    // Parts: 2018 fell under the target, so it now runs on into 2019 as a new part (a removal may move
    // a boundary); that one, and each part holding a rendered page, is indexed; the others are kept.
    expect(first.parts.map((p) => p.id)).toEqual(["2021-11_2021-12", "2019-03_2019-03", "2018-05_2018-11", "2017-08_2017-08"]);
    expect(changed.parts.map((p) => p.id)).toEqual(["2021-11_2021-12", "2018-11_2019-03", "2017-08_2017-08"]);
    const known = new Set(first.parts.map((p) => p.id));
    const expected = changed.parts.filter((p) => !known.has(p.id) || changed.plan.articles.some((a) => p.months.includes(`${a.year}/${a.month}`)));
    expect([...changed.plan.parts].sort()).toEqual(expected.map((p) => p.id).sort());
    expect(changed.plan.parts.has("2018-11_2019-03")).toBe(true);
    expect(changed.plan.parts.size).toBeLessThan(changed.parts.length);
  });

  it("writes again only the feeds an edited body is in, and no sitemap part; a feed file deleted from the output is written again", () => {
    const { first, out } = firstBuild();
    // h is the newest article (Thời sự): in the site's feed, the JSON Feed and its section's feed.
    const newest = plan(edit(baseArticles(), "2021/12/h.md", { body: "Nội dung H, sửa." }), first.plan.next, out);
    expect([...newest.plan.derived].sort()).toEqual(["/feed.json", "/feed.xml", "/sections/thoi-su/feed.xml"]);
    // a is in no feed: Thời sự's 2 newest are h and b.
    const old = plan(edit(baseArticles(), "2017/08/a.md", { body: "Nội dung A, sửa." }), first.plan.next, out);
    expect(urls(old.plan.articles)).toEqual([byFile(first.archive, "2017/08/a.md").url]);
    expect([...old.plan.derived]).toEqual([]);
    rmSync(path.join(out, "sections", "kinh-te", "feed.xml"));
    rmSync(path.join(out, "sitemap-3.xml"));
    const again = plan(baseArticles(), first.plan.next, out);
    expect([...again.plan.derived].sort()).toEqual(["/sections/kinh-te/feed.xml", "/sitemap-3.xml"]);
    expect(again.plan.articles).toEqual([]);
  });

  it("plans the same when told which article files were parsed anew as when it hashes every page", () => {
    const { first, out } = firstBuild();
    const cases: [string, Article[], string[]][] = [
      ["nothing changed", baseArticles(), []],
      ["a body edited", edit(baseArticles(), "2021/12/h.md", { body: "Nội dung H, sửa." }), ["2021/12/h.md"]],
      ["an old body edited", edit(baseArticles(), "2017/08/a.md", { body: "Nội dung A, sửa." }), ["2017/08/a.md"]],
      ["a summary edited", edit(baseArticles(), "2018/05/c.md", { summary: "Tóm tắt mới." }), ["2018/05/c.md"]],
      ["a title edited", edit(baseArticles(), "2019/03/e.md", { title: "Chợ phiên vùng cao" }), ["2019/03/e.md"]],
      ["a caption added", edit(baseArticles(), "2018/05/c.md", { images: [{ src: "", caption: "Cảng Cái Lân" }] }), ["2018/05/c.md"]],
      ["a file read again, unchanged", baseArticles(), ["2018/11/d.md"]],
      ["an article removed", baseArticles().filter((a) => a.file !== "2018/05/c.md"), []],
      ["an article added", [...baseArticles(), makeArticle({ file: "2022/01/i.md", title: "Tết", date: "2022-01-20T07:00:00+07:00", section: "Thời sự", summary: "Tóm tắt I." })], ["2022/01/i.md"]],
    ];
    for (const [name, articles, parsed] of cases) {
      const { archive } = buildArchive(articles, OPTIONS);
      const parts = planIndexParts(archive.articles, 2);
      const everything = planRender(archive, parts, FP, first.plan.next, out, { derived: derivedOf(archive) });
      const told = planRender(archive, parts, FP, first.plan.next, out, { derived: derivedOf(archive), parsed: new Set(parsed) });
      const summary = (p: RenderPlan) => ({ ...p, articles: urls(p.articles), listings: urls(p.listings) });
      expect(summary(told), name).toEqual(summary(everything));
    }
    expect(first.plan.next.shown).toMatch(/^[\w-]{22}$/);
  });

  it("counts an article the previous build did not have as added", () => {
    const { first, out } = firstBuild();
    const extra = makeArticle({ file: "2022/01/i.md", title: "Tết", date: "2022-01-20T07:00:00+07:00", section: "Đời sống", summary: "Tóm tắt I." });
    const changed = plan([...baseArticles(), extra], first.plan.next, out);
    const i = byFile(changed.archive, "2022/01/i.md");
    expect(changed.plan.added).toBe(1);
    expect(changed.plan.removed).toEqual([]);
    expect(urls(changed.plan.articles)).toContain(i.url);
    expect(changed.plan.parts.has(partOf(changed.parts, i).id)).toBe(true);
  });

  it("renders again a page whose file was deleted from the output, and nothing else", () => {
    const { first, out } = firstBuild();
    const d = byFile(first.archive, "2018/11/d.md");
    const listing = first.archive.listings.find((l) => l.url === "/sections/kinh-te/");
    expect(listing).toBeDefined();
    rmSync(path.join(out, d.url, "index.html"));
    rmSync(path.join(out, "sections", "kinh-te", "index.html"));
    const again = plan(baseArticles(), first.plan.next, out);
    expect(again.plan.full).toBe(false);
    expect(urls(again.plan.articles)).toEqual([d.url]);
    expect(urls(again.plan.listings)).toEqual(["/sections/kinh-te/"]);
    // Its page data did not change, so its part's index is kept.
    expect([...again.plan.parts]).toEqual([]);
    expect(again.plan.next).toEqual(first.plan.next);
  });

  it("gives the size of each page it keeps, from its one look at the file, and none for a page it renders", () => {
    const { first, out } = firstBuild();
    const d = byFile(first.archive, "2018/11/d.md");
    rmSync(path.join(out, d.url, "index.html"));
    const e = byFile(first.archive, "2019/03/e.md");
    writeFileSync(path.join(out, e.url, "index.html"), "x".repeat(1234));
    const again = plan(baseArticles(), first.plan.next, out);
    const pages = Object.keys(first.plan.next.pages);
    expect([...again.plan.keptPageSizes.keys()].sort()).toEqual(pages.filter((u) => u !== d.url).sort());
    // writtenOutput writes each page's URL as its content.
    expect(again.plan.keptPageSizes.get("/sections/kinh-te/")).toBe(Buffer.byteLength("/sections/kinh-te/"));
    expect(again.plan.keptPageSizes.get(e.url)).toBe(1234);
    expect(plan(baseArticles(), null, out).plan.keptPageSizes.size).toBe(0);
  });

  it("takes the pages' sizes looked up ahead when given, and renders a page missing from them", () => {
    const { first, out } = firstBuild();
    const d = byFile(first.archive, "2018/11/d.md");
    const sizes = new Map(Object.keys(first.plan.next.pages).filter((u) => u !== d.url).map((u) => [u, 7] as const));
    const { archive, parts } = plan(baseArticles(), null, out);
    const again = planRender(archive, parts, FP, first.plan.next, out, { pageSizes: sizes, derived: derivedOf(archive) });
    expect(urls(again.articles)).toEqual([d.url]);
    expect(again.listings).toEqual([]);
    expect(again.keptPageSizes).toEqual(sizes);
  });

  it("indexes again a part whose index folder is missing, and nothing else", () => {
    const { first, out } = firstBuild();
    const part = first.parts[1] as IndexPart;
    rmSync(path.join(out, part.dir, "pagefind-entry.json"));
    const again = plan(baseArticles(), first.plan.next, out);
    expect([...again.plan.parts]).toEqual([part.id]);
    expect(again.plan.articles).toEqual([]);
    expect(again.plan.listings).toEqual([]);
  });

  it("indexes again a part the previous state does not know", () => {
    const { first, out } = firstBuild();
    const part = first.parts[0] as IndexPart;
    const { [part.id]: _dropped, ...parts } = first.plan.next.parts;
    const again = plan(baseArticles(), { ...first.plan.next, parts }, out);
    expect([...again.plan.parts]).toEqual([part.id]);
  });
});

describe("renderRunsByPart", () => {
  const { archive } = buildArchive(baseArticles(), archiveOptions({ pageSize: 2 }));
  const parts = planIndexParts(archive.articles, 2);

  for (const size of [1, 2, 3, 100]) {
    it(`puts every page in exactly one run of at most ${size}, part by part in the given order, listings last`, () => {
      const runs = renderRunsByPart(archive.articles, parts, archive.listings, size);
      // One entry per part, in the order given, then one without a part for the listings.
      expect(runs.map((r) => r.part?.id)).toEqual([...parts.map((p) => p.id), undefined]);
      for (const entry of runs) {
        for (const run of entry.runs) {
          expect(run.articles.length + run.listings.length).toBeGreaterThan(0);
          expect(run.articles.length + run.listings.length).toBeLessThanOrEqual(size);
          // Article pages go with their own part; listings only in the last entry.
          if (entry.part) {
            expect(run.listings).toEqual([]);
            for (const a of run.articles) expect(entry.part.months).toContain(`${a.year}/${a.month}`);
          } else {
            expect(run.articles).toEqual([]);
          }
        }
      }
      const articles = runs.flatMap((r) => r.runs.flatMap((run) => run.articles));
      const listings = runs.flatMap((r) => r.runs.flatMap((run) => run.listings));
      expect(urls(articles)).toEqual(urls(archive.articles));
      expect(new Set(articles).size).toBe(archive.articles.length);
      expect(listings).toHaveLength(archive.listings.length);
      expect(new Set(listings).size).toBe(archive.listings.length);
      // As few runs as the size allows.
      for (const entry of runs) {
        const pages = entry.runs.reduce((n, run) => n + run.articles.length + run.listings.length, 0);
        expect(entry.runs).toHaveLength(Math.ceil(pages / size));
      }
    });
  }

  it("follows the order the parts are given in", () => {
    const oldestFirst = parts.slice().reverse();
    const runs = renderRunsByPart(archive.articles, oldestFirst, [], 2);
    expect(runs.map((r) => r.part?.id)).toEqual([...oldestFirst.map((p) => p.id), undefined]);
    expect(runs.at(-1)?.runs).toEqual([]);
  });

  it("keeps a part with no page to render, with no run, so that its index can still be queued", () => {
    const some = archive.articles.filter((a) => a.year === "2019");
    const runs = renderRunsByPart(some, parts, archive.listings.slice(0, 3), 2);
    expect(runs).toHaveLength(parts.length + 1);
    for (const entry of runs.slice(0, -1)) {
      const mine = some.filter((a) => entry.part?.months.includes(`${a.year}/${a.month}`));
      expect(entry.runs.flatMap((r) => r.articles)).toEqual(mine);
    }
    expect(runs.filter((r) => r.part && r.runs.length === 0).length).toBe(parts.length - 1);
    expect(runs.at(-1)?.runs.map((r) => r.listings.length)).toEqual([2, 1]);
  });
});
