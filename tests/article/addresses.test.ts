import { describe, expect, it } from "vitest";
import { assignAddresses } from "../../src/article/addresses.ts";
import { formatProblem } from "../../src/article/model.ts";
import { makeArticle } from "../helpers/articles.ts";

describe("assignAddresses", () => {
  it("puts an article at /yyyy/MM/dd/<slug of title>/ using the day in Vietnam", () => {
    const a = makeArticle({ title: "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên", date: "2017-08-24T16:30:00Z" });
    const { addresses, problems } = assignAddresses([a]);
    expect(addresses.get(a)).toEqual({
      slug: "nang-cao-chat-luong-to-chuc-co-so-dang-va-dang-vien",
      url: "/2017/08/24/nang-cao-chat-luong-to-chuc-co-so-dang-va-dang-vien/",
    });
    expect(problems).toEqual([]);
  });

  it("gives same-title same-day articles slug, slug-2, slug-3 in path order, with a warning each", () => {
    const first = makeArticle({ title: "Họp báo", date: "2018-05-02T08:00:00+07:00", file: "2018/a.md" });
    const second = makeArticle({ title: "Họp báo", date: "2018-05-02T15:00:00+07:00", file: "2018/b.md" });
    const third = makeArticle({ title: "Họp báo!", date: "2018-05-02T20:00:00+07:00", file: "2018/c.md" });
    const { addresses, problems } = assignAddresses([first, second, third]);
    expect([first, second, third].map((a) => addresses.get(a)?.url)).toEqual([
      "/2018/05/02/hop-bao/",
      "/2018/05/02/hop-bao-2/",
      "/2018/05/02/hop-bao-3/",
    ]);
    expect(problems.map((p) => `${p.severity}: ${formatProblem(p)}`)).toEqual([
      "warning: 2018/b.md:2: slug: address /2018/05/02/hop-bao/ is already taken by 2018/a.md; this one is published at /2018/05/02/hop-bao-2/",
      "warning: 2018/c.md:2: slug: address /2018/05/02/hop-bao/ is already taken by 2018/a.md; this one is published at /2018/05/02/hop-bao-3/",
    ]);
  });

  it("does not collide across days", () => {
    const a = makeArticle({ title: "Họp báo", date: "2018-05-02T08:00:00+07:00" });
    const b = makeArticle({ title: "Họp báo", date: "2018-05-03T08:00:00+07:00" });
    const { addresses, problems } = assignAddresses([a, b]);
    expect(addresses.get(b)?.url).toBe("/2018/05/03/hop-bao/");
    expect(problems).toEqual([]);
  });

  it("uses the slug override as written", () => {
    const a = makeArticle({ title: "Tiêu đề dài", date: "2018-05-02T08:00:00+07:00", slugOverride: "ban-tin" });
    expect(assignAddresses([a]).addresses.get(a)).toEqual({ slug: "ban-tin", url: "/2018/05/02/ban-tin/" });
  });

  it("warns when a slug override collides, pointing at the slug line", () => {
    const a = makeArticle({ title: "Bản tin", date: "2018-05-02T08:00:00+07:00", file: "a.md" });
    const b = makeArticle({ title: "Khác", date: "2018-05-02T09:00:00+07:00", file: "b.md", slugOverride: "ban-tin", fieldLines: { title: 2, slug: 4 } });
    const { addresses, problems } = assignAddresses([a, b]);
    expect(addresses.get(b)?.slug).toBe("ban-tin-2");
    expect(problems).toMatchObject([{ severity: "warning", file: "b.md", line: 4, field: "slug" }]);
  });

  it("a title with no letters or digits falls back to the file name, with a warning", () => {
    const a = makeArticle({ title: "???", date: "2018-05-02T08:00:00+07:00", file: "2018/05/Bài-viết số 1.md" });
    const { addresses, problems } = assignAddresses([a]);
    expect(addresses.get(a)?.url).toBe("/2018/05/02/bai-viet-so-1/");
    expect(problems.map(formatProblem)).toEqual([
      '2018/05/Bài-viết số 1.md:2: title: has no letters or digits to make an address from; using "bai-viet-so-1"',
    ]);
  });

  it("falls back to a fixed word when neither title nor file name has letters", () => {
    const a = makeArticle({ title: "!!!", date: "2018-05-02T08:00:00+07:00", file: "___.md" });
    expect(assignAddresses([a]).addresses.get(a)?.slug).toBe("bai-viet");
  });
});
