import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayPath, listFiles, one, readHtml, readOutput, ROOT, runCli, tempDir, text, writeArticle, type CliResult } from "../helpers/index.ts";

/**
 * Broken and odd article files next to the demo archive. One real build with every broken file
 * present: each file gets its own message (`file:line: field: …`), the build stops when any content
 * would be wrong and writes nothing. Then each file is fixed (the warnings-only ones are left as they
 * are) and the build must succeed with every article present: the demo's, and each fixed one.
 */
const tmp = tempDir("trust-broken");
const articles = path.join(tmp.dir, "articles");
const out = path.join(tmp.dir, "out");
const enc = (s: string) => new TextEncoder().encode(s);
const fm = (lines: string[], body = "Nội dung.") => `---\n${lines.join("\n")}\n---\n\n${body}\n`;
const BIG_PARAGRAPH = "Người dân Hạ Long đón mùa du lịch với nhiều hoạt động văn hóa, thể thao và ẩm thực đặc sắc.";
const BIG_LAST = "Đoạn cuối cùng của bài rất dài.";
/** About 5.2 MB of UTF-8. */
const BIG_PARAGRAPHS = 37_000;
const big = fm(['title: "Bài rất dài"', 'date: "2020-01-01T08:00:00+07:00"'], [...Array.from({ length: BIG_PARAGRAPHS }, (_, i) => `Đoạn ${i}: ${BIG_PARAGRAPH}`), BIG_LAST].join("\n\n"));
const bomb = ['title: "Bom YAML"', 'date: "2020-01-02"', 'a: &a ["x","x","x","x","x","x","x","x","x"]', ...["b", "c", "d", "e", "f", "g"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefg"[i]}`).join(",")}]`)];

interface Case {
  name: string;
  file: string;
  broken: string | Uint8Array;
  /** What it says, exactly or as a pattern. */
  message: string | RegExp;
  severity: "error" | "warning";
  /** The file once fixed; absent when it was valid all along (warnings). */
  fixed?: string | Uint8Array;
  /** Where the fixed article is published, and its title. */
  url: string;
  title: string;
}

const CASES: Case[] = [
  {
    name: "bad YAML (an unclosed quote)", file: "bad-yaml.md", severity: "error",
    broken: '---\ntitle: "Lỗi YAML\ndate: "2020-02-01T08:00:00+07:00"\n---\n\nNội dung.\n',
    message: /^[234]: front matter: invalid YAML: /,
    fixed: fm(['title: "Lỗi YAML đã sửa"', 'date: "2020-02-01T08:00:00+07:00"']), url: "/2020/02/01/loi-yaml-da-sua/", title: "Lỗi YAML đã sửa",
  },
  {
    name: "missing title", file: "missing-title.md", severity: "error",
    broken: fm(['date: "2020-02-02T08:00:00+07:00"', 'section: "Thời sự"']), message: "2: title: required, and must not be empty",
    fixed: fm(['title: "Đã có tiêu đề"', 'date: "2020-02-02T08:00:00+07:00"', 'section: "Thời sự"']), url: "/2020/02/02/da-co-tieu-de/", title: "Đã có tiêu đề",
  },
  {
    name: "impossible date 2017-02-30", file: "impossible-date.md", severity: "error",
    broken: fm(['title: "Ngày không có thật"', 'date: "2017-02-30"']), message: /^3: date: "2017-02-30" is not a real ISO 8601 date/,
    fixed: fm(['title: "Ngày không có thật"', 'date: "2017-02-28"']), url: "/2017/02/28/ngay-khong-co-that/", title: "Ngày không có thật",
  },
  {
    name: "date far in the future", file: "far-future.md", severity: "warning",
    broken: fm(['title: "Năm gõ nhầm"', 'date: "2999-08-24T08:00:00+07:00"']), message: "3: date: 2999-08-24T08:00:00+07:00 is in the future; check the year",
    url: "/2999/08/24/nam-go-nham/", title: "Năm gõ nhầm",
  },
  {
    name: "empty file", file: "empty.md", severity: "error",
    broken: "", message: "1: file: empty file: an article needs front matter with title and date",
    fixed: fm(['title: "Không còn trống"', 'date: "2020-02-03T08:00:00+07:00"']), url: "/2020/02/03/khong-con-trong/", title: "Không còn trống",
  },
  {
    name: "a 5 MB article", file: "big.md", severity: "warning",
    broken: big, message: /^5: body: 5\.\d MB: far longer than an article usually is; check that the file holds one article$/,
    url: "/2020/01/01/bai-rat-dai/", title: "Bài rất dài",
  },
  {
    name: "a file that is not UTF-8 (Latin-1)", file: "latin1.md", severity: "error",
    broken: Uint8Array.from([...enc('---\ntitle: "Vi'), 0xea, ...enc('t Nam"\ndate: "2020-02-04"\n---\n')]),
    message: /^2: file: not valid UTF-8 \(first bad byte near offset 1[45]\)$/,
    fixed: fm(['title: "Việt Nam"', 'date: "2020-02-04"']), url: "/2020/02/04/viet-nam/", title: "Việt Nam",
  },
  {
    name: "a UTF-16 file (Windows \"Unicode\")", file: "utf16.md", severity: "error",
    broken: Uint8Array.from([0xff, 0xfe, ...Buffer.from(fm(['title: "Tiêu đề UTF-16"', 'date: "2020-02-05"']), "utf16le")]),
    message: /^1: file: not valid UTF-8 \(first bad byte near offset \d+\): the file is UTF-16; save it as UTF-8$/,
    fixed: fm(['title: "Tiêu đề UTF-16"', 'date: "2020-02-05"']), url: "/2020/02/05/tieu-de-utf-16/", title: "Tiêu đề UTF-16",
  },
  {
    name: "a BOM: lines are still counted from the first line", file: "bom.md", severity: "error",
    broken: `\uFEFF${fm(['title: "Có BOM"', 'date: "2020-02-31"'])}`, message: /^3: date: "2020-02-31" is not a real ISO 8601 date/,
    fixed: `\uFEFF${fm(['title: "Có BOM"', 'date: "2020-02-06"'])}`, url: "/2020/02/06/co-bom/", title: "Có BOM",
  },
  {
    name: "CRLF line ends: lines are still right", file: "crlf.md", severity: "error",
    broken: fm(['title: "Dòng CRLF"', 'section: "Đời sống"', 'tags: "không phải danh sách"', 'date: "2020-02-07"']).replace(/\n/g, "\r\n"),
    message: "4: tags: Invalid input: expected array, received string",
    fixed: fm(['title: "Dòng CRLF"', 'section: "Đời sống"', 'tags: ["Đời sống"]', 'date: "2020-02-07"'], "Đoạn một.\n\nĐoạn hai.").replace(/\n/g, "\r\n"), url: "/2020/02/07/dong-crlf/", title: "Dòng CRLF",
  },
  {
    name: "two articles that want one address (the later file gets -2)", file: "trung-b.md", severity: "warning",
    broken: fm(['title: "Họp báo quý II"', 'date: "2020-02-08T15:00:00+07:00"']),
    message: /^2: slug: address \/2020\/02\/08\/hop-bao-quy-ii\/ is already taken by .*trung-a\.md; this one is published at \/2020\/02\/08\/hop-bao-quy-ii-2\/$/,
    url: "/2020/02/08/hop-bao-quy-ii-2/", title: "Họp báo quý II",
  },
  {
    name: "a tag that slugifies to nothing (\"???\")", file: "tag-question.md", severity: "error",
    broken: fm(['title: "Thẻ chỉ có dấu hỏi"', 'date: "2020-02-09"', 'tags: ["Hạ Long", "???"]']), message: '4: tags: "???" has no letters or digits to make an address from',
    fixed: fm(['title: "Thẻ chỉ có dấu hỏi"', 'date: "2020-02-09"', 'tags: ["Hạ Long", "Hỏi đáp"]']), url: "/2020/02/09/the-chi-co-dau-hoi/", title: "Thẻ chỉ có dấu hỏi",
  },
  {
    name: "two tags that slugify alike (\"Hạ Long\" and \"Ha Long\"): one page, with a warning", file: "ha-long-khong-dau.md", severity: "warning",
    broken: fm(['title: "Ha Long không dấu"', 'date: "2020-02-10"', 'tags: ["Ha Long"]']), message: '4: tags: "Ha Long" and "Hạ Long" share the address /tags/ha-long/; listed together as "Hạ Long"',
    url: "/2020/02/10/ha-long-khong-dau/", title: "Ha Long không dấu",
  },
  {
    name: "control characters from a scrape (removed, with a warning)", file: "control.md", severity: "warning",
    broken: fm(['title: "Ký tự điều khiển\\x1d"', 'date: "2020-02-11"', 'source: "REUTERS \u007f"'], "Mầm non \u0008Tuổi thơ."),
    message: /^(2: title: control character U\+001D removed|4: file: 2 control character\(s\) removed, the first U\+007F at column 18): invisible, and not allowed in HTML or feeds$/,
    url: "/2020/02/11/ky-tu-dieu-khien/", title: "Ký tự điều khiển",
  },
  {
    name: "YAML aliases that expand without end (billion laughs)", file: "yaml-bomb.md", severity: "error",
    broken: fm(bomb), message: /^2: front matter: invalid YAML: .*(alias|resource)/i,
    fixed: fm(['title: "Bom YAML"', 'date: "2020-02-02"']), url: "/2020/02/02/bom-yaml/", title: "Bom YAML",
  },
  {
    name: "a field given twice", file: "duplicate-key.md", severity: "error",
    broken: fm(['title: "Một"', 'title: "Hai"', 'date: "2020-02-12"']), message: "3: front matter: invalid YAML: Map keys must be unique",
    fixed: fm(['title: "Hai"', 'date: "2020-02-12"']), url: "/2020/02/12/hai/", title: "Hai",
  },
];

let demoUrls: string[];
let broken: CliResult;
let fixed: CliResult;
let writtenByBrokenBuild: boolean;

beforeAll(async () => {
  cpSync(path.join(ROOT, "articles"), path.join(articles, "demo"), { recursive: true });
  writeArticle(articles, "cases/trung-a.md", fm(['title: "Họp báo quý II"', 'date: "2020-02-08T08:00:00+07:00"']));
  writeArticle(articles, "cases/ha-long-co-dau.md", fm(['title: "Hạ Long có dấu"', 'date: "2020-02-10T09:00:00+07:00"', 'tags: ["Hạ Long"]']));
  for (const c of CASES) writeArticle(articles, `cases/${c.file}`, c.broken);
  broken = await runCli("build", ["--articles", articles, "--out", out]);
  writtenByBrokenBuild = existsSync(out);
  for (const c of CASES) if (c.fixed !== undefined) writeArticle(articles, `cases/${c.file}`, c.fixed);
  fixed = await runCli("build", ["--articles", articles, "--out", out]);
  // The demo's own addresses, from a build of the demo alone.
  const demoOut = path.join(tmp.dir, "demo-out");
  const demo = await runCli("build", ["--articles", path.join(articles, "demo"), "--out", demoOut]);
  if (demo.code !== 0) throw new Error(demo.stderr);
  demoUrls = listFiles(demoOut).filter((f) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(f)).map((f) => `/${f.replace(/index\.html$/, "")}`);
  rmSync(demoOut, { recursive: true });
});
afterAll(() => tmp.cleanup());

const lines = (r: CliResult) => r.stderr.split("\n");
const errorCases = CASES.filter((c) => c.severity === "error");

describe("with the broken files", () => {
  it.each(CASES)("$name: one clear message with file and line", (c) => {
    const prefix = `${c.severity}: ${displayPath(articles, `cases/${c.file}`)}:`;
    const mine = lines(broken).filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
    expect(mine.length, lines(broken).join("\n")).toBeGreaterThan(0);
    for (const m of mine) {
      if (typeof c.message === "string") expect(m).toBe(c.message);
      else expect(m).toMatch(c.message);
    }
    // Never the other severity for the same file, and never a crash.
    expect(lines(broken).filter((l) => l.startsWith(`${c.severity === "error" ? "warning" : "error"}: ${displayPath(articles, `cases/${c.file}`)}:`))).toEqual([]);
  });

  it("the build stops (exit 1) counting exactly the error cases, prints no stack trace and writes nothing", () => {
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`Build stopped: ${errorCases.length} invalid article file(s).`);
    expect(broken.stderr).not.toMatch(/^\s+at /m);
    expect(writtenByBrokenBuild).toBe(false);
  });
});

describe("once fixed", () => {
  it("the build succeeds", () => {
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).not.toMatch(/^error:/m);
  });

  it("every demo article is present", () => {
    expect(demoUrls.length).toBe(7);
    for (const url of demoUrls) expect(readHtml(out, url).querySelector("article h1"), url).not.toBeNull();
  });

  it.each(CASES)("$name: the article is present, whole", (c) => {
    expect(text(one(readHtml(out, c.url), "article h1"))).toBe(c.title);
  });

  it("the 5 MB article is complete, and in the feeds", () => {
    const html = readOutput(out, "/2020/01/01/bai-rat-dai/");
    expect(html).toContain(`<p>${BIG_LAST}</p>`);
    expect(html.match(/<p>Đoạn \d+: /g)).toHaveLength(BIG_PARAGRAPHS);
    expect(readOutput(out, "/feed.xml")).toContain(BIG_LAST);
  });

  it("both articles of one address are kept, and the first keeps the address", () => {
    expect(text(one(readHtml(out, "/2020/02/08/hop-bao-quy-ii/"), "article time"))).toContain("08:00");
    expect(text(one(readHtml(out, "/2020/02/08/hop-bao-quy-ii-2/"), "article time"))).toContain("15:00");
  });

  it("\"Hạ Long\" and \"Ha Long\" are one tag page listing both, and one entry in the tag index", () => {
    const listed = readHtml(out, "/tags/ha-long/").querySelectorAll("ol.article-list h2 a").map((a) => a.getAttribute("href"));
    expect(listed).toEqual(expect.arrayContaining(["/2020/02/10/ha-long-khong-dau/", "/2020/02/10/ha-long-co-dau/"]));
    expect(readHtml(out, "/tags/").querySelectorAll("ul.term-list a").map(text).filter((t) => /^H[aạ] Long$/.test(t))).toEqual(["Hạ Long"]);
  });

  it("CRLF and BOM leave no trace; control characters are gone from pages and feeds", () => {
    for (const url of ["/2020/02/07/dong-crlf/", "/2020/02/06/co-bom/", "/2020/02/11/ky-tu-dieu-khien/", "/feed.xml", "/feed.json"]) {
      expect(readOutput(out, url), url).not.toMatch(/[\r\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    }
    expect(readHtml(out, "/2020/02/07/dong-crlf/").querySelectorAll("article .body p").map(text)).toEqual(["Đoạn một.", "Đoạn hai."]);
    expect(text(one(readHtml(out, "/2020/02/11/ky-tu-dieu-khien/"), "article .body p"))).toBe("Mầm non Tuổi thơ.");
  });

  it("the still-warned files are unchanged on disk (nothing was rewritten to make them pass)", () => {
    for (const c of CASES.filter((x) => x.fixed === undefined)) {
      expect(readFileSync(path.join(articles, "cases", c.file)).equals(Buffer.from(typeof c.broken === "string" ? enc(c.broken) : c.broken)), c.file).toBe(true);
    }
  });
});
