import { cpSync, existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArticles } from "../../../src/bench/generate-articles.ts";
import { partPageFiles } from "../../../src/search/index-part.ts";
import { PAGEFIND_FORMAT } from "../../../src/search/pagefind-writer/write-bundle.ts";
import { buildSite } from "../../helpers/build-site.ts";
import { tempDir } from "../../helpers/cli.ts";
import { pagefindIndex, readBundle, wordsOf, type DecodedBundle } from "../../helpers/pagefind-bundle.ts";

/**
 * Our index writer against Pagefind's own indexer, on the same pages of a real build: 1,200 corpus
 * articles spread over every year and source, and the demo (images, tags, authors, sections), in
 * several search parts. Every page, word, place, weight, filter, sort and chunk must be the same,
 * up to file names and page numbers. A Pagefind upgrade that changes how it cuts words or lays
 * out its files fails here.
 */
const work = tempDir("writer-vs-pagefind-");
let out = "";
let parts: string[] = [];

beforeAll(async () => {
  const generated = await generateArticles({ source: "../shared/corpus/vi-news", articles: 1200, work: work.dir });
  cpSync("articles", path.join(generated.articlesDir, "demo"), { recursive: true });
  ({ out } = await buildSite({ articles: generated.articlesDir, out: path.join(work.dir, "site"), searchPartSize: 300 }));
  parts = ["pagefind/", ...readdirSync(path.join(out, "pagefind/parts")).map((id) => `pagefind/parts/${id}/`)];
}, 600_000);

afterAll(() => work.cleanup());

/** Each page's sort value, read from its HTML: Pagefind breaks ties by page number, which differs. */
function sortValues(bundle: DecodedBundle): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(bundle.sorts).map(([name, urls]) => [
      name,
      urls.map((url) => {
        const html = readFileSync(path.join(out, decodeURI(url), "index.html"), "utf8");
        return new RegExp(`data-pagefind-sort="${name}:([^"]*)"`).exec(html)?.[1] ?? "";
      }),
    ]),
  );
}

describe("our Pagefind index against Pagefind's", () => {
  it("builds several parts, the demo's included", () => {
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(existsSync(path.join(out, "2017/08/24/nang-cao-chat-luong-to-chuc-co-so-dang-va-dang-vien/index.html"))).toBe(true);
  });

  it("writes, for every part, the index Pagefind writes for the same pages", async () => {
    for (const dir of parts) {
      const months = readdirSync(out).filter((y) => /^\d{4}$/.test(y)).flatMap((y) => readdirSync(path.join(out, y)).filter((m) => /^\d\d$/.test(m)).map((m) => `${y}/${m}`));
      const ours = readBundle(path.join(out, dir));
      const urls = new Set(Object.keys(ours.pages));
      const pages = partPageFiles(out, { months })
        .map((file) => ({ url: encodeURI(`/${file.replace(/index\.html$/, "")}`), file }))
        .filter((p) => urls.has(p.url))
        .map((p) => ({ url: p.url, html: readFileSync(path.join(out, p.file), "utf8") }));
      expect(pages.length, dir).toBe(urls.size);
      const reference = path.join(work.dir, "reference", dir);
      await pagefindIndex(pages, reference);
      const theirs = readBundle(reference);

      expect(ours.entry, dir).toEqual(theirs.entry);
      expect(ours.metaFields, dir).toEqual(theirs.metaFields);
      expect(ours.pages, dir).toEqual(theirs.pages);
      const differing = Object.keys({ ...ours.words, ...theirs.words }).filter((w) => JSON.stringify(ours.words[w]) !== JSON.stringify(theirs.words[w]));
      const sample = differing.slice(0, 5).map((w) => ({ word: w, ours: ours.words[w], pagefind: theirs.words[w] }));
      expect(sample, `${dir}: ${differing.length} word(s) differ`).toEqual([]);
      expect(ours.filters, dir).toEqual(theirs.filters);
      expect(Object.keys(ours.sorts), dir).toEqual(Object.keys(theirs.sorts));
      expect(sortValues(ours), dir).toEqual(sortValues(theirs));
      for (const name of Object.keys(ours.sorts)) expect(new Set(ours.sorts[name]), dir).toEqual(new Set(theirs.sorts[name]));
      expect(ours.chunks, dir).toEqual(theirs.chunks);
      expect(ours.files, dir).toEqual(theirs.files);
    }
  }, 600_000);

  it("is pinned to the Pagefind release whose format it writes, the one installed", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
    expect(pkg.dependencies["pagefind"]).toBe(PAGEFIND_FORMAT);
    const entry = JSON.parse(readFileSync(path.join(out, "pagefind/pagefind-entry.json"), "utf8")) as { version: string };
    expect(entry.version).toBe(PAGEFIND_FORMAT);
    expect(readFileSync(path.join(out, "pagefind/pagefind.js"), "utf8")).toContain(PAGEFIND_FORMAT);
  });

  it("indexes the seed article's title as an h1, its words with and without marks, and its filters", () => {
    const url = "/2017/08/24/nang-cao-chat-luong-to-chuc-co-so-dang-va-dang-vien/";
    const holder = parts.map((dir) => readBundle(path.join(out, dir))).find((b) => b.pages[url]);
    if (!holder) throw new Error(`${url} is in no part of the index`);
    const words = wordsOf(holder, url);
    // `Nâng cao chất lượng…`: the h1 weighs 7 × 24, and `chất` is filed under `chat`.
    expect(words["chat → chất"]?.some((p) => p.startsWith("168@"))).toBe(true);
    expect(words["chat → chất"]?.some((p) => p === "field:title@2")).toBe(true);
    expect(holder.filters.year?.["2017"]).toContain(url);
    expect(holder.filters.section?.["Đảng bộ TP Hạ Long"]).toContain(url);
  });
});
