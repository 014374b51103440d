import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/import.ts";
import { raw, SEED } from "../importer/fixtures.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cli-import-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fakeIo(tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t), isTTY: tty, columns: 120 } },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}

const SEED_ARTICLE = "2017/08/nang-cao-chat-luong-to-chuc-co-so-dang-va-dang-vien.md";

describe("import CLI", () => {
  it("imports the seed, then says nothing changed on a second run", async () => {
    const out = path.join(dir, "articles");
    const first = fakeIo();
    expect(await main(["--out", out, SEED], first.io)).toBe(0);
    expect(first.stdout()).toContain(`imported ${SEED} -> ${path.relative(process.cwd(), path.join(out, SEED_ARTICLE))}`);
    expect(first.stdout()).toContain("imported 1, unchanged 0, skipped 0, failed 0 (0 warnings)");
    expect(first.stderr()).toBe("");
    const content = await readFile(path.join(out, SEED_ARTICLE), "utf8");

    const second = fakeIo();
    expect(await main(["--out", out, SEED], second.io)).toBe(0);
    expect(second.stdout()).toContain(`unchanged ${SEED}`);
    expect(second.stdout()).toContain("imported 0, unchanged 1, skipped 0, failed 0");
    expect(second.stdout()).toContain("nothing changed");
    expect(await readFile(path.join(out, SEED_ARTICLE), "utf8")).toBe(content);
  });

  it("exits 1 when a file failed, printing path:line: field: message; the others are imported", async () => {
    await writeFile(path.join(dir, "ok.txt"), raw());
    await writeFile(path.join(dir, "no-date.txt"), raw({ dateLine: null }));
    const run = fakeIo();
    expect(await main(["-o", path.join(dir, "articles"), dir], run.io)).toBe(1);
    expect(run.stderr()).toMatch(new RegExp(`^${path.join(dir, "no-date.txt")}:8: date: no date line`, "m"));
    expect(run.stdout()).toContain("imported 1, unchanged 0, skipped 0, failed 1");
  });

  it("reports a hand-edited article as skipped (exit 0) and replaces it with --force", async () => {
    const out = path.join(dir, "articles");
    await main(["--out", out, SEED], fakeIo().io);
    await writeFile(path.join(out, SEED_ARTICLE), (await readFile(path.join(out, SEED_ARTICLE), "utf8")).replace("Hoài Anh", "Hoài Anh (sửa)"));
    const skipped = fakeIo();
    expect(await main(["--out", out, SEED], skipped.io)).toBe(0);
    expect(skipped.stderr()).toContain(`${SEED}:1: file: ${path.relative(process.cwd(), path.join(out, SEED_ARTICLE))} exists with other content`);
    expect(skipped.stdout()).toContain("skipped 1");
    expect(await readFile(path.join(out, SEED_ARTICLE), "utf8")).toContain("(sửa)");

    const forced = fakeIo();
    expect(await main(["--out", out, "--force", SEED], forced.io)).toBe(0);
    expect(forced.stdout()).toContain(`replaced ${SEED}`);
    expect(await readFile(path.join(out, SEED_ARTICLE), "utf8")).not.toContain("(sửa)");
  });

  it("--dry-run says what it would write and writes nothing", async () => {
    const out = path.join(dir, "articles");
    const run = fakeIo();
    expect(await main(["--dry-run", "--out", out, SEED], run.io)).toBe(0);
    expect(run.stdout()).toContain(`would import ${SEED} -> `);
    expect(run.stdout()).toContain("dry run, nothing written: would import 1,");
    await expect(readdir(out)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("draws a progress bar on a terminal for a large folder, and still prints problems and the summary", async () => {
    const inDir = path.join(dir, "in");
    await mkdir(inDir);
    for (let i = 0; i < 25; i++) await writeFile(path.join(inDir, `f${String(i).padStart(2, "0")}.txt`), raw({ title: `Bài số ${i}` }));
    await writeFile(path.join(inDir, "zz-bad.txt"), raw({ dateLine: null }));
    const run = fakeIo(true);
    expect(await main(["--out", path.join(dir, "articles"), inDir], run.io)).toBe(1);
    expect(run.stderr()).toContain("\r\x1b[K[");
    expect(run.stderr()).toContain("26/26 100%");
    expect(run.stderr()).toMatch(/zz-bad\.txt:8: date: no date line/);
    expect(run.stdout()).not.toContain("imported " + inDir); // no per-file lines under a bar
    expect(run.stdout()).toBe("imported 25, unchanged 0, skipped 0, failed 1 (0 warnings)\n");
  });

  it("refuses a bad command line with exit 2", async () => {
    const none = fakeIo();
    expect(await main([], none.io)).toBe(2);
    expect(none.stderr()).toContain("Usage: npm run import");
    const unknown = fakeIo();
    expect(await main(["--frobnicate", SEED], unknown.io)).toBe(2);
    const help = fakeIo();
    expect(await main(["--help"], help.io)).toBe(0);
    expect(help.stdout()).toContain("--dry-run");
  });

  it("runs as `npm run import` does (tsx src/cli/import.ts), with its exit status", async () => {
    const run = promisify(execFile);
    const out = path.join(dir, "articles");
    const ok = await run(process.execPath, ["--import", "tsx", "src/cli/import.ts", "--out", out, SEED], { cwd: ROOT });
    expect(ok.stdout).toContain("imported 1, unchanged 0");
    await writeFile(path.join(dir, "bad.txt"), Buffer.from([0xff, 0xfe, 0x00]));
    await expect(run(process.execPath, ["--import", "tsx", "src/cli/import.ts", "--out", out, path.join(dir, "bad.txt")], { cwd: ROOT })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("bad.txt:1: file: not valid UTF-8"),
    });
  });
});
