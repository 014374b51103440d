import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { parseArticle } from "../../src/article/parse.ts";
import { formatProblem, type Problem } from "../../src/article/model.ts";
import { toIsoWithOffset } from "../../src/article/dates.ts";
import { ZONE } from "../helpers/articles.ts";

const NOW = DateTime.fromISO("2025-01-01T00:00:00+07:00", { setZone: true });
const parse = (text: string | Uint8Array, file = "2017/08/bai.md") =>
  parseArticle(file, typeof text === "string" ? new TextEncoder().encode(text) : text, { timeZone: ZONE, now: NOW });
const lines = (problems: Problem[]) => problems.map((p) => `${p.severity}: ${formatProblem(p)}`);

const OK = 'title: "Tiêu đề"\ndate: "2017-08-24T14:47:00+07:00"\n';

describe("a valid article", () => {
  it("reads every field into the model", () => {
    const { article, problems } = parse(
      "---\n" +
        'title: "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên"\n' +
        'date: "2017-08-24T14:47:00+07:00"\n' +
        'section: "Xây dựng Đảng"\n' +
        'tags: ["Hạ Long", "Đảng viên", "Hạ Long", 2017]\n' +
        'author: "Nguyễn Văn An"\n' +
        'summary: "Tóm tắt."\n' +
        "images:\n" +
        '  - src: "anh.jpg"\n' +
        '    caption: "Hội nghị"\n' +
        '    credit: "TTXVN"\n' +
        '  - caption: "Chỉ có chú thích"\n' +
        'source: "https://example.vn/bai"\n' +
        "---\n\nĐoạn một.\n",
    );
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      file: "2017/08/bai.md",
      title: "Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên",
      section: "Xây dựng Đảng",
      tags: ["Hạ Long", "Đảng viên", "2017"],
      author: "Nguyễn Văn An",
      summary: "Tóm tắt.",
      images: [{ src: "anh.jpg", caption: "Hội nghị", credit: "TTXVN" }, { caption: "Chỉ có chú thích" }],
      source: "https://example.vn/bai",
      draft: false,
      body: "\nĐoạn một.\n",
      bodyLine: 15,
    });
    expect(article?.slugOverride).toBeUndefined();
    expect(toIsoWithOffset(article!.date)).toBe("2017-08-24T14:47:00+07:00");
    expect(article?.fieldLines).toMatchObject({ title: 2, date: 3, section: 4, tags: 5, author: 6, images: 9, source: 13 });
  });

  it("treats an empty field as absent and keeps a slug override", () => {
    const { article, problems } = parse(`---\n${OK}author:\nsummary: ""\nslug: "ban-tin"\ndraft: true\n---\n`);
    expect(problems).toEqual([]);
    expect(article?.author).toBeUndefined();
    expect(article?.summary).toBeUndefined();
    expect(article?.slugOverride).toBe("ban-tin");
    expect(article?.draft).toBe(true);
  });

  it("reads a title YAML would take for a number or boolean as text", () => {
    const { article } = parse('---\ntitle: 2017\ndate: "2017-08-24"\n---\n');
    expect(article?.title).toBe("2017");
  });

  it("accepts a BOM and CRLF line ends, with the same lines as LF", () => {
    const crlf = `\uFEFF---\r\n${OK.replace(/\n/g, "\r\n")}tags: ["a"]\r\n---\r\nDòng một.\r\nDòng hai.\r\n`;
    const { article, problems } = parse(crlf);
    expect(problems).toEqual([]);
    expect(article?.title).toBe("Tiêu đề");
    expect(article?.body).toBe("Dòng một.\nDòng hai.\n");
    expect(article?.fieldLines["tags"]).toBe(4);
    expect(article?.bodyLine).toBe(6);
  });

  it("composes a decomposed (NFD) title, tags and body", () => {
    const nfd = `---\ntitle: "${"Hạ Long mùa lễ hội".normalize("NFD")}"\ndate: "2017-08-24"\ntags: ["${"Cô Tô".normalize("NFD")}"]\n---\n${"Nội dung".normalize("NFD")}\n`;
    const { article } = parse(nfd);
    expect(article?.title).toBe("Hạ Long mùa lễ hội".normalize("NFC"));
    expect(article?.tags).toEqual(["Cô Tô".normalize("NFC")]);
    expect(article?.body).toBe("Nội dung".normalize("NFC") + "\n");
  });
});

