import { describe, expect, it } from "vitest";
import { assignAddresses } from "../../src/article/addresses.ts";
import { makeArticle } from "../helpers/articles.ts";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { partPageFiles } from "../../src/search/index-part.ts";
import { DEFAULT_PART_ARTICLES, partsHolding, planIndexParts, type IndexPart, type PartInput } from "../../src/search/parts.ts";

/** `n` articles in month `yyyy/MM` (the planner only reads year and month). */
function month(ym: string, n: number): PartInput[] {
  const [year, mm] = ym.split("/") as [string, string];
  return Array.from({ length: n }, (_, i) => ({ url: `/${year}/${mm}/01/bai-${i}/`, year, month: mm }));
}

/** An archive as `{ "yyyy/MM": count }`, in any order (the planner sorts). */
function archive(counts: Record<string, number>): PartInput[] {
  return Object.entries(counts).flatMap(([ym, n]) => month(ym, n));
}

const summary = (parts: IndexPart[]) => parts.map((p) => `${p.id}:${p.articles}`);

describe("planIndexParts", () => {
  it("closes a part at a year end once it holds the target, so parts are whole years", () => {
    const parts = planIndexParts(archive({ "2017/01": 1, "2017/05": 1, "2018/03": 2, "2019/02": 1, "2019/07": 3, "2020/01": 1 }), 3);
    // 2017 (2) is under the target: it runs on into 2018; 2019 reaches it alone; 2020 is what is left.
    expect(summary(parts)).toEqual(["2020-01_2020-01:1", "2019-02_2019-07:4", "2017-01_2018-03:4"]);
    expect(parts.map((p) => p.months)).toEqual([["2020/01"], ["2019/02", "2019/07"], ["2017/01", "2017/05", "2018/03"]]);
    expect(parts.map((p) => p.years)).toEqual([["2020"], ["2019"], ["2017", "2018"]]);
  });

  it("does not close a part mid-year below twice the target", () => {
    // 5 articles in 2020 with a target of 3: more than 3 by June, but under 6, so 2020 stays one part.
    const parts = planIndexParts(archive({ "2020/01": 1, "2020/02": 1, "2020/03": 1, "2020/06": 1, "2020/12": 1, "2021/01": 1 }), 3);
    expect(summary(parts)).toEqual(["2021-01_2021-01:1", "2020-01_2020-12:5"]);
  });

  it("splits a huge year mid-year once a part holds twice the target, never inside a month", () => {
    const parts = planIndexParts(archive({
      "2019/12": 1, // under the target at 2019's end: runs on into 2020
      "2020/01": 1, "2020/02": 1, "2020/03": 1, // 4 = 2×2 in March: closes mid-year
      "2020/04": 1, "2020/05": 1, "2020/07": 3, // 5 ≥ 4 in July (a month of 3 is never cut)
      "2020/08": 1, "2020/09": 1, // 2 ≥ 2 at the year's end
      "2021/03": 9, // one month over twice the target is still one part
      "2022/01": 1,
    }), 2);
    expect(summary(parts)).toEqual([
      "2022-01_2022-01:1",
      "2021-03_2021-03:9",
      "2020-08_2020-09:2",
      "2020-04_2020-07:5",
      "2019-12_2020-03:4",
    ]);
    expect(parts.map((p) => p.years)).toEqual([["2022"], ["2021"], ["2020"], ["2020"], ["2019", "2020"]]);
    expect(parts.reduce((n, p) => n + p.articles, 0)).toBe(21);
  });

  it("returns parts newest first: the newest is the primary index at pagefind/, the others under pagefind/parts/<id>/", () => {
    const parts = planIndexParts(archive({ "2016/03": 2, "2017/08": 2, "2018/05": 2, "2019/01": 1 }), 2);
    expect(parts.map((p) => p.id)).toEqual(["2019-01_2019-01", "2018-05_2018-05", "2017-08_2017-08", "2016-03_2016-03"]);
    expect(parts.map((p) => p.dir)).toEqual([
      "pagefind/",
      "pagefind/parts/2018-05_2018-05/",
      "pagefind/parts/2017-08_2017-08/",
      "pagefind/parts/2016-03_2016-03/",
    ]);
    // Months never overlap and together are every month with an article, oldest part last.
    const all = parts.slice().reverse().flatMap((p) => p.months);
    expect(all).toEqual(["2016/03", "2017/08", "2018/05", "2019/01"]);
  });

  it("does not depend on the order the articles come in", () => {
    const input = archive({ "2017/08": 3, "2018/05": 2, "2019/01": 4, "2019/11": 1 });
    expect(planIndexParts(input.slice().reverse(), 3)).toEqual(planIndexParts(input, 3));
  });

  it("is one part, the primary, for an archive under the target, and one for the default target", () => {
    const parts = planIndexParts(archive({ "2017/08": 4, "2023/06": 2 }));
    expect(DEFAULT_PART_ARTICLES).toBe(2000);
    expect(parts).toEqual([{ id: "2017-08_2023-06", dir: "pagefind/", months: ["2017/08", "2023/06"], years: ["2017", "2023"], articles: 6 }]);
  });

  it("gives the same parts when articles are edited (same months, same counts)", () => {
    const before = archive({ "2017/08": 3, "2018/05": 2, "2019/01": 4, "2020/02": 2 });
    // An edit changes an article's address (a new title) but not its month.
    const after = before.map((a, i) => (i === 4 ? { ...a, url: "/2018/05/01/tieu-de-moi/" } : a));
    expect(planIndexParts(after, 3)).toEqual(planIndexParts(before, 3));
  });

  it("keeps every older part as it was when articles are added to the newest month or a newer one", () => {
    const history = archive({ "2015/02": 2, "2015/09": 1, "2016/04": 3, "2017/01": 1, "2017/06": 1, "2017/12": 2, "2018/03": 5 });
    let input = history;
    let previous = planIndexParts(input, 3);
    // One article at a time, into the newest month or the next one (sometimes a new year).
    const additions = ["2018/03", "2018/07", "2018/07", "2019/01", "2019/01", "2019/01", "2019/01", "2019/02", "2020/05", "2020/05", "2020/05", "2020/05", "2020/05", "2020/05", "2020/05"];
    for (const ym of additions) {
      input = [...input, ...month(ym, 1).map((a) => ({ ...a, url: `${a.url}${input.length}` }))];
      const next = planIndexParts(input, 3);
      const [, ...olderBefore] = previous;
      // Every part but the newest of the previous plan is found again, with the same id, folder, months and count.
      for (const old of olderBefore) expect(next).toContainEqual(old);
      // And the new plan adds nothing older than them.
      expect(next.slice(next.length - olderBefore.length)).toEqual(olderBefore);
      previous = next;
    }
  });

  it("changes only the newest part's id when articles are added to a newer month", () => {
    const base = { "2016/03": 4, "2017/08": 4, "2018/05": 1 };
    const before = planIndexParts(archive(base), 3);
    const after = planIndexParts(archive({ ...base, "2018/09": 1 }), 3);
    expect(after.map((p) => p.id)).toEqual(["2018-05_2018-09", ...before.slice(1).map((p) => p.id)]);
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(after[0]).toMatchObject({ dir: "pagefind/", articles: 2 });
    // More articles in the newest month: same parts, the newest one counts them.
    const more = planIndexParts(archive({ ...base, "2018/05": 2 }), 3);
    expect(more.map((p) => p.id)).toEqual(before.map((p) => p.id));
    expect(more.map((p) => p.articles)).toEqual([2, 4, 4]);
  });

  it("rejects a part size that is not a positive whole number", () => {
    const input = archive({ "2017/08": 1 });
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => planIndexParts(input, bad)).toThrow(/positive whole number/);
    }
  });

  it("plans no part for no article", () => {
    expect(planIndexParts([], 3)).toEqual([]);
    expect(planIndexParts([])).toEqual([]);
  });
});

