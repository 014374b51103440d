import { describe, expect, it } from "vitest";
import { relatedArticles, termPositions } from "../../src/site/related.ts";
import type { ArticleView, Term } from "../../src/site/views.ts";

const view = (title: string, timestamp: number) => ({ title, url: `/${title}/`, timestamp, dateShort: "", dateIso: "" }) as ArticleView;
const term = (kind: Term["kind"], slug: string, articles: ArticleView[]): Term => ({ kind, name: slug, slug, url: `/${slug}/`, articles });

describe("relatedArticles", () => {
  const [a, b, c, d, e] = [view("a", 50), view("b", 40), view("c", 30), view("d", 20), view("e", 10)];
  const tagX = term("tag", "x", [a, b, c]);
  const tagY = term("tag", "y", [b, c, d]);
  const section = term("section", "s", [a, b, c, d, e]);
  const positions = termPositions([tagX, tagY, section]);

  it("ranks by shared tags (2 each) plus section (1), then by closeness in time", () => {
    expect(relatedArticles(c, [tagX, tagY], section, positions, 4).map((r) => r.title)).toEqual(["b", "d", "a", "e"]);
    // b: 2+2+1; d and a: 2+1 each, d is nearer in time; e: section only.
  });

  it("never relates an article to itself and honours count", () => {
    const related = relatedArticles(b, [tagX], section, positions, 2);
    expect(related.map((r) => r.title)).toEqual(["a", "c"]);
  });

  it("returns nothing for count 0 or an article without terms", () => {
    expect(relatedArticles(c, [tagX], section, positions, 0)).toEqual([]);
    expect(relatedArticles(view("z", 1), [], undefined, positions, 4)).toEqual([]);
  });

  it("gives links, not views", () => {
    expect(relatedArticles(a, [tagX], undefined, positions, 1)).toEqual([{ title: "b", url: "/b/", dateShort: "", dateIso: "" }]);
  });

  it("only looks at neighbours within the window of a large term", () => {
    const many = Array.from({ length: 1000 }, (_, i) => view(`v${i}`, 1000 - i));
    const big = term("tag", "big", many);
    const pos = termPositions([big]);
    const related = relatedArticles(many[500]!, [big], undefined, pos, 3);
    expect(related.map((r) => r.title)).toEqual(["v499", "v501", "v498"]);
  });
});
