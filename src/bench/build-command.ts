import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * `npm run build` as package.json states it, to run without npm in front: the benchmark measures
 * exactly the command users run (Node's flags included), not a copy of it that could drift.
 */
export function buildCommand(root: string): { command: string; args: string[] } {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.["build"];
  if (!script) throw new Error(`${path.join(root, "package.json")} has no "build" script`);
  const [bin = "", ...args] = script.trim().split(/\s+/);
  // Quoting, pipes or variables would need a shell: the script is a plain command line.
  if (/["'`$|&;<>]/.test(script) || bin.includes("=")) throw new Error(`the "build" script must be a plain command line, got: ${script}`);
  return { command: bin === "node" ? process.execPath : path.join(root, "node_modules", ".bin", bin), args };
}
