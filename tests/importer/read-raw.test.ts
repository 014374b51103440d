import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/article/model.ts";
import { readRaw, type RawRecord } from "../../src/importer/read-raw.ts";
import { bytes, raw, SEED } from "./fixtures.ts";

const paragraphs = (r: RawRecord | null) => (r?.body ?? []).flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
const captions = (r: RawRecord | null) => (r?.body ?? []).flatMap((b) => (b.kind === "caption" ? [{ caption: b.caption, credit: b.credit }] : []));

describe("readRaw: the seed", () => {
  const { record, problems } = readRaw("seed/000_0c6f25c183d959ae.txt", readFileSync(SEED));

  it("reads section, title, date and byline exactly", () => {
    expect(problems).toEqual([]);
    expect(record?.section).toBe("Đảng bộ TP Hạ Long");
    expect(record?.title).toBe("Nâng cao chất lượng tổ chức cơ sở đảng và đảng viên");
    expect(record?.date.toISO({ suppressMilliseconds: true })).toBe("2017-08-24T14:47:00+07:00");
    expect(record?.author).toBe("Hoài Anh");
    expect(record?.source).toBe("000_0c6f25c183d959ae.txt");
  });

  it("reads five paragraphs and one caption with its credit, in order, and no '.' lines", () => {
    expect(paragraphs(record)).toHaveLength(5);
    expect(paragraphs(record)[0]).toMatch(/^Đảng bộ TP Hạ Long hiện có 88 tổ chức/);
    expect(paragraphs(record)[4]).toMatch(/trong tình hình mới\.$/);
    expect(captions(record)).toEqual([
      {
        caption: "TP Hạ Long tổ chức bồi dưỡng nghiệp vụ cho 167 bí thư chi bộ đồng thời là khu trưởng khu phố trên địa bàn, tháng 8-2017.",
        credit: "Thanh Tùng",
      },
    ]);
    expect(record?.body.map((b) => b.kind)).toEqual(["paragraph", "paragraph", "caption", "paragraph", "paragraph", "paragraph"]);
    expect(paragraphs(record).some((p) => p.split("\n").some((l) => l.trim() === "."))).toBe(false);
  });

  it("points body items at their lines", () => {
    expect(record?.body[0]?.line).toBe(9);
    expect(record?.body[2]?.line).toBe(13);
  });
});

describe("readRaw: malformed input", () => {
  const clean = raw({
    section: "Xã hội",
    title: "Tiêu đề bài viết",
    body: ["Đoạn một có dấu tiếng Việt.", { caption: "Ảnh chú thích - Ảnh: Thanh Tùng" }, "Đoạn hai."],
    byline: "Hoài Anh",
  });
  const expected = readRaw("clean.txt", bytes(clean)).record;

  it.each([
    ["CRLF line ends", clean.replace(/\n/g, "\r\n")],
    ["CR line ends", clean.replace(/\n/g, "\r")],
    ["a byte-order mark", `\uFEFF${clean}`],
    ["decomposed Unicode (NFD)", clean.normalize("NFD")],
    ["trailing spaces and tabs", clean.replace(/\n/g, " \t \n")],
    ["tabs and runs of spaces inside lines", clean.replace(/ /g, " \t  ")],
    ["leading blank lines and extra '.' lines", `\n\n${clean.replace(/\n\n/g, "\n.\n\n")}`],
  ])("reads %s as the clean file: NFC, no stray white space", (_, text) => {
    const { record, problems } = readRaw("messy.txt", bytes(text));
    expect(problems).toEqual([]);
    expect(record).not.toBeNull();
    const strip = (r: RawRecord | null) => ({ ...r, source: undefined, date: r?.date.toISO(), body: r?.body.map((b) => ({ ...b, line: 0 })) });
    expect(strip(record)).toEqual(strip(expected));
    for (const text of [record?.title, record?.section, record?.author, ...paragraphs(record)]) {
      expect(text).toBe(text?.normalize("NFC"));
      expect(text).not.toMatch(/[\t\r\uFEFF]|\s$|^\s|\s{2}/);
    }
  });

  it("refuses a file that is not UTF-8: an error for that file, never mojibake", () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode("Xã hội\n\nTi"), 0xea, 0x75, 0x20, 0xf0, 0x28]);
    const { record, problems } = readRaw("in/latin1.txt", latin1);
    expect(record).toBeNull();
    expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/^in\/latin1\.txt:1: file: not valid UTF-8 \(first bad byte near offset 1\d\)$/)]);
    expect(problems[0]?.severity).toBe("error");
  });

  it("refuses a file with no date line, naming the file and the line where the date was expected", () => {
    // Section (line 1), title (3), then the first paragraph (8) stands where the date line should.
    const { record, problems } = readRaw("in/no-date.txt", bytes(raw({ dateLine: null })));
    expect(record).toBeNull();
    expect(problems.map(formatProblem)).toEqual([
      'in/no-date.txt:8: date: no date line after the title (expected e.g. "Thứ Năm, 24/08/2017, 14:47 [GMT+7]"); this file is not imported',
    ]);
  });

  it("refuses a date that does not exist", () => {
    const { record, problems } = readRaw("in/bad-date.txt", bytes(raw({ dateLine: "Thứ Năm, 30/02/2017, 14:47 [GMT+7]" })));
    expect(record).toBeNull();
    expect(problems.map(formatProblem)).toEqual([
      'in/bad-date.txt:5: date: "Thứ Năm, 30/02/2017, 14:47 [GMT+7]": 30/02/2017 is not a real date (day/month/year)',
    ]);
  });

  it.each([
    ["without [GMT+7]", "Thứ Năm, 24/08/2017, 14:47"],
    ["with GMT+07:00", "Thứ Năm, 24/08/2017, 14:47 GMT+07:00"],
    ["as 24/8/2017 14:47", "24/8/2017 14:47"],
    ["without weekday", "24/08/2017, 14:47 [GMT+7]"],
  ])("reads a date line %s", (_, dateLine) => {
    const { record, problems } = readRaw("odd.txt", bytes(raw({ dateLine })));
    expect(problems).toEqual([]);
    expect(record?.date.toISO({ suppressMilliseconds: true })).toBe("2017-08-24T14:47:00+07:00");
  });

  it("warns, naming the file, when the weekday does not agree with the date; the article is still read", () => {
    const { record, problems } = readRaw("in/weekday.txt", bytes(raw({ dateLine: "Thứ Sáu, 24/08/2017, 14:47 [GMT+7]" })));
    expect(record?.date.toISO({ suppressMilliseconds: true })).toBe("2017-08-24T14:47:00+07:00");
    expect(problems.map(formatProblem)).toEqual([
      'in/weekday.txt:5: date: weekday "Thứ Sáu" does not match 24/08/2017, which is a Thứ Năm; the date is kept',
    ]);
    expect(problems[0]?.severity).toBe("warning");
  });

  it("refuses an empty file and a file that starts with its date", () => {
    expect(readRaw("e.txt", bytes(" \n.\n\n")).problems.map(formatProblem)).toEqual(["e.txt:1: file: empty: no title, date or text"]);
    const dateFirst = readRaw("d.txt", bytes("Thứ Năm, 24/08/2017, 14:47 [GMT+7]\n\nĐoạn.\n"));
    expect(dateFirst.record).toBeNull();
    expect(dateFirst.problems.map(formatProblem)).toEqual(["d.txt:1: title: missing: the file starts with its date line"]);
  });
});

