import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readPageHtml } from "../../../src/search/pagefind-writer/page-html.ts";
import { pageWords, type WordPlacer } from "../../../src/search/pagefind-writer/page-words.ts";
import { BundleWriter } from "../../../src/search/pagefind-writer/write-bundle.ts";
import { spanHash } from "../../../src/search/pagefind-writer/span-table.ts";
import { tempDir } from "../../helpers/cli.ts";
import { pagefindIndex, readBundle } from "../../helpers/pagefind-bundle.ts";

/**
 * pageWords finds a page's words in place (src/search/pagefind-writer/page-words.ts): words passed
 * as spans, markers and words with zero-width spaces cut out, the fragment's text put together from
 * spans. Pages built to reach every branch, compared with Pagefind's own index of them.
 */
const pages = [
  // Tabs, no-break spaces, a line break and an ideographic space between words, inside one paragraph.
  { url: "/a/", body: "<h1>Tiêu đề\tmột</h1><p>Hà\u00a0Nội và\tHải Phòng\u3000mưa<br>to _gạch_dưới __hai\u2003cách</p>" },
  // Zero-width spaces: inside a word, alone between spaces, at a word's ends.
  { url: "/b/", body: "<h1>Bão\u200bsố 3</h1><p>Người \u200b dân\u200b \u200bvùng ven biển \u200b</p><p>___ không phải dấu</p>" },
  // Anchors, explicit weights and headings between plain words; an underscore word after a marker.
  { url: "/c/", body: `<h1 id="top">Lũ lụt</h1><p>Trước <span data-pagefind-weight="3">nặng _ký</span> sau</p><h2 id="hai">Phần hai</h2><p id="p">_đầu đoạn cuối</p>` },
];

const html = (body: string) => `<!DOCTYPE html><html lang="vi"><head><title>t</title></head><body><article data-pagefind-body>${body}</article></body></html>`;

const work = tempDir("page-words-");
afterAll(() => work.cleanup());

describe("pageWords", () => {
  it("indexes words around odd white space, zero-width spaces and markers as Pagefind does", async () => {
    const writer = new BundleWriter("vi");
    for (const p of pages) writer.add(p.url, readPageHtml(html(p.body)));
    const ours = path.join(work.dir, "ours");
    for (const file of writer.finish().files) {
      mkdirSync(path.dirname(path.join(ours, file.path)), { recursive: true });
      writeFileSync(path.join(ours, file.path), file.content);
    }
    const theirs = path.join(work.dir, "pagefind");
    await pagefindIndex(pages.map((p) => ({ url: p.url, html: html(p.body) })), theirs);
    const [a, b] = [readBundle(ours), readBundle(theirs)];
    expect(a.pages).toEqual(b.pages);
    expect(a.words).toEqual(b.words);
  }, 120_000);

  it("gives each word once, by span or cut out, and the text one space apart", () => {
    const words: string[] = [];
    const placer: WordPlacer = {
      text: (raw, weight, position) => words.push(`${raw}@${weight}:${position}`),
      textSpan: (text, start, end, hash, weight, position) => {
        expect(hash).toBe(spanHash(text, start, end));
        words.push(`${text.slice(start, end)}@${weight}:${position}`);
      },
      meta: () => undefined,
    };
    const page = pageWords("/a/", readPageHtml(html(pages[0]?.body ?? "")), placer);
    expect(page.content).toBe("Tiêu đề một. Hà Nội và Hải Phòng mưa to _gạch_dưới __hai cách.");
    expect(words.slice(0, 3)).toEqual(["Tiêu@168:0", "đề@168:1", "một.@168:2"]);
    expect(words).toHaveLength(page.wordCount);
  });
});
