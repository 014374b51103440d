import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeProcess, measure, processPeak, processTree } from "../../src/bench/measure.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("process tree memory from /proc", () => {
  it("finds a child in this process's tree, with its own peak resident memory", async () => {
    // The child waits for its stdin to close: alive exactly as long as the test needs it.
    const child = spawn(process.execPath, ["tests/bench/stdin-wait.cjs"], { cwd: ROOT, stdio: ["pipe", "ignore", "ignore"] });
    await once(child, "spawn");
    try {
      const tree = await processTree(process.pid);
      expect(tree[0]).toBe(process.pid);
      expect(tree).toContain(child.pid);
      const own = await processPeak(process.pid);
      expect(own?.bytes).toBeGreaterThan(1e6);
      expect(own?.comm).toBeTruthy();
    } finally {
      child.stdin?.end();
      await once(child, "close");
    }
    expect(await processPeak(child.pid as number)).toBeNull();
  });
});

describe("measure", () => {
  it("runs a command to its end: exit status, output and wall time", async () => {
    const run = await measure(process.execPath, ["-e", "console.log('hello'); console.error('warn'); process.exitCode = 3"]);
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toBe("hello\n");
    expect(run.stderr).toBe("warn\n");
    expect(run.wallSeconds).toBeGreaterThan(0);
    expect(run.peakMemoryBytes).toBeGreaterThanOrEqual(0);
  });

  it("fails for a command that cannot start", async () => {
    await expect(measure("/nonexistent/command", [])).rejects.toThrow();
  });
});

describe("describeProcess", () => {
  /** Starts Node with `args` (a script that waits for its stdin to close), describes it while it runs, ends it; returns the description and its pid. */
  async function describeRunning(args: string[]): Promise<{ name: string; pid: number }> {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["pipe", "ignore", "ignore"] });
    await once(child, "spawn");
    try {
      return { name: await describeProcess(child.pid as number, "node"), pid: child.pid as number };
    } finally {
      child.stdin?.end();
      await once(child, "close");
    }
  }
  const program = process.execPath.split("/").at(-1);

  it("names a process by its program and script", async () => {
    const { name, pid } = await describeRunning(["--no-warnings", "tests/bench/stdin-wait.cjs"]);
    expect(name).toBe(`${program} tests/bench/stdin-wait.cjs`);
    expect(await describeProcess(pid, "gone")).toBe("gone");
  });

  it("passes over a module loaded before the script, as `npm run build` loads one", async () => {
    const { name } = await describeRunning(["--import", "./src/cli/load-packages-first.mjs", "tests/bench/stdin-wait.cjs"]);
    expect(name).toBe(`${program} tests/bench/stdin-wait.cjs`);
  });
});
