import { describe, expect, it } from "vitest";
import { groupTerms, type TermOccurrence } from "../../src/site/terms.ts";
import type { ArticleView } from "../../src/site/views.ts";
import { formatProblem } from "../../src/article/model.ts";

const view = (title: string) => ({ title, url: `/${title}/` }) as ArticleView;
const occ = (name: string, v: ArticleView, file = `${v.title}.md`, line = 5): TermOccurrence => ({ name, view: v, file, line });

describe("groupTerms", () => {
  it("gives each term a page under its kind's folder", () => {
    const a = view("a");
    const { terms, problems } = groupTerms("section", [occ("Thời sự", a)]);
    expect(problems).toEqual([]);
    expect([...terms.values()]).toEqual([{ kind: "section", name: "Thời sự", slug: "thoi-su", url: "/sections/thoi-su/", articles: [a] }]);
    expect([...groupTerms("author", [occ("Lục Văn Sơn", a)]).terms.values()][0]?.url).toBe("/authors/luc-van-son/");
    expect([...groupTerms("tag", [occ("Đông Triều", a)]).terms.values()][0]?.url).toBe("/tags/dong-trieu/");
  });

  it("merges spellings with one slug under the most used one, warning at the other's first use", () => {
    const [a, b, c] = [view("a"), view("b"), view("c")];
    const { terms, problems } = groupTerms("tag", [occ("Ha Long", a, "a.md", 4), occ("Hạ Long", b), occ("Hạ Long", c)]);
    expect(terms.size).toBe(1);
    expect(terms.get("ha-long")).toMatchObject({ name: "Hạ Long", articles: [a, b, c] });
    expect(problems.map((p) => `${p.severity}: ${formatProblem(p)}`)).toEqual([
      'warning: a.md:4: tags: "Ha Long" and "Hạ Long" share the address /tags/ha-long/; listed together as "Hạ Long"',
    ]);
  });

  it("breaks a tie between spellings the same way every time", () => {
    const [a, b] = [view("a"), view("b")];
    const one = groupTerms("tag", [occ("Ha Long", a), occ("Hạ Long", b)]).terms.get("ha-long")?.name;
    const other = groupTerms("tag", [occ("Hạ Long", b), occ("Ha Long", a)]).terms.get("ha-long")?.name;
    expect(one).toBe(other);
    // On a tie the spelling with its marks names the page.
    expect(one).toBe("Hạ Long");
    const dang = groupTerms("tag", [occ("Dang vien", a), occ("Đảng viên", b)]).terms.get("dang-vien")?.name;
    expect(dang).toBe("Đảng viên");
  });

  it("lists an article once when it uses two spellings of one term", () => {
    const a = view("a");
    const { terms } = groupTerms("tag", [occ("Ha Long", a), occ("Hạ Long", a)]);
    expect(terms.get("ha-long")?.articles).toEqual([a]);
  });

  it("refuses a name that slugifies to nothing, as an error naming the field", () => {
    const a = view("a");
    const { terms, problems } = groupTerms("tag", [occ("???", a, "q.md", 7), occ("ok", a)]);
    expect([...terms.keys()]).toEqual(["ok"]);
    expect(problems.map((p) => `${p.severity}: ${formatProblem(p)}`)).toEqual(['error: q.md:7: tags: "???" has no letters or digits to make an address from']);
  });
});
