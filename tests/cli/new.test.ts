import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/new.ts";
import { parseArticle } from "../../src/article/parse.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "cli-new-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// 20:05 UTC on 31 August is already 03:05 on 1 September in Hanoi.
const NOW = DateTime.fromISO("2017-08-31T20:05:42Z");

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, now: NOW }, stdout: () => out.join(""), stderr: () => err.join("") };
}

describe("new CLI", () => {
  it("creates a dated article, now in Asia/Ho_Chi_Minh, at articles/YYYY/MM/<slug>.md", async () => {
    const run = fakeIo();
    const code = await main(["--out", dir, "--title", "  Bão số 5 đổ bộ  ", "--section", "Thời sự", "--tags", "bão, thời tiết,,bão"], run.io);
    expect(code).toBe(0);
    const file = path.join(dir, "2017/09/bao-so-5-do-bo.md");
    expect(run.stdout().trim()).toBe(path.relative(process.cwd(), file));
    const content = await readFile(file, "utf8");
    expect(content).toBe(
      ['---', 'title: "Bão số 5 đổ bộ"', 'date: "2017-09-01T03:05:00+07:00"', 'section: "Thời sự"', "tags:", '  - "bão"', '  - "thời tiết"', "---", ""].join("\n"),
    );
    const parsed = parseArticle("x.md", new TextEncoder().encode(content), { timeZone: "Asia/Ho_Chi_Minh", now: NOW });
    expect(parsed.problems).toEqual([]);
    expect(parsed.article?.tags).toEqual(["bão", "thời tiết"]);
  });

  it("never overwrites: the same title again gives <slug>-2.md, and an existing file is left as it was", async () => {
    await mkdir(path.join(dir, "2017/09"), { recursive: true });
    await writeFile(path.join(dir, "2017/09/bao.md"), "của tôi\n");
    expect(await main(["--out", dir, "--title", "Bão"], fakeIo().io)).toBe(0);
    expect(await main(["--out", dir, "--title", "Bão"], fakeIo().io)).toBe(0);
    expect((await readdir(path.join(dir, "2017/09"))).sort()).toEqual(["bao-2.md", "bao-3.md", "bao.md"]);
    expect(await readFile(path.join(dir, "2017/09/bao.md"), "utf8")).toBe("của tôi\n");
  });

  it("keeps template-looking titles as text", async () => {
    await main(["--out", dir, "--title", "{{ 7*7 }} <script>"], fakeIo().io);
    const content = await readFile(path.join(dir, "2017/09/7-7-script.md"), "utf8");
    expect(content).toContain('title: "{{ 7*7 }} <script>"');
  });

  it("names a title without letters after the date, and pins that slug", async () => {
    const run = fakeIo();
    expect(await main(["--out", dir, "--title", "???"], run.io)).toBe(0);
    const content = await readFile(path.join(dir, "2017/09/bai-viet-20170901-0305.md"), "utf8");
    expect(content).toContain('slug: "bai-viet-20170901-0305"');
  });

  it("refuses a missing or empty title, and unknown options, with exit 2", async () => {
    for (const args of [[], ["--title", "  "], ["--title", "x", "--what"], ["stray"]]) {
      const run = fakeIo();
      expect(await main(["--out", dir, ...args], run.io)).toBe(2);
      expect(run.stderr()).toContain("Usage: npm run new");
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it("runs as `npm run new` does", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/new.ts", "--out", dir, "--title", "Tin mới"], { cwd: ROOT });
    const created = path.resolve(ROOT, stdout.trim());
    expect(created.startsWith(dir)).toBe(true);
    expect(path.basename(created)).toBe("tin-moi.md");
    expect(await readFile(created, "utf8")).toMatch(/^date: "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+07:00"$/m);
  });
});
