import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { escapeMarkdownText, figureMarker, FIGURE_MARKER, serializeArticle } from "../../src/article/serialize.ts";
import { parseArticle } from "../../src/article/parse.ts";
import { plainText, renderBody } from "../../src/article/markdown.ts";
import { toIsoWithOffset } from "../../src/article/dates.ts";
import type { ArticleFrontMatter } from "../../src/article/model.ts";
import { ZONE } from "../helpers/articles.ts";

const NOW = DateTime.fromISO("2030-01-01T00:00:00+07:00", { setZone: true });
const reparse = (text: string) => parseArticle("x.md", new TextEncoder().encode(text), { timeZone: ZONE, now: NOW });

describe("serializeArticle → parseArticle round trip", () => {
  const full: ArticleFrontMatter = {
    title: "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên",
    date: "2017-08-24T14:47:00+07:00",
    slug: "nang-cao",
    section: "Xây dựng Đảng",
    tags: ["Hạ Long", "Đảng viên"],
    author: "Nguyễn Văn An",
    summary: "Tóm tắt: có dấu hai chấm, # dấu thăng và \"ngoặc kép\".",
    images: [{ src: "anh.jpg", caption: "Hội nghị", credit: "TTXVN" }, { caption: "Chỉ chú thích" }],
    source: "https://example.vn/bai?id=1&x=2",
    draft: true,
  };

  it("gives back every field and the body", () => {
    const text = serializeArticle(full, "Đoạn một.\n\nĐoạn hai.\n\n\n");
    const { article, problems } = reparse(text);
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      title: full.title,
      slugOverride: "nang-cao",
      section: full.section,
      tags: full.tags,
      author: full.author,
      summary: full.summary,
      images: full.images,
      source: full.source,
      draft: true,
      body: "\nĐoạn một.\n\nĐoạn hai.\n",
    });
    expect(toIsoWithOffset(article!.date)).toBe(full.date);
  });

  it("writes fields in a fixed order with double-quoted strings", () => {
    const text = serializeArticle({ ...full, draft: undefined }, "");
    const keys = [...text.matchAll(/^(\w+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(["title", "date", "slug", "section", "tags", "author", "summary", "images", "source"]);
    expect(text).toContain('title: "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên"\n');
    expect(text.endsWith("---\n")).toBe(true);
  });

  it.each(["2017", "true", "yes", "null", "~", "- a", "a: b", "#1", "---", "'quoted'", "Tab\there", "{{ 7*7 }}", "[a]"])(
    "keeps a title like %j as that text",
    (title) => {
      const { article, problems } = reparse(serializeArticle({ title, date: "2017-08-24T14:47:00+07:00", tags: [title] }, ""));
      expect(problems).toEqual([]);
      expect(article?.title).toBe(title);
      expect(article?.tags).toEqual([title]);
    },
  );

  it("leaves out empty lists and undefined fields", () => {
    const text = serializeArticle({ title: "A", date: "2017-08-24", tags: [], images: [] }, "");
    expect(text).toBe('---\ntitle: "A"\ndate: "2017-08-24"\n---\n');
  });

  it("a body line of --- does not end the front matter early", () => {
    const { article } = reparse(serializeArticle({ title: "A", date: "2017-08-24" }, "Trên\n\n---\n\nDưới"));
    expect(article?.title).toBe("A");
    expect(article?.body).toBe("\nTrên\n\n---\n\nDưới\n");
  });
});

describe("escapeMarkdownText", () => {
  it.each([
    "# Không phải tiêu đề",
    "- không phải danh sách",
    "+ cũng không",
    "1. không phải danh sách số",
    "2017) năm",
    "> không phải trích dẫn",
    "*không nghiêng* và _không_ và **đậm**",
    "[không phải liên kết](http://x)",
    "<script>alert(1)</script>",
    "a & b &amp; &#39;",
    "`mã` ~gạch~ | ống",
    "=== không phải gạch dưới",
    "\\ gạch chéo",
    "[[figure 1]]",
  ])("renders %j back to exactly that text", (text) => {
    const markdown = escapeMarkdownText(text);
    const { html, missingFigures } = renderBody(markdown, { images: [], imageUrl: () => undefined, creditLabel: "Ảnh" });
    expect(missingFigures).toEqual([]);
    expect(html.startsWith("<p>")).toBe(true);
    expect(plainText(html)).toBe(text);
  });
});

describe("figure markers", () => {
  it("figureMarker matches FIGURE_MARKER and renders as that figure", () => {
    expect(figureMarker(2)).toBe("[[figure 2]]");
    expect(FIGURE_MARKER.exec(figureMarker(12))?.[1]).toBe("12");
    const { html } = renderBody(`A\n\n${figureMarker(1)}\n`, { images: [{ caption: "C" }], imageUrl: () => undefined, creditLabel: "Ảnh" });
    expect(html).toBe("<p>A</p>\n<figure><figcaption>C</figcaption></figure>\n");
  });
});
