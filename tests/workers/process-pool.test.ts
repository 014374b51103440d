import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "../helpers/cli.ts";
import { ProcessPool } from "../../src/workers/process-pool.ts";
import { INDEX_PROCESS_OPTIONS } from "../../src/search/build-index.ts";

const TASK = new URL("./fixtures/pool-task.ts", import.meta.url);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("ProcessPool", () => {
  it("runs tasks in its child processes, both of them, and answers each", async () => {
    const pool = new ProcessPool<{ n: number; fail?: boolean }, { n: number; pid: number }>(TASK, 2);
    try {
      const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run({ n })));
      expect(answers.map((a) => a.n)).toEqual([2, 4, 6, 8, 10]);
      const pids = new Set(answers.map((a) => a.pid));
      expect(pids.size).toBe(2);
      expect(pids.has(process.pid)).toBe(false);
    } finally {
      pool.close();
    }
  }, 30_000);

  it("rejects a failed task with the child's error and goes on with the next", async () => {
    const pool = new ProcessPool<{ n: number; fail?: boolean }, { n: number; pid: number }>(TASK, 1);
    try {
      await expect(pool.run({ n: 7, fail: true })).rejects.toThrow(/task 7 failed on purpose/);
      await expect(pool.run({ n: 8 })).resolves.toMatchObject({ n: 16 });
    } finally {
      pool.close();
    }
  }, 30_000);

  it("ends its processes when closed, and takes no task after", async () => {
    const pool = new ProcessPool<{ n: number; fail?: boolean }, { n: number; pid: number }>(TASK, 1);
    const { pid } = await pool.run({ n: 1 });
    pool.close();
    await expect(pool.run({ n: 2 })).rejects.toThrow(/closed/);
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
  }, 30_000);

  it("does not keep its own process alive while a closed pool's processes end", async () => {
    // The owner exits while its child, let go, still lingers (for a minute): it did not wait for it.
    // Its exit is awaited, not the end of its output, which the child shares.
    const work = tempDir("pool-owner");
    try {
      const pidFile = path.join(work.dir, "pid");
      const owner = spawn(process.execPath, ["--import", "tsx", new URL("./fixtures/pool-owner.ts", import.meta.url).pathname, pidFile], { stdio: "ignore" });
      const code = await new Promise<number | null>((resolve, reject) => owner.once("error", reject).once("exit", resolve));
      expect(code).toBe(0);
      const pid = Number(readFileSync(pidFile, "utf8"));
      expect(pid).toBeGreaterThan(0);
      try {
        expect(alive(pid)).toBe(true);
      } finally {
        if (alive(pid)) process.kill(pid);
      }
    } finally {
      work.cleanup();
    }
  }, 30_000);

  it("starts its processes with the Node flags given, and with none of this process's otherwise", async () => {
    const plain = new ProcessPool<{ n: number }, { execArgv: string[] }>(TASK, 1);
    const tuned = new ProcessPool<{ n: number }, { execArgv: string[] }>(TASK, 1, INDEX_PROCESS_OPTIONS);
    try {
      expect((await plain.run({ n: 1 })).execArgv).toEqual([]);
      expect((await tuned.run({ n: 1 })).execArgv).toEqual(["--max-semi-space-size=64"]);
    } finally {
      plain.close();
      tuned.close();
    }
  }, 30_000);
});

describe("ProcessPool.runOn", () => {
  it("queues tasks in the process named, which runs them in the order sent while the other stays free", async () => {
    const pool = new ProcessPool<{ n: number; fail?: boolean }, { n: number; pid: number }>(TASK, 2);
    try {
      expect(pool.size).toBe(2);
      const onFirst = await Promise.all([1, 2, 3].map((n) => pool.runOn(0, { n })));
      expect(onFirst.map((a) => a.n)).toEqual([2, 4, 6]);
      expect(new Set(onFirst.map((a) => a.pid)).size).toBe(1);
      const other = await pool.runOn(1, { n: 4 });
      expect(other.pid).not.toBe(onFirst[0]?.pid);
      // A failed task rejects alone; the process goes on with the next one sent to it.
      const [failed, next] = await Promise.allSettled([pool.runOn(1, { n: 5, fail: true }), pool.runOn(1, { n: 6 })]);
      expect(failed.status).toBe("rejected");
      expect(next).toMatchObject({ status: "fulfilled", value: { n: 12, pid: other.pid } });
      // Tasks sent by runOn leave the process to run() afterwards.
      const answers = await Promise.all([7, 8].map((n) => pool.run({ n })));
      expect(new Set(answers.map((a) => a.pid))).toEqual(new Set([onFirst[0]?.pid, other.pid]));
      await expect(pool.runOn(2, { n: 1 })).rejects.toThrow(/no process 2/);
    } finally {
      pool.close();
    }
  }, 30_000);
});
