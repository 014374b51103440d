import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { outputStats } from "../../src/bench/output-stats.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "bench-stats-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("counts regular files and their bytes at any depth, leaving out dotfiles and empty folders", async () => {
  await mkdir(path.join(dir, "a", "b", "c"), { recursive: true });
  await mkdir(path.join(dir, "empty"));
  await mkdir(path.join(dir, ".hidden"));
  await writeFile(path.join(dir, "index.html"), "x".repeat(100));
  await writeFile(path.join(dir, "a", "one.css"), "y".repeat(10));
  await writeFile(path.join(dir, "a", "b", "c", "deep.pf_index"), Buffer.alloc(4096));
  await writeFile(path.join(dir, "a", "tên-tiếng-việt.json"), "đ"); // 2 bytes in UTF-8
  await writeFile(path.join(dir, ".archive-build"), "marker");
  await writeFile(path.join(dir, ".hidden", "h.txt"), "hidden");
  expect(await outputStats(dir)).toEqual({ files: 4, bytes: 100 + 10 + 4096 + 2 });
});

it("an empty folder has no files and no bytes", async () => {
  expect(await outputStats(dir)).toEqual({ files: 0, bytes: 0 });
});
