import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { articleText, createInvalidSet, createWarningSet, runCli, tempDir, writeArticle, type CliResult } from "../helpers/index.ts";

/** `npm run build -- --articles DIR --out TMP`: refuses invalid input before writing anything. */
const tmp = tempDir("cli-build");
const invalidDir = path.join(tmp.dir, "invalid");
const warningDir = path.join(tmp.dir, "warnings");
let invalid: ReturnType<typeof createInvalidSet>;
let invalidRun: CliResult;
let warningRun: CliResult;
const invalidOut = path.join(tmp.dir, "out-invalid");
const warningOut = path.join(tmp.dir, "out-warnings");

beforeAll(async () => {
  invalid = createInvalidSet(invalidDir);
  createWarningSet(warningDir);
  [invalidRun, warningRun] = await Promise.all([
    runCli("build", ["--articles", invalidDir, "--out", invalidOut], { viaNpm: true }),
    runCli("build", ["--articles", warningDir, "--out", warningOut]),
  ]);
});
afterAll(() => tmp.cleanup());

describe("build on invalid files", () => {
  it("exits non-zero and writes nothing", () => {
    expect(invalidRun.code).toBe(1);
    expect(existsSync(invalidOut)).toBe(false);
  });

  it("reports every invalid file in one run, like check does", () => {
    const errors = invalidRun.stderr.split("\n").filter((l) => l.startsWith("error:"));
    expect(errors).toHaveLength(invalid.errors.length);
    invalid.errors.forEach((want, i) => {
      if (typeof want === "string") expect(errors[i]).toBe(want);
      else expect(errors[i]).toMatch(want);
    });
    expect(invalidRun.stderr).toContain(`Build stopped: ${invalid.errors.length} invalid article file(s).`);
  });

  it("leaves an earlier good build in place", async () => {
    const out = path.join(tmp.dir, "out-kept");
    const good = path.join(tmp.dir, "good");
    writeArticle(good, "a.md", articleText({ title: "Bài tốt", date: "2017-08-24T08:00:00+07:00" }));
    expect((await runCli("build", ["--articles", good, "--out", out])).code).toBe(0);
    const bad = await runCli("build", ["--articles", invalidDir, "--out", out]);
    expect(bad.code).toBe(1);
    expect(existsSync(path.join(out, "2017", "08", "24", "bai-tot", "index.html"))).toBe(true);
  });
});

describe("build with warnings only", () => {
  it("exits 0 and builds every article", () => {
    expect(warningRun.code).toBe(0);
    expect(warningRun.stdout).toContain("Built 8 articles");
    for (const url of ["2018/05/02/hop-bao", "2018/05/02/hop-bao-2", "2205/08/24/nam-go-nham", "tags/ha-long", "2017/08/24/bom-va-crlf"]) {
      expect(existsSync(path.join(warningOut, url, "index.html")), url).toBe(true);
    }
  });
});

describe("build output folder", () => {
  it("replaces its own earlier output, so a deleted article leaves no page behind", async () => {
    const dir = path.join(tmp.dir, "shrinking");
    const out = path.join(tmp.dir, "out-shrinking");
    writeArticle(dir, "a.md", articleText({ title: "Ở lại", date: "2017-08-24T08:00:00+07:00" }));
    writeArticle(dir, "b.md", articleText({ title: "Bị xóa", date: "2017-08-25T08:00:00+07:00" }));
    expect((await runCli("build", ["--articles", dir, "--out", out])).code).toBe(0);
    expect(existsSync(path.join(out, "2017", "08", "25", "bi-xoa", "index.html"))).toBe(true);
    writeArticle(dir, "b.md", articleText({ title: "Bị xóa", date: "2017-08-25T08:00:00+07:00", draft: true }));
    expect((await runCli("build", ["--articles", dir, "--out", out])).code).toBe(0);
    expect(existsSync(path.join(out, "2017", "08", "25"))).toBe(false);
    expect(existsSync(path.join(out, "2017", "08", "24", "o-lai", "index.html"))).toBe(true);
  });

  it("refuses to empty a non-empty folder it did not make", async () => {
    const dir = path.join(tmp.dir, "one");
    writeArticle(dir, "a.md", articleText({ title: "A", date: "2017-08-24T08:00:00+07:00" }));
    const out = path.join(tmp.dir, "someone-elses");
    mkdirSync(out);
    writeFileSync(path.join(out, "notes.txt"), "keep me");
    const r = await runCli("build", ["--articles", dir, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is not empty and was not made by this tool");
    expect(readdirSync(out)).toEqual(["notes.txt"]);
  });

  it("refuses a path prefix with .. segments", async () => {
    const dir = path.join(tmp.dir, "two");
    writeArticle(dir, "a.md", articleText({ title: "A", date: "2017-08-24T08:00:00+07:00" }));
    const r = await runCli("build", ["--articles", dir, "--out", path.join(tmp.dir, "out-dots"), "--path-prefix", "/a/../b/"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--path-prefix "/a/../b/" must not contain . or .. segments');
  });
});
