import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packStats, statFilesInWorker } from "../../src/workers/stat-files.ts";
import { tempDir } from "../helpers/cli.ts";

const tmp = tempDir("stat-files");
afterAll(() => tmp.cleanup());

describe("statFilesInWorker", () => {
  it("gives each file's size, times and inode as statSync does, in order, and undefined for a missing one", async () => {
    mkdirSync(path.join(tmp.dir, "a"), { recursive: true });
    const files = ["a/one.html", "two.html", "a/three.html"].map((f) => path.join(tmp.dir, f));
    files.forEach((f, i) => writeFileSync(f, "x".repeat(10 * (i + 1))));
    const asked = [files[0] as string, path.join(tmp.dir, "missing.html"), files[1] as string, files[2] as string];
    const stats = await statFilesInWorker(asked);
    expect(stats).toHaveLength(4);
    expect(stats[1]).toBeUndefined();
    for (const [i, file] of [[0, files[0]], [2, files[1]], [3, files[2]]] as const) {
      const s = statSync(file as string);
      expect(stats[i]).toEqual({ size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino });
    }
    expect(stats.map((s) => s?.size)).toEqual([10, undefined, 20, 30]);
  });

  it("packs the same numbers on this thread", async () => {
    const file = path.join(tmp.dir, "packed.html");
    writeFileSync(file, "abc");
    const packed = await packStats([file, path.join(tmp.dir, "nope")]);
    expect(packed[0]).toBe(3);
    expect(packed[3]).toBe(statSync(file).ino);
    expect([...packed.slice(4)].every(Number.isNaN)).toBe(true);
  });

  it("answers an empty list", async () => {
    expect(await statFilesInWorker([])).toEqual([]);
  });
});
