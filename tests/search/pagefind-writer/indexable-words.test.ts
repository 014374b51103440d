import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexableWords } from "../../../src/search/pagefind-writer/indexable-words.ts";
import { tempDir } from "../../helpers/cli.ts";
import { pagefindIndex, readBundle } from "../../helpers/pagefind-bundle.ts";

/**
 * Words that Pagefind cuts in more than one way, each checked against Pagefind itself: one page
 * with every word in a paragraph of its own (followed by `zz`, which takes the paragraph's full stop), indexed by Pagefind, and the places it lists for that
 * word's position compared with what we cut, weights included.
 */
const WORDS = [
  "Hà", "đường", "Đường", "ĐBSCL", "UBND", "“Tôi", "2020”", "(Ảnh:", "TP.HCM.", "“TP.HCM”", "H'Mông", "McDonald's",
  "12.000", "1.731.900", "2.158,5", "72.000m2", "7.000mAh", "2.000đ", "đ/kg", "0,5%", "+84", "10h30", "10/10/2020.",
  "COVID-19", "F0", "km2", "ABC123", "x.abc123", "iPhone", "WKWebVIEWComponent", "N.HÙNGNhân", "Trung.Cũng",
  "news.com.au.", "vnexpress.net", "https://vnexpress.net/abc-def-123.html", "a.b.c", "x.y/z", "12.12", "a—b",
  "He&llo", "café-crème", "🌦️", "cloud🌦️cannon",
];

const work = tempDir("indexable-words-");
afterAll(() => work.cleanup());

describe("indexableWords against Pagefind", () => {
  it("cuts every word as Pagefind does, with the same weights", async () => {
    const html = `<html><body><main data-pagefind-body>${WORDS.map((w) => `<p>${w.replace(/&/g, "&amp;")} zz</p>`).join("")}</main></body></html>`;
    const dir = path.join(work.dir, "index");
    await pagefindIndex([{ url: "/words/", html }], dir);
    const bundle = readBundle(dir);
    const theirs = new Map<number, string[]>();
    for (const [word, byUrl] of Object.entries(bundle.words)) {
      for (const place of byUrl["/words/"] ?? []) {
        const [weight, position] = place.split("@").map(Number) as [number, number];
        if (Number.isNaN(weight)) continue;
        theirs.set(position, [...(theirs.get(position) ?? []), `${word}@${weight}`]);
      }
    }
    const mismatches = WORDS.flatMap((raw, position) => {
      const cut = indexableWords(raw, true);
      const parts = cut.filter((w) => w.part).length;
      const ours = cut.map((w) => `${w.original === null ? w.key : `${w.key} → ${w.original}`}@${w.part ? Math.max(1, Math.trunc(24 / parts)) : 24}`).sort();
      const expected = (theirs.get(2 * position) ?? []).sort();
      return JSON.stringify(ours) === JSON.stringify(expected) ? [] : [{ raw, ours, pagefind: expected }];
    });
    expect(mismatches).toEqual([]);
  }, 60_000);

  it("files a marked word under its form without marks, keeping `đ`", () => {
    expect(indexableWords("Đường", true)).toEqual([{ key: "đuong", original: "đường", part: false }]);
    expect(indexableWords("ha", true)).toEqual([{ key: "ha", original: null, part: false }]);
  });
});
