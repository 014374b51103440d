import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleText, displayPath, listFiles, runCli, tempDir, writeArticle, type CliResult } from "../helpers/index.ts";

/**
 * Addresses come from titles, tags, sections, authors, file names and the `slug` field: none of them
 * may make the build write outside --out, or write a path that a Windows disk or an S3 sync cannot
 * hold. Real `check`/`build` runs; the whole temp folder is listed before and after.
 */
const tmp = tempDir("trust-paths");
const unsafeDir = path.join(tmp.dir, "unsafe");
const safeDir = path.join(tmp.dir, "safe");
const unsafeOut = path.join(tmp.dir, "out-unsafe");
const safeOut = path.join(tmp.dir, "out-safe");
const MARKER = `trust-escape-${process.pid}`;
const DATE = "2017-08-24T08:00:00+07:00";
const SHAPE = "slug: must be one path segment of letters, digits, '-' or '_' (no '/', '..' or spaces)";
const RESERVED = "slug: is a name Windows reserves for a device (con, prn, aux, nul, com1…, lpt1…); choose another";

/** A `slug` field as YAML text (so NUL and backslash can be written as escapes), and the message it must get. */
const UNSAFE_SLUGS: [file: string, yaml: string, message: string][] = [
  ["dotdot.md", JSON.stringify(`${"../".repeat(12)}${MARKER}`), SHAPE],
  ["dots-only.md", '".."', SHAPE],
  ["slash.md", '"a/b"', SHAPE],
  ["absolute.md", JSON.stringify(`/tmp/${MARKER}`), SHAPE],
  ["backslash.md", '"..\\\\..\\\\x"', SHAPE],
  ["nul.md", '"a\\0b"', SHAPE],
  ["percent.md", '"%2e%2e"', SHAPE],
  ["dot-name.md", '".htaccess"', SHAPE],
  ["index-html.md", '"index.html"', SHAPE],
  ["lookalike.md", '"\u2025"', SHAPE],
  ["fullwidth-slash.md", '"a\uFF0Fb"', SHAPE],
  ["con.md", '"con"', RESERVED],
  ["nul-name.md", '"NUL"', RESERVED],
  ["com1.md", '"Com1"', RESERVED],
  ["lpt9.md", '"lpt9"', RESERVED],
];

/** Everything under `dir` except `skip`, with sizes: what a build must leave alone. */
function snapshot(dir: string, skip: string[]): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => !skip.some((s) => f === s || f.startsWith(`${s}${path.sep}`)))
    .map((f) => `${f} ${statSync(path.join(dir, f)).size}`)
    .sort();
}

let unsafeCheck: CliResult;
let unsafeBuild: CliResult;
let safeBuild: CliResult;
let before: string[];
let after: string[];

beforeAll(async () => {
  writeArticle(unsafeDir, "ok.md", articleText({ title: "Bài hợp lệ", date: DATE }));
  for (const [file, yaml] of UNSAFE_SLUGS) writeArticle(unsafeDir, file, `---\ntitle: "Địa chỉ nguy hiểm"\ndate: "${DATE}"\nsection: "Thời sự"\nslug: ${yaml}\n---\n\nNội dung.\n`);

  writeArticle(safeDir, "title-con.md", articleText({ title: "Con", date: DATE }));
  writeArticle(safeDir, "title-nul.md", articleText({ title: "NUL", date: DATE }));
  writeArticle(safeDir, "title-path.md", articleText({ title: "../../../etc/passwd", date: DATE }));
  writeArticle(safeDir, "terms.md", articleText({ title: "Tên mục dành riêng", date: DATE, section: "Aux", tags: ["LPT1", "Com9"], author: "Prn" }));
  // Titles with nothing to make an address from: the address comes from the file name.
  writeArticle(safeDir, "aux.md", articleText({ title: "???", date: DATE }));
  writeArticle(safeDir, `"><img src=x onerror=alert(1)>.md`, articleText({ title: "!!!", date: DATE }));
  writeArticle(safeDir, "\u2025.md", articleText({ title: "...", date: DATE }));
  writeArticle(safeDir, "Bài viết mới.md", articleText({ title: "???", date: DATE }));

  before = snapshot(tmp.dir, []);
  unsafeCheck = await runCli("check", ["--articles", unsafeDir]);
  unsafeBuild = await runCli("build", ["--articles", unsafeDir, "--out", unsafeOut]);
  safeBuild = await runCli("build", ["--articles", safeDir, "--out", safeOut]);
  after = snapshot(tmp.dir, [path.basename(safeOut)]);
});
afterAll(() => tmp.cleanup());

describe("a slug that is not one safe path segment", () => {
  it.each(UNSAFE_SLUGS)("%s (slug %s) is an error with file and line", (file, _yaml, message) => {
    expect(unsafeCheck.stderr.split("\n")).toContain(`error: ${displayPath(unsafeDir, file)}:5: ${message}`);
  });

  it("stops check and build; the build writes nothing, here or anywhere the slugs point", () => {
    expect(unsafeCheck.code).toBe(1);
    expect(unsafeBuild.code).toBe(1);
    expect(unsafeBuild.stderr).toContain(`Build stopped: ${UNSAFE_SLUGS.length} invalid article file(s).`);
    expect(existsSync(unsafeOut)).toBe(false);
    // Where `../` × 12 and `/tmp/…` would have led, from the article's folder inside the output.
    expect(existsSync(path.resolve(unsafeOut, "2017", "08", "24", `${"../".repeat(12)}${MARKER}`))).toBe(false);
    expect(existsSync(path.join("/tmp", MARKER))).toBe(false);
  });
});

describe("names that become addresses", () => {
  it("build, and every file the build wrote is inside --out", () => {
    expect(safeBuild.code).toBe(0);
    expect(after).toEqual(before);
  });

  it("no output path has a '..' segment, a Windows device name or a character a file system may refuse", () => {
    const files = listFiles(safeOut);
    expect(files.length).toBeGreaterThan(20);
    const bad = files.filter((f) => f.split("/").some((seg) => seg === ".." || /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i.test(seg) || /[<>:"|?*\\\u0000-\u001F]/.test(seg)));
    expect(bad).toEqual([]);
  });

  it("a title, section, tag or author that is a device name gets '_'; a path-like title is only letters", () => {
    const files = new Set(listFiles(safeOut));
    for (const url of ["2017/08/24/con_/", "2017/08/24/nul_/", "2017/08/24/etc-passwd/", "sections/aux_/", "tags/lpt1_/", "tags/com9_/", "authors/prn_/"]) {
      expect(files.has(`${url}index.html`), url).toBe(true);
    }
  });

  it("a file name used for the address is slugged like a title, with a warning naming the file", () => {
    const files = new Set(listFiles(safeOut));
    for (const [file, slug] of [["aux.md", "aux_"], [`"><img src=x onerror=alert(1)>.md`, "img-src-x-onerror-alert-1"], ["Bài viết mới.md", "bai-viet-moi"], ["\u2025.md", "bai-viet"]] as const) {
      expect(files.has(`2017/08/24/${slug}/index.html`), slug).toBe(true);
      expect(safeBuild.stderr, file).toContain(`warning: ${displayPath(safeDir, file)}:2: title: has no letters or digits to make an address from; using "${slug}"`);
    }
  });
});
