import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../helpers/build-site.ts";
import { copyRepository } from "./support/repo-copy.ts";
import { listFiles, ROOT, tempDir } from "./support/site.ts";

const run = promisify(execFile);

/** path → sha256 of every file of a built folder. */
function digest(dir: string): Map<string, string> {
  // The parse cache records each article file's stat (times, inode): the machine's state, not the site's.
  return new Map(listFiles(dir).filter((f) => f !== ".archive-cache").map((f) => [f, createHash("sha256").update(readFileSync(path.join(dir, f))).digest("hex")]));
}

/** path → size and modification time of everything under `dir` (folders too), except `skip`. */
function snapshot(dir: string, skip: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full);
      if (rel === skip || rel === "node_modules") continue;
      const info = statSync(full);
      out.set(rel, `${e.isDirectory() ? "dir" : info.size} ${info.mtimeMs}`);
      if (e.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

const tmp = tempDir("reproducible");
let first: Map<string, string>;
let second: Map<string, string>;

beforeAll(async () => {
  // The demo archive, twice, through the real command line, into two different folders.
  const a = await buildSite({ articles: "articles", out: path.join(tmp.dir, "a", "site") });
  const b = await buildSite({ articles: "articles", out: path.join(tmp.dir, "b", "out") });
  first = digest(a.out);
  second = digest(b.out);
});
afterAll(() => tmp.cleanup());

describe("the build is reproducible", () => {
  it("writes the same files with the same bytes twice in a row, wherever the output goes", () => {
    expect(first.size).toBeGreaterThan(100);
    expect([...second.keys()]).toEqual([...first.keys()]);
    const differ = [...first].filter(([f, h]) => second.get(f) !== h).map(([f]) => f);
    expect(differ).toEqual([]);
  });

  it("stamps no build date or time in any file (feeds date themselves from their newest article)", () => {
    const now = Date.now();
    const stamps = [-1, 0, 1].flatMap((d) => {
      const day = new Date(now + d * 86_400_000);
      const iso = day.toISOString().slice(0, 10);
      const [y, m, dd] = iso.split("-");
      return [iso, `${dd}/${m}/${y}`];
    });
    const stamped = [...first.keys()].filter((f) => {
      const text = readFileSync(path.join(tmp.dir, "a", "site", f), "latin1");
      return stamps.some((s) => text.includes(s));
    });
    expect(stamped).toEqual([]);
  });
});

describe("the build writes nothing outside --out", () => {
  it("leaves the repository, TMPDIR and HOME as they were when built from a clone of it with a relative --out", async () => {
    const work = tempDir("clean");
    try {
      const repo = path.join(work.dir, "repo");
      const home = path.join(work.dir, "home");
      const temp = path.join(work.dir, "tmp");
      for (const d of [repo, home, temp]) mkdirSync(d);
      copyRepository(repo);
      const before = snapshot(repo, "site");
      const modulesBefore = readdirSync(path.join(ROOT, "node_modules")).filter((n) => n !== ".vite").sort();
      // tsx's own compile cache is the runner's, not the build's: switched off so TMPDIR must stay empty.
      const env = { ...process.env, HOME: home, TMPDIR: temp, TSX_DISABLE_CACHE: "1" };
      await run(path.join(repo, "node_modules", ".bin", "tsx"), ["src/cli/build.ts", "--out", "site"], { cwd: repo, env, maxBuffer: 64 * 1024 * 1024 });

      expect(statSync(path.join(repo, "site", "index.html")).isFile()).toBe(true);
      const after = snapshot(repo, "site");
      const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
      expect(changed).toEqual([]);
      expect(readdirSync(home)).toEqual([]);
      // tsx (the runner, not the build) makes an empty tsx-<uid>/ folder for its process IPC; nothing else.
      const leftInTemp = readdirSync(temp, { recursive: true }).map(String).filter((n) => !(/^tsx-[^/]+$/.test(n) && readdirSync(path.join(temp, n)).length === 0));
      expect(leftInTemp).toEqual([]);
      expect(readdirSync(path.join(ROOT, "node_modules")).filter((n) => n !== ".vite").sort()).toEqual(modulesBefore);
      // Built from another folder with a relative --out: still the same bytes.
      expect(digest(path.join(repo, "site"))).toEqual(first);
    } finally {
      work.cleanup();
    }
  });
});
