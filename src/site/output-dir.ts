import { existsSync, readdirSync } from "node:fs";
import { mkdir, readdir, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { STATE_FILE, serializeBuildState, type BuildState } from "./build-state.ts";
import { pageFile } from "./look-ahead.ts";

/**
 * Only ever empty or write into a folder this tool created: `--out .` by mistake must not wipe a
 * repository. `keep`: an incremental build keeps the previous build's files, and so does a full one
 * written over them (it deletes what it did not write again after, as the last build's state lists
 * them); otherwise (`--full`, or no state to trust) the folder is emptied.
 */
export async function prepareOutputDir(out: string, keep = false): Promise<void> {
  const abs = path.resolve(out);
  if (existsSync(abs)) {
    const entries = readdirSync(abs);
    if (entries.length > 0 && !entries.includes(STATE_FILE)) {
      throw new Error(`${out} is not empty and was not made by this tool; choose another --out or empty it yourself`);
    }
    if (!keep) await rm(abs, { recursive: true, force: true });
  }
  await mkdir(abs, { recursive: true });
  // Until the build succeeds the marker says only "ours": a build cut off halfway leaves no state to trust.
  await writeFile(path.join(abs, STATE_FILE), "{}\n");
}

/** Written last, by a build that succeeded: the next build compares against it. */
export async function writeBuildState(out: string, state: BuildState): Promise<void> {
  await writeFile(path.join(out, STATE_FILE), serializeBuildState(state));
}

/** The page files of addresses that are gone (pages and feeds, see look-ahead.ts pageFile), and the folders they leave empty. */
export async function removePages(out: string, urls: readonly string[]): Promise<void> {
  const root = path.resolve(out);
  for (const url of urls) {
    const file = pageFile(root, url);
    await rm(file, { force: true });
    // Up to the first folder that still holds something (a listing's `page/2/` sits under its first page).
    for (let dir = path.dirname(file); dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
      if ((await readdir(dir).catch(() => ["?"])).length > 0) break;
      await rmdir(dir).catch(() => undefined);
    }
  }
}

/** Files of the previous build that this one did not write again (output-relative paths), and folders left empty. */
export async function removeStaleFiles(out: string, previous: readonly string[], current: readonly string[]): Promise<number> {
  const keep = new Set(current);
  const stale = previous.filter((f) => !keep.has(f) && !f.split("/").includes(".."));
  const root = path.resolve(out);
  for (const file of stale) {
    await rm(path.join(root, file), { force: true });
    for (let dir = path.dirname(path.join(root, file)); dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
      if ((await readdir(dir).catch(() => ["?"])).length > 0) break;
      await rmdir(dir).catch(() => undefined);
    }
  }
  return stale.length;
}
