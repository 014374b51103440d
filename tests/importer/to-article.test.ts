import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/article/parse.ts";
import { FIGURE_MARKER } from "../../src/article/serialize.ts";
import { readRaw, type RawRecord } from "../../src/importer/read-raw.ts";
import { sourceSlug, toArticle } from "../../src/importer/to-article.ts";
import { bytes, raw, SEED } from "./fixtures.ts";

const ZONE = "Asia/Ho_Chi_Minh";

function record(file: string, data: Uint8Array): RawRecord {
  const { record, problems } = readRaw(file, data);
  if (!record) throw new Error(problems.map((p) => p.message).join("; "));
  return record;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** Body Markdown → its blocks as a reader sees them: paragraph text, or `[[figure n]]`; anything else is a leak. */
function renderedBlocks(body: string): string[] {
  const blocks: string[] = [];
  const tokens = md.parse(body, {});
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.type === "paragraph_close") continue;
    if (t.type !== "paragraph_open") throw new Error(`markup leaked into the body: ${t.type}`);
    const inline = tokens[++i];
    blocks.push(
      (inline?.children ?? [])
        .map((c) => {
          if (c.type === "text") return c.content;
          if (c.type === "softbreak") return "\n";
          throw new Error(`inline markup leaked into the body: ${c.type} (${c.content})`);
        })
        .join(""),
    );
  }
  return blocks;
}

/** The input as the reader should see it: paragraphs, and a figure marker where each caption stood. */
function expectedBlocks(r: RawRecord): string[] {
  let n = 0;
  return r.body.map((b) => (b.kind === "paragraph" ? b.text : `[[figure ${++n}]]`));
}

function roundTrip(file: string, data: Uint8Array) {
  const input = record(file, data);
  const out = toArticle(input);
  const parsed = parseArticle(`${out.folder}/${out.slug}.md`, bytes(out.content), { timeZone: ZONE });
  expect(parsed.problems).toEqual([]);
  const article = parsed.article;
  expect(article).not.toBeNull();
  if (!article) return;
  expect(article.title).toBe(input.title);
  expect(article.date.toMillis()).toBe(input.date.toMillis());
  expect(article.date.toISO({ suppressMilliseconds: true })).toBe(input.date.toISO({ suppressMilliseconds: true }));
  expect(article.section).toBe(input.section);
  expect(article.author).toBe(input.author);
  expect(article.source).toBe(input.source);
  const captions = input.body.flatMap((b) => (b.kind === "caption" ? [{ ...(b.caption ? { caption: b.caption } : {}), ...(b.credit ? { credit: b.credit } : {}) }] : []));
  expect(article.images).toEqual(captions);
  expect(renderedBlocks(article.body)).toEqual(expectedBlocks(input));
  // The markers the body uses are exactly the images there are.
  const markers = article.body.split("\n").filter((l) => FIGURE_MARKER.test(l));
  expect(markers).toEqual(article.images.map((_, i) => `[[figure ${i + 1}]]`));
}

describe("toArticle: the seed", () => {
  const out = toArticle(record("000_0c6f25c183d959ae.txt", readFileSync(SEED)));

  it("writes the agreed front matter and a figure marker at the caption's place", () => {
    expect(out.folder).toBe("2017/08");
    expect(out.slug).toBe("nang-cao-chat-luong-to-chuc-co-so-dang-va-dang-vien");
    expect(out.content.split("\n---\n")[0]).toBe(
      [
        "---",
        'title: "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên"',
        'date: "2017-08-24T14:47:00+07:00"',
        'section: "Đảng bộ TP Hạ Long"',
        'author: "Hoài Anh"',
        "images:",
        '  - caption: "TP Hạ Long tổ chức bồi dưỡng nghiệp vụ cho 167 bí thư chi bộ đồng thời là khu trưởng khu phố trên địa bàn, tháng 8-2017."',
        '    credit: "Thanh Tùng"',
        'source: "000_0c6f25c183d959ae.txt"',
      ].join("\n"),
    );
    const body = out.content.split("\n---\n")[1] ?? "";
    const blocks = body.trim().split("\n\n");
    expect(blocks).toHaveLength(6);
    expect(blocks[2]).toBe("[[figure 1]]");
    expect(body).not.toMatch(/^\.$/m);
    expect(body).not.toContain("Hoài Anh");
    expect(out.content.endsWith("trong tình hình mới.\n")).toBe(true);
  });

  it("parses back with zero problems and the same fields and paragraphs", () => {
    roundTrip("000_0c6f25c183d959ae.txt", readFileSync(SEED));
  });
});

