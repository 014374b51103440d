import { describe, expect, it } from "vitest";
import { markFiles, startMarkCount } from "../../src/search/mark-files.ts";
import type { ArticleView } from "../../src/site/views.ts";

/**
 * A first build starts counting before the archive's sections have their names (src/cli/build.ts,
 * src/site/archive.ts onOrdered) and sends them later: the files must be those of one count over
 * the finished archive.
 */
const SECTIONS = ["Thời sự", "Kinh tế", "Văn hóa", "Thoi su"];
const WORDS = ["Hạ Long", "Quảng Ninh", "mưa lớn", "đường ven biển", "Cô Tô", "Hà Nội", "ha long", "quang ninh", "mua lon", "chợ phiên"];

function views(count: number): ArticleView[] {
  return Array.from({ length: count }, (_, i) => {
    const body = Array.from({ length: 12 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(" ");
    return { title: `${WORDS[i % WORDS.length]} ${WORDS[(i + 3) % WORDS.length]} số ${i % 9}`, html: () => `<p>${body}.</p><figure>${WORDS[i % 4]}</figure>` } as unknown as ArticleView;
  });
}

describe("mark statistics counted in two steps", () => {
  it("gives the files of one count, sections named after the counting started, with a sample past 30,000 articles too", async () => {
    for (const count of [40, 2500, 31_000]) {
      const early = views(count);
      const counting = startMarkCount(early);
      // The archive's terms are grouped after the articles are ordered: sections arrive now.
      early.forEach((v, i) => { if (i % 5 !== 0) Object.assign(v, { section: { name: SECTIONS[i % SECTIONS.length], url: "/sections/x/" } }); });
      const files = await counting.finish();
      expect(files.length, `${count}`).toBeGreaterThan(3);
      expect(files, `${count}`).toEqual(markFiles(early));
      // The section names were counted: without them the files differ.
      expect(files, `${count}`).not.toEqual(markFiles(early.map((v) => ({ ...v, section: undefined }))));
    }
  }, 120_000);
});
