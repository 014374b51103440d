import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatProblem } from "../../src/article/model.ts";
import { listInputs } from "../../src/importer/inputs.ts";
import { runImport, type FileReport } from "../../src/importer/run-import.ts";
import { raw } from "./fixtures.ts";

let dir: string;
let inDir: string;
let out: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "importer-run-"));
  inDir = path.join(dir, "in");
  out = path.join(dir, "articles");
  await mkdir(path.join(inDir, "sub", "deeper"), { recursive: true });
  await writeFile(path.join(inDir, "a.txt"), raw({ title: "Bài A" }));
  await writeFile(path.join(inDir, "sub", "b.txt"), raw({ title: "Bài B", dateLine: "Thứ Sáu, 01/09/2017, 08:00 [GMT+7]" }));
  await writeFile(path.join(inDir, "sub", "deeper", "c.TXT"), raw({ title: "Bài C" }));
  await writeFile(path.join(inDir, "README.md"), "# not an article\n");
  await writeFile(path.join(inDir, "manifest.tsv"), "file\tsection\n");
  await mkdir(path.join(inDir, ".hidden"));
  await writeFile(path.join(inDir, ".hidden", "h.txt"), raw({ title: "Ẩn" }));
  await writeFile(path.join(inDir, ".d.txt"), raw({ title: "Ẩn" }));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const listing = async (folder: string) => (await readdir(folder, { recursive: true })).map((f) => f.split(path.sep).join("/")).sort();

async function run(paths: string[], options: { force?: boolean; dryRun?: boolean } = {}) {
  const reports: FileReport[] = [];
  const summary = await runImport(paths, { out, ...options, onFile: (r) => reports.push(r) });
  return { summary, reports };
}

describe("listInputs", () => {
  it("walks folders for .txt files (any case), skipping hidden ones, in code-point order; takes named files as they are", async () => {
    await writeFile(path.join(dir, "note.raw"), raw());
    const { files, problems } = await listInputs([inDir, path.join(dir, "note.raw"), path.join(inDir, "a.txt"), path.join(dir, "missing")]);
    expect(files.map((f) => path.relative(dir, f).split(path.sep).join("/"))).toEqual(["in/a.txt", "in/sub/b.txt", "in/sub/deeper/c.TXT", "note.raw"]);
    expect(problems.map(formatProblem)).toEqual([`${path.join(dir, "missing")}:1: file: no such file or folder`]);
  });
});

describe("runImport", () => {
  it("imports every article of a folder into YYYY/MM/<slug>.md, and says so", async () => {
    const { summary, reports } = await run([inDir]);
    expect(summary).toEqual({ total: 3, imported: 3, unchanged: 0, skipped: 0, failed: 0, warnings: 0 });
    expect(await listing(out)).toEqual(["2017", "2017/08", "2017/08/bai-a.md", "2017/08/bai-c.md", "2017/09", "2017/09/bai-b.md"]);
    expect(reports.map((r) => [path.basename(r.input), r.status])).toEqual([["a.txt", "imported"], ["b.txt", "imported"], ["c.TXT", "imported"]]);
    expect(await readFile(path.join(out, "2017/09/bai-b.md"), "utf8")).toContain('source: "b.txt"');
  });

  it("is idempotent: a second run changes nothing and reports every file unchanged", async () => {
    await run([inDir]);
    const before = await Promise.all((await listing(out)).map(async (f) => [f, (await stat(path.join(out, f))).mtimeMs]));
    const { summary } = await run([inDir]);
    expect(summary).toMatchObject({ imported: 0, unchanged: 3, skipped: 0, failed: 0 });
    const after = await Promise.all((await listing(out)).map(async (f) => [f, (await stat(path.join(out, f))).mtimeMs]));
    expect(after).toEqual(before);
  });

  it("counts a bad file as failed, with its reason, and imports the others", async () => {
    await writeFile(path.join(inDir, "bad-utf8.txt"), Buffer.from([0x58, 0xe3, 0x20, 0x68, 0x0a]));
    await writeFile(path.join(inDir, "no-date.txt"), raw({ dateLine: null }));
    await writeFile(path.join(inDir, "weekday.txt"), raw({ title: "Sai thứ", dateLine: "Thứ Hai, 24/08/2017, 14:47" }));
    const { summary, reports } = await run([inDir, path.join(dir, "missing.txt")]);
    expect(summary).toEqual({ total: 7, imported: 4, unchanged: 0, skipped: 0, failed: 3, warnings: 1 });
    const messages = reports.flatMap((r) => r.problems.map((p) => `${r.status} ${formatProblem(p)}`.replace(dir, "DIR")));
    expect(messages).toEqual([
      "failed DIR/missing.txt:1: file: no such file or folder",
      expect.stringMatching(/^failed DIR\/in\/bad-utf8\.txt:1: file: not valid UTF-8/),
      expect.stringMatching(/^failed DIR\/in\/no-date\.txt:8: date: no date line/),
      'imported DIR/in/weekday.txt:5: date: weekday "Thứ Hai" does not match 24/08/2017, which is a Thứ Năm; the date is kept',
    ]);
  });

  it("lands two inputs that would get the same file name, on every run", async () => {
    await writeFile(path.join(inDir, "sub", "a2.txt"), raw({ title: "Bài A", body: ["Một bài khác cùng tên."] }));
    const first = await run([inDir]);
    expect(first.summary).toMatchObject({ imported: 4, failed: 0 });
    expect((await listing(path.join(out, "2017/08")))).toEqual(["bai-a-2.md", "bai-a.md", "bai-c.md"]);
    expect(await readFile(path.join(out, "2017/08/bai-a-2.md"), "utf8")).toContain("Một bài khác cùng tên.");
    expect((await run([inDir])).summary).toMatchObject({ imported: 0, unchanged: 4 });
  });

  it("reports a hand-edited article as skipped and leaves it; --force replaces it", async () => {
    await run([inDir]);
    const file = path.join(out, "2017/08/bai-a.md");
    const edited = (await readFile(file, "utf8")).replace("Đoạn một.", "Đoạn một, sửa tay.");
    await writeFile(file, edited);

    const { summary, reports } = await run([inDir]);
    expect(summary).toMatchObject({ imported: 0, unchanged: 2, skipped: 1, failed: 0 });
    const skipped = reports.find((r) => r.status === "skipped");
    expect(skipped?.problems.map(formatProblem)).toEqual([expect.stringContaining("exists with other content")]);
    expect(await readFile(file, "utf8")).toBe(edited);

    const forced = await run([inDir], { force: true });
    expect(forced.summary).toMatchObject({ imported: 1, unchanged: 2, skipped: 0 });
    expect(forced.reports.find((r) => r.status === "imported")?.replaced).toBe(true);
    expect(await readFile(file, "utf8")).not.toContain("sửa tay");
  });

  it("in a dry run reports what it would do and writes nothing", async () => {
    const { summary } = await run([inDir], { dryRun: true });
    expect(summary).toMatchObject({ imported: 3, failed: 0 });
    await expect(stat(out)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("leaves no temporary files in the articles folder", async () => {
    await run([inDir]);
    await run([inDir], { force: true });
    expect((await listing(out)).filter((f) => path.basename(f).startsWith(".") || f.endsWith(".tmp"))).toEqual([]);
  });
});