describe("toArticle: round trip of awkward text", () => {
  it.each([
    ["template syntax", ["{{ site.title }} {% include 'x.njk' %} {{#each}} ${x}", "{%- raw -%}{{ 'a' | safe }}"]],
    ["HTML", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)> &amp; &#39; &copy; & a"]],
    ["Markdown block syntax", ["# không phải tiêu đề", "- không phải danh sách", "1. không phải", "2) cũng không", "> không phải trích dẫn", "+ cộng", "=== bằng", "    bốn dấu cách"]],
    ["Markdown inline syntax", ["*nghiêng* _nghiêng_ **đậm** `mã` [liên kết](http://x) ![ảnh](y) <http://z> a|b ~~gạch~~ \\ cuối\\"]],
    ["figure markers in the text", ["[[figure 1]]", "Xem [[figure 2]] bên dưới"]],
    ["YAML-looking text", ["---", "title: giả", "...", "- [a, b]"]],
  ])("%s stays text", (_, paragraphs) => {
    const text = raw({
      title: "{{ tiêu đề }} <b>đậm</b> #1: \"trích\" 'đơn' --- ...",
      body: [...paragraphs, { caption: "<i>chú thích</i> {{ x }} [[figure 9]] - Ảnh: *Tên* <b>" }],
      byline: "Hoài Anh",
    });
    roundTrip("hostile.txt", bytes(text));
  });

  it("keeps the line breaks of a paragraph written over several lines", () => {
    roundTrip("lines.txt", bytes(raw({ body: ["Dòng một\nDòng hai\n- không phải danh sách"] })));
  });

  it("writes no author, section or images when there are none", () => {
    const out = toArticle(record("bare.txt", bytes(raw({ section: null, body: ["Chỉ một đoạn."] }))));
    expect(out.frontMatter).toEqual({ title: "Tiêu đề bài viết", date: "2017-08-24T14:47:00+07:00", source: "bare.txt" });
    expect(out.content).not.toMatch(/^(author|section|images):/m);
    roundTrip("bare.txt", bytes(raw({ section: null, body: ["Chỉ một đoạn."] })));
  });

  it("writes a caption that is only a credit, and a caption without credit", () => {
    const out = toArticle(record("c.txt", bytes(raw({ body: [{ caption: "Ảnh: Báo Lao Động" }, "Đoạn.", { caption: "Chú thích không tên" }] }))));
    expect(out.frontMatter.images).toEqual([{ credit: "Báo Lao Động" }, { caption: "Chú thích không tên" }]);
  });

  it("names the file after the source when the title has no letters or digits, and pins that slug", () => {
    const out = toArticle(record("Bài 07_ABC.txt", bytes(raw({ title: "!!! … ???" }))));
    expect(out.slug).toBe("bai-07-abc");
    expect(out.frontMatter.slug).toBe("bai-07-abc");
    roundTrip("Bài 07_ABC.txt", bytes(raw({ title: "!!! … ???" })));
  });

  it("dates the folder in the archive's zone", () => {
    // 20:00 on 31 July at GMT-5 is 08:00 on 1 August in Vietnam.
    const out = toArticle(record("z.txt", bytes(raw({ dateLine: "31/07/2017 20:00 GMT-5" }))));
    expect(out.folder).toBe("2017/08");
    expect(out.frontMatter.date).toBe("2017-08-01T08:00:00+07:00");
  });
});

describe("sourceSlug", () => {
  it("never gives an empty slug", () => {
    expect(sourceSlug("000_0c6f25c183d959ae.txt")).toBe("000-0c6f25c183d959ae");
    expect(sourceSlug("….txt")).toBe("txt");
    expect(sourceSlug("…")).toBe("bai-viet");
  });
});

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus/vi-news");
const corpusFiles = (() => {
  try {
    return readdirSync(CORPUS, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".txt")).sort();
  } catch {
    return [];
  }
})();

describe("toArticle: round trip on a sample of the corpus", () => {
  it("finds the shared corpus beside the repository", () => {
    expect(corpusFiles.length, `no corpus at ${CORPUS}`).toBe(14_214);
  });
  // Every 100th file: 143 real articles, with their captions, credits, bylines and odd punctuation.
  const sample = corpusFiles.filter((_, i) => i % 100 === 0);
  it.each(sample)("%s", (file) => {
    roundTrip(file, readFileSync(path.join(CORPUS, file)));
  });
});
