import path from "node:path";
import { copyFixture, writeArticle } from "./articles.ts";
import { ROOT } from "./cli.ts";

/** How the CLIs name a file: relative to the working directory (the repository root). */
export function displayPath(dir: string, rel: string): string {
  return `${path.relative(ROOT, dir).split(path.sep).join("/")}/${rel}`;
}

/**
 * tests/fixtures/core/invalid plus a file of Latin-1 bytes (written here: no editor should be trusted
 * to keep it). Returns the exact error line expected for each invalid file, in report order.
 */
export function createInvalidSet(dir: string): { errors: (string | RegExp)[]; validCount: number } {
  copyFixture("invalid", dir);
  writeArticle(dir, "not-utf8.md", Uint8Array.from([...Buffer.from('---\ntitle: "Vi'), 0xea, ...Buffer.from('t Nam"\ndate: "2017-08-24"\n---\n')]));
  const p = (rel: string) => displayPath(dir, rel);
  const slugRule = "slug: must be one path segment of letters, digits, '-' or '_' (no '/', '..' or spaces)";
  const esc = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  return {
    errors: [
      new RegExp(`^error: ${esc(p("bad-yaml.md"))}:[234]: front matter: invalid YAML: \\S`),
      `error: ${p("empty.md")}:1: file: empty file: an article needs front matter with title and date`,
      `error: ${p("impossible-date.md")}:3: date: "2017-02-30" is not a real ISO 8601 date (you specified 30 (of type number) as a day, which is invalid)`,
      `error: ${p("missing-date.md")}:2: date: required: an ISO 8601 date, e.g. 2017-08-24T14:47:00+07:00`,
      `error: ${p("missing-title.md")}:2: title: required, and must not be empty`,
      `error: ${p("no-front-matter.md")}:1: front matter: missing: the file must start with a '---' line, then title and date, then '---'`,
      new RegExp(`^error: ${esc(p("not-utf8.md"))}:2: file: not valid UTF-8 \\(first bad byte near offset 1[45]\\)$`),
      `error: ${p("slug-dotdot.md")}:4: ${slugRule}`,
      `error: ${p("slug-nul.md")}:4: ${slugRule}`,
      `error: ${p("slug-slash.md")}:4: ${slugRule}`,
      `error: ${p("slug-space.md")}:4: ${slugRule}`,
      `error: ${p("tags-not-list.md")}:4: tags: Invalid input: expected array, received string`,
      `error: ${p("tag-question.md")}:4: tags: "???" has no letters or digits to make an address from`,
    ],
    // valid.md, and tag-question.md whose article reads fine until its tag needs an address.
    validCount: 2,
  };
}

/** tests/fixtures/core/warnings plus a BOM+CRLF file and an NFD file: all valid, some with warnings. */
export function createWarningSet(dir: string): { warnings: string[]; articleCount: number } {
  copyFixture("warnings", dir);
  writeArticle(dir, "bom-crlf.md", '\uFEFF---\r\ntitle: "BOM và CRLF"\r\ndate: "2017-08-24T08:00:00+07:00"\r\n---\r\n\r\nNội dung.\r\n');
  writeArticle(dir, "nfd.md", `---\ntitle: "${"Tiêu đề tổ hợp".normalize("NFD")}"\ndate: "2017-08-25T08:00:00+07:00"\n---\n`);
  const p = (rel: string) => displayPath(dir, rel);
  return {
    warnings: [
      `warning: ${p("far-future.md")}:3: date: 2205-08-24T08:00:00+07:00 is in the future; check the year`,
      `warning: ${p("unknown-field.md")}:4: nguon_anh: unknown field, ignored`,
      `warning: ${p("hop-bao-2.md")}:2: slug: address /2018/05/02/hop-bao/ is already taken by ${p("hop-bao-1.md")}; this one is published at /2018/05/02/hop-bao-2/`,
      `warning: ${p("tag-ha-long-khong-dau.md")}:4: tags: "Ha Long" and "Hạ Long" share the address /tags/ha-long/; listed together as "Hạ Long"`,
    ],
    articleCount: 8,
  };
}
