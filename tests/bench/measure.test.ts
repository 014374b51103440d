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

  it("counts the CPU time of every process in the command's tree, by process", async () => {
    // The command starts a grandchild that computes for a while, and waits for it.
    const start = `require("node:child_process").execFileSync(process.execPath, ["tests/bench/burn-cpu.cjs"], { stdio: "ignore" })`;
    const run = await measure(process.execPath, ["-e", start], { cwd: ROOT, intervalMs: 20 });
    expect(run.exitCode).toBe(0);
    const burner = run.cpuByProcess.find((p) => p.process === `${process.execPath.split("/").at(-1)} tests/bench/burn-cpu.cjs`);
    expect(burner?.count).toBe(1);
    expect(burner?.seconds).toBeGreaterThan(0.1);
    expect(run.cpuSeconds).toBeGreaterThanOrEqual(burner?.seconds ?? Infinity);
    expect(run.cpuByProcess.map((p) => p.process)).toContain(process.execPath.split("/").at(-1));
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

  it("names a script inside this folder by its relative path, and a process pool's module with it", async () => {
    const worker = new URL("../../src/search/index-part-worker.ts", import.meta.url).href;
    const { name } = await describeRunning([`${ROOT}tests/bench/stdin-wait.cjs`, worker]);
    expect(name).toBe(`${program} tests/bench/stdin-wait.cjs (src/search/index-part-worker.ts)`);
  });

  it("passes over a module loaded before the script, as `npm run build` loads one", async () => {
    const { name } = await describeRunning(["--import", "./src/cli/load-packages-first.mjs", "tests/bench/stdin-wait.cjs"]);
    expect(name).toBe(`${program} tests/bench/stdin-wait.cjs`);
  });
});
