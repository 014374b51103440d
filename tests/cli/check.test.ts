import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { createInvalidSet, createWarningSet, runCli, tempDir, type CliResult } from "../helpers/index.ts";

/** `npm run check -- --articles DIR`: validation only, every problem of every file in one run. */
const tmp = tempDir("check");
const invalidDir = path.join(tmp.dir, "invalid");
const warningDir = path.join(tmp.dir, "warnings");
let invalid: ReturnType<typeof createInvalidSet>;
let warning: ReturnType<typeof createWarningSet>;
let invalidRun: CliResult;
let warningRun: CliResult;

beforeAll(async () => {
  invalid = createInvalidSet(invalidDir);
  warning = createWarningSet(warningDir);
  [invalidRun, warningRun] = await Promise.all([
    runCli("check", ["--articles", invalidDir], { viaNpm: true }),
    runCli("check", ["--articles", warningDir]),
  ]);
});
afterAll(() => tmp.cleanup());

const lines = (r: CliResult, prefix: string) => r.stderr.split("\n").filter((l) => l.startsWith(prefix));

describe("check on invalid files", () => {
  it("exits non-zero", () => {
    expect(invalidRun.code).toBe(1);
  });

  it("reports every invalid file in one run, each as path:line: field: message", () => {
    const errors = lines(invalidRun, "error:");
    expect(errors).toHaveLength(invalid.errors.length);
    invalid.errors.forEach((want, i) => {
      if (typeof want === "string") expect(errors[i]).toBe(want);
      else expect(errors[i]).toMatch(want);
    });
  });

  it("sums up", () => {
    expect(invalidRun.stdout).toContain(`${invalid.validCount} articles valid; ${invalid.errors.length} error(s), 0 warning(s).`);
  });
});

describe("check on files with warnings only", () => {
  it("exits 0", () => {
    expect(warningRun.code).toBe(0);
    expect(lines(warningRun, "error:")).toEqual([]);
  });

  it("prints each warning as path:line: field: message", () => {
    expect(lines(warningRun, "warning:").sort()).toEqual([...warning.warnings].sort());
    expect(warningRun.stdout).toContain(`${warning.articleCount} articles valid; 0 error(s), ${warning.warnings.length} warning(s).`);
  });
});

describe("check command line", () => {
  it("a folder that does not exist is an error, not a crash with exit 0", async () => {
    const r = await runCli("check", ["--articles", path.join(tmp.dir, "nope")]);
    expect(r.code).not.toBe(0);
  });

  it("an unknown option prints usage and exits 2", async () => {
    const r = await runCli("check", ["--artciles", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("usage: npm run check -- [--articles DIR]");
  });
});