describe("invalid files: every problem names file, line and field", () => {
  const cases: [string, string | Uint8Array, string[]][] = [
    ["missing title", `---\ndate: "2017-08-24"\n---\n`, ["error: 2017/08/bai.md:2: title: required, and must not be empty"]],
    ["empty title", `---\ntitle: "  "\ndate: "2017-08-24"\n---\n`, ["error: 2017/08/bai.md:2: title: required, and must not be empty"]],
    ["missing date", `---\ntitle: "A"\n---\n`, ["error: 2017/08/bai.md:2: date: required: an ISO 8601 date, e.g. 2017-08-24T14:47:00+07:00"]],
    ["impossible date", `---\ntitle: "A"\ndate: "2017-02-30"\n---\n`, ['error: 2017/08/bai.md:3: date: "2017-02-30" is not a real ISO 8601 date (you specified 30 (of type number) as a day, which is invalid)']],
    ["date of the wrong type, reported once", `---\ntitle: "A"\ndate: 2017\n---\n`, ['error: 2017/08/bai.md:3: date: must be a quoted ISO 8601 date, e.g. "2017-08-24T14:47:00+07:00"']],
    ["tags not a list", `---\n${OK}tags: "Hạ Long"\n---\n`, ["error: 2017/08/bai.md:4: tags: Invalid input: expected array, received string"]],
    ["a tag that is a list", `---\n${OK}tags:\n  - "a"\n  - ["b"]\n---\n`, ['error: 2017/08/bai.md:6: tags.1: must be text, e.g. "Hạ Long"']],
    ["draft not a boolean", `---\n${OK}draft: "yes"\n---\n`, ["error: 2017/08/bai.md:4: draft: Invalid input: expected boolean, received string"]],
    ["unknown image field", `---\n${OK}images:\n  - src: "a.jpg"\n    alt: "x"\n---\n`, ['error: 2017/08/bai.md:5: images.0: Unrecognized key: "alt"']],
    ["empty file", "", ["error: 2017/08/bai.md:1: file: empty file: an article needs front matter with title and date"]],
    ["white space only", " \n\n", ["error: 2017/08/bai.md:1: file: empty file: an article needs front matter with title and date"]],
    ["no front matter", "Chỉ có nội dung.\n", ["error: 2017/08/bai.md:1: front matter: missing: the file must start with a '---' line, then title and date, then '---'"]],
    ["unclosed front matter", `---\n${OK}`, ["error: 2017/08/bai.md:1: front matter: missing: the file must start with a '---' line, then title and date, then '---'"]],
    ["front matter that is a list", "---\n- a\n---\n", ["error: 2017/08/bai.md:2: front matter: invalid YAML: front matter must be a mapping of field: value"]],
    [
      "non-UTF-8 bytes on line 2",
      Uint8Array.from([...new TextEncoder().encode('---\ntitle: "Vi'), 0xff, ...new TextEncoder().encode('t"\ndate: "2017-08-24"\n---\n')]),
      ["error: 2017/08/bai.md:2: file: not valid UTF-8 (first bad byte near offset 14)"],
    ],
  ];

  it.each(cases)("%s", (_name, input, expected) => {
    const { article, problems } = parse(input);
    expect(article).toBeNull();
    expect(lines(problems)).toEqual(expected);
  });

  it("bad YAML: the error is on a line of the front matter", () => {
    const { article, problems } = parse('---\ntitle: "A\ndate: [\n---\n');
    expect(article).toBeNull();
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p).toMatchObject({ severity: "error", file: "2017/08/bai.md", field: "front matter" });
      expect(p.message).toMatch(/^invalid YAML: /);
      expect(p.line).toBeGreaterThanOrEqual(2);
      expect(p.line).toBeLessThanOrEqual(4);
    }
  });

  it("duplicate keys are a YAML error on the second key's line", () => {
    const { problems } = parse(`---\n${OK}title: "B"\n---\n`);
    expect(problems).toMatchObject([{ severity: "error", line: 4, field: "front matter" }]);
  });

  it.each([
    ["../x", '"../x"'],
    ["a/b", '"a/b"'],
    ["NUL", '"a\\0b"'],
    ["spaces", '"a b"'],
    ["empty", '""'],
  ])("unsafe slug (%s)", (_name, yamlValue) => {
    const { article, problems } = parse(`---\n${OK}section: "S"\nslug: ${yamlValue}\n---\n`);
    expect(article).toBeNull();
    expect(lines(problems)).toEqual([
      "error: 2017/08/bai.md:5: slug: must be one path segment of letters, digits, '-' or '_' (no '/', '..' or spaces)",
    ]);
  });

  it("reports every problem of one file, not just the first", () => {
    const { problems } = parse('---\ntitle: ""\ndate: "2017-02-30"\ntags: "x"\nslug: "../x"\n---\n');
    expect(problems.map((p) => `${p.line}:${p.field}`).sort()).toEqual(["2:title", "3:date", "4:tags", "5:slug"]);
  });
});

describe("warnings", () => {
  it("an unknown field is a warning and the article is still read", () => {
    const { article, problems } = parse(`---\n${OK}nguon_anh: "x"\n---\n`);
    expect(article?.title).toBe("Tiêu đề");
    expect(lines(problems)).toEqual(["warning: 2017/08/bai.md:4: nguon_anh: unknown field, ignored"]);
  });

  it("a date far in the future is a warning (a typo in the year)", () => {
    const { article, problems } = parse('---\ntitle: "A"\ndate: "2205-08-24T14:47:00+07:00"\n---\n');
    expect(article).not.toBeNull();
    expect(lines(problems)).toEqual(["warning: 2017/08/bai.md:3: date: 2205-08-24T14:47:00+07:00 is in the future; check the year"]);
  });

  it("a date within a day of now is not warned about (time zones differ)", () => {
    const { problems } = parse('---\ntitle: "A"\ndate: "2025-01-01T20:00:00+07:00"\n---\n');
    expect(problems).toEqual([]);
  });
});
