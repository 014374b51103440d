import { describe, expect, it } from "vitest";
import { pageUrl, paginate } from "../../src/site/listings.ts";
import type { ArticleView } from "../../src/site/views.ts";

const views = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `t${i}` }) as ArticleView);

describe("paginate", () => {
  it("splits into pages at base/, base/page/2/… with prev/next links", () => {
    const pages = paginate("section", "Thời sự", "/sections/thoi-su/", views(5), 2, "/sections/thoi-su/feed.xml");
    expect(pages.map((p) => ({ url: p.url, n: p.pageNumber, items: p.items.map((i) => i.title), prev: p.prevUrl, next: p.nextUrl }))).toEqual([
      { url: "/sections/thoi-su/", n: 1, items: ["t0", "t1"], prev: undefined, next: "/sections/thoi-su/page/2/" },
      { url: "/sections/thoi-su/page/2/", n: 2, items: ["t2", "t3"], prev: "/sections/thoi-su/", next: "/sections/thoi-su/page/3/" },
      { url: "/sections/thoi-su/page/3/", n: 3, items: ["t4"], prev: "/sections/thoi-su/page/2/", next: undefined },
    ]);
    for (const p of pages) expect(p).toMatchObject({ kind: "section", title: "Thời sự", baseUrl: "/sections/thoi-su/", pageCount: 3, total: 5, feedUrl: "/sections/thoi-su/feed.xml" });
  });

  it("fills the last page exactly when the count divides evenly", () => {
    const pages = paginate("home", "", "/", views(4), 2);
    expect(pages).toHaveLength(2);
    expect(pages[1]?.nextUrl).toBeUndefined();
    expect(pages[0]?.feedUrl).toBeUndefined();
  });

  it("keeps one empty page for an empty list", () => {
    expect(paginate("home", "", "/", [], 20)).toMatchObject([{ url: "/", pageCount: 1, total: 0, items: [] }]);
  });

  it("pageUrl", () => {
    expect(pageUrl("/", 1)).toBe("/");
    expect(pageUrl("/", 7)).toBe("/page/7/");
  });
});
