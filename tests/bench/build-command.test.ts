import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildCommand } from "../../src/bench/build-command.ts";
import { tempDir } from "../helpers/index.ts";

const tmp = tempDir("build-command");
afterAll(() => tmp.cleanup());

describe("the benchmark's build command", () => {
  it("is package.json's build script, and builds the demo archive as `npm run build` does", () => {
    const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts["build"] as string;
    const { command, args } = buildCommand(process.cwd());
    expect(args).toEqual(script.split(" ").slice(1));
    const out = path.join(tmp.dir, "site");
    const run = spawnSync(command, [...args, "--articles", "articles", "--out", out], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Built 7 articles, \d+ listing pages into /m);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toContain("<html");
  });

  it("runs a script through node_modules/.bin, and refuses one that needs a shell", () => {
    const root = path.join(tmp.dir, "project");
    const write = (build: string) => {
      mkdirSync(root, { recursive: true });
      writeFileSync(path.join(root, "package.json"), JSON.stringify({ scripts: { build } }));
    };
    write("tsx src/cli/build.ts");
    expect(buildCommand(root)).toEqual({ command: path.join(root, "node_modules", ".bin", "tsx"), args: ["src/cli/build.ts"] });
    write("tsx src/cli/build.ts && echo done");
    expect(() => buildCommand(root)).toThrow(/plain command line/);
    write("NODE_OPTIONS=--max-old-space-size=4096 tsx src/cli/build.ts");
    expect(() => buildCommand(root)).toThrow(/plain command line/);
  });
});
