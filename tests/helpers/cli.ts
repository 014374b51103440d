import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the CLIs read `_data/` and `eleventy.config.ts` from their working directory. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run one of the project's commands (`src/cli/<name>.ts`) through tsx, as `npm run <name> -- …` does,
 * from the repository root. Never throws on a non-zero exit: the exit status is what tests assert.
 */
export function runCli(name: "build" | "check", args: readonly string[], options: { viaNpm?: boolean } = {}): Promise<CliResult> {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  // `viaNpm`: exactly what a newsroom types, `npm run check -- …`, to test the package.json wiring too.
  const [command, argv] = options.viaNpm
    ? ["npm", ["run", "--silent", name, "--", ...args]]
    : [tsx, [path.join("src", "cli", `${name}.ts`), ...args]];
  return spawnCollect(command, argv, { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" });
}

/** Run a command (from the repository root unless `cwd`) and collect its exit code and output. */
export function spawnCollect(command: string, argv: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh folder under the OS temp dir; `cleanup()` removes it (call it from `afterAll`). */
export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `news-archive-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
