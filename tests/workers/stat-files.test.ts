import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packStats, sizeAt, statAt } from "../../src/workers/stat-files.ts";
import { tempDir } from "../helpers/cli.ts";

const tmp = tempDir("stat-files");
afterAll(() => tmp.cleanup());

describe("packStats", () => {
  it("gives each file's size, times and inode as statSync does, in order, and nothing for a missing one", async () => {
    mkdirSync(path.join(tmp.dir, "a"), { recursive: true });
    const files = ["a/one.html", "two.html", "a/three.html"].map((f) => path.join(tmp.dir, f));
    files.forEach((f, i) => writeFileSync(f, "x".repeat(10 * (i + 1))));
    const asked = [files[0] as string, path.join(tmp.dir, "missing.html"), files[1] as string, files[2] as string];
    const packed = await packStats(asked);
    const stats = asked.map((_, i) => statAt(packed, i));
    expect(stats[1]).toBeUndefined();
    for (const [i, file] of [[0, files[0]], [2, files[1]], [3, files[2]]] as const) {
      const s = statSync(file as string);
      expect(stats[i]).toEqual({ size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino });
    }
    expect(stats.map((s) => s?.size)).toEqual([10, undefined, 20, 30]);
    expect(asked.map((_, i) => sizeAt(packed, i))).toEqual([10, undefined, 20, 30]);
  });

  it("packs the same numbers on this thread", async () => {
    const file = path.join(tmp.dir, "packed.html");
    writeFileSync(file, "abc");
    const packed = await packStats([file, path.join(tmp.dir, "nope")]);
    expect(packed[0]).toBe(3);
    expect(packed[3]).toBe(statSync(file).ino);
    expect([...packed.slice(4)].every(Number.isNaN)).toBe(true);
  });

  it("gives the same numbers when it turns to asking 64 at a time (a slow, cold disk) after the first batch", async () => {
    const files = Array.from({ length: 7 }, (_, i) => path.join(tmp.dir, `paced-${i}.html`));
    files.forEach((f, i) => writeFileSync(f, "y".repeat(i + 1)));
    const asked = [...files.slice(0, 3), path.join(tmp.dir, "gone.html"), ...files.slice(3)];
    // Every batch counts as slow: the first (not judged) and two slow ones synchronously, the last two files asynchronously.
    const paced = await packStats(asked, { batch: 2, slowMicros: -1 });
    const quick = await packStats(asked, { batch: 100, slowMicros: 1e9 });
    expect([...paced].map(String)).toEqual([...quick].map(String));
    expect(Array.from({ length: asked.length }, (_, i) => paced[i * 4])).toEqual([1, 2, 3, NaN, 4, 5, 6, 7]);
  });

  it("answers an empty list", async () => {
    expect((await packStats([])).length).toBe(0);
  });
});
