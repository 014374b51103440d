import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareOutputDir } from "../../src/site/output-dir.ts";
import { tempDir } from "../helpers/cli.ts";

const tmp = tempDir("outdir");
afterAll(() => tmp.cleanup());

describe("prepareOutputDir", () => {
  it("creates a missing folder with its marker", async () => {
    const out = path.join(tmp.dir, "new", "site");
    await prepareOutputDir(out);
    expect(readdirSync(out)).toEqual([".archive-build"]);
  });

  it("empties a folder it made before, removing stale pages", async () => {
    const out = path.join(tmp.dir, "own");
    await prepareOutputDir(out);
    mkdirSync(path.join(out, "2017", "08"), { recursive: true });
    writeFileSync(path.join(out, "2017", "08", "stale.html"), "old");
    await prepareOutputDir(out);
    expect(readdirSync(out)).toEqual([".archive-build"]);
  });

  it("accepts an existing empty folder", async () => {
    const out = path.join(tmp.dir, "empty");
    mkdirSync(out);
    await prepareOutputDir(out);
    expect(existsSync(path.join(out, ".archive-build"))).toBe(true);
  });

  it("refuses to empty a non-empty folder it did not make, and leaves it untouched", async () => {
    const out = path.join(tmp.dir, "repo");
    mkdirSync(out);
    writeFileSync(path.join(out, "package.json"), "{}");
    await expect(prepareOutputDir(out)).rejects.toThrow(/is not empty and was not made by this tool/);
    expect(readdirSync(out)).toEqual(["package.json"]);
  });
});
