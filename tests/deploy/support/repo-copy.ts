import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./site.ts";

/**
 * The working tree as a fresh clone would have it (tracked and untracked, not ignored files), with the
 * installed node_modules linked in: a place to run the real commands from, where anything they write
 * beside their output shows, and which no other work on the repository can change meanwhile.
 */
export function copyRepository(dest: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const rel of files) {
    const from = path.join(ROOT, rel);
    const to = path.join(dest, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      copyFileSync(from, to);
    } catch (e) {
      // A tracked file deleted in the working tree is simply not there, as in a clone of the tree.
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dest, "node_modules"), "dir");
}