describe("partPageFiles", () => {
  it("lists where the article pages of a part's months are, sorted, and no day, month or year listing", () => {
    const out = mkdtempSync(path.join(tmpdir(), "part-pages-"));
    try {
      const article = makeArticle({ file: "2017/08/a.md", title: "Hội nghị đảng viên", date: "2017-08-24T14:47:00+07:00" });
      const { addresses } = assignAddresses([article]);
      const url = addresses.get(article)?.url ?? "";
      const pages = [`${url.slice(1)}index.html`, "2017/08/01/bai-hai/index.html", "2017/09/03/bai-ba/index.html", "2018/01/02/bai-bon/index.html"];
      const listings = ["2017/08/24/index.html", "2017/08/index.html", "2017/index.html", "2017/page/2/index.html", "2017/08/24/page/2/index.html"];
      for (const file of [...pages, ...listings]) {
        mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
        writeFileSync(path.join(out, file), "<html></html>");
      }
      // 2017/08 reaches twice the size mid-year and closes; 2017/09 goes on with 2018.
      const [newer, older] = planIndexParts(archive({ "2017/08": 4, "2017/09": 1, "2018/01": 1 }), 2);
      // A day listing's `page/` folder sits at an article's depth: listed (the reader skips a missing file), with no page of its own.
      expect(partPageFiles(out, older as IndexPart)).toEqual(["2017/08/01/bai-hai/index.html", "2017/08/24/page/index.html", `${url.slice(1)}index.html`].sort());
      expect(partPageFiles(out, newer as IndexPart)).toEqual(["2017/09/03/bai-ba/index.html", "2018/01/02/bai-bon/index.html"]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("partsHolding", () => {
  it("finds the part whose span of months holds each month, once each, and none for a month outside them all", () => {
    const ids = ["2021-11_2021-12", "2019-03_2020-02", "2017-08_2017-08"];
    expect(partsHolding(["2019/03", "2020/02", "2019/11", "2017/08", "2018/01", "2021/12"], ids)).toEqual(["2019-03_2020-02", "2017-08_2017-08", "2021-11_2021-12"]);
    expect(partsHolding(["2020/03"], ids)).toEqual([]);
  });

  it("finds, for each month, the part planIndexParts put it in", () => {
    const parts = planIndexParts([...month("2017/08", 3), ...month("2018/05", 2), ...month("2019/01", 1), ...month("2020/02", 4)], 3);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) for (const m of part.months) expect(partsHolding([m], parts.map((p) => p.id))).toEqual([part.id]);
  });
});