describe("readRaw: layout", () => {
  it("reads a file without a section line", () => {
    const { record } = readRaw("a.txt", bytes(raw({ section: null })));
    expect(record?.section).toBeUndefined();
    expect(record?.title).toBe("Tiêu đề bài viết");
  });

  it("does not let a title that reads as a date take the date line's place", () => {
    const { record } = readRaw("a.txt", bytes(raw({ title: "Ngày 30/4/2017" })));
    expect(record?.section).toBe("Xã hội");
    expect(record?.title).toBe("Ngày 30/4/2017");
    expect(record?.date.toISO({ suppressMilliseconds: true })).toBe("2017-08-24T14:47:00+07:00");
  });

  it("takes the source from the file's base name, in NFC", () => {
    const { record } = readRaw("in/sub/Bài viết.txt".normalize("NFD"), bytes(raw()));
    expect(record?.source).toBe("Bài viết.txt".normalize("NFC"));
  });

  it("has no author when the last line is not a name", () => {
    const { record } = readRaw("a.txt", bytes(raw({ body: ["Đoạn một.", "Mộc Miên (Tổng hợp)"] })));
    expect(record?.author).toBeUndefined();
    expect(paragraphs(record)).toEqual(["Đoạn một.", "Mộc Miên (Tổng hợp)"]);
  });

  it("takes a name-like line as byline only at the end", () => {
    const { record } = readRaw("a.txt", bytes(raw({ body: ["Hoài Anh", "Đoạn cuối."] })));
    expect(record?.author).toBeUndefined();
    expect(paragraphs(record)).toEqual(["Hoài Anh", "Đoạn cuối."]);
  });

  it("keeps template and HTML syntax as text", () => {
    const hostile = ["{{ site.title }} và {% include 'x' %}", "<script>alert(1)</script>", "{{#each}}[[figure 1]]"];
    const { record } = readRaw("a.txt", bytes(raw({ title: "{{ 7*7 }} <b>tiêu đề</b>", body: [...hostile, { caption: "<img src=x onerror=alert(1)> - Ảnh: {{ x }}" }] })));
    expect(record?.title).toBe("{{ 7*7 }} <b>tiêu đề</b>");
    expect(paragraphs(record)).toEqual(hostile);
    expect(captions(record)).toEqual([{ caption: "<img src=x onerror=alert(1)>", credit: "{{ x }}" }]);
  });

  it("finds a caption pair even without blank lines around it, and keeps a paragraph's line breaks", () => {
    const text = raw({ body: ["Dòng một\nDòng hai\nChú thích\nChú thích\nSau chú thích"] });
    const { record } = readRaw("a.txt", bytes(text));
    expect(record?.body.map((b) => (b.kind === "paragraph" ? b.text : `[${b.caption}]`))).toEqual(["Dòng một\nDòng hai", "[Chú thích]", "Sau chú thích"]);
  });

  it("drops lone '.' lines anywhere, but keeps '.' inside text", () => {
    const text = raw({ body: [".", "Đoạn một.", ".\n.", "...", "Đoạn hai."], dots: 8 });
    const { record } = readRaw("a.txt", bytes(text));
    expect(paragraphs(record)).toEqual(["Đoạn một.", "...", "Đoạn hai."]);
  });

  it("warns about an article with a date but no text", () => {
    const { record, problems } = readRaw("a.txt", bytes(raw({ body: [] })));
    expect(record?.body).toEqual([]);
    expect(problems.map(formatProblem)).toEqual(["a.txt:5: body: no paragraphs after the date line"]);
  });
});
