import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface BuiltSite {
  out: string;
  stdout: string;
  stderr: string;
}

/**
 * The real `npm run build` command line (through tsx), into a fresh temp folder. `searchPartSize`:
 * `--search-part-size N`, articles per search index part (1 splits the demo into one part per month).
 */
export async function buildSite(options: { articles: string; pathPrefix?: string; out?: string; searchPartSize?: number }): Promise<BuiltSite> {
  const out = options.out ?? path.join(await mkdtemp(path.join(tmpdir(), "archive-site-")), "site");
  const args = ["tsx", "src/cli/build.ts", "--articles", options.articles, "--out", out];
  if (options.pathPrefix) args.push("--path-prefix", options.pathPrefix);
  if (options.searchPartSize !== undefined) args.push("--search-part-size", String(options.searchPartSize));
  const { stdout, stderr } = await run("npx", args, { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 });
  return { out, stdout, stderr };
}
