import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../article/model.ts";

/** In a folder, raw articles are the `.txt` files (a corpus folder also holds its README and manifest). */
const RAW_EXTENSION = ".txt";

export interface InputList {
  /** Paths to read, as the user would write them (relative when given relative), in a stable order. */
  files: string[];
  /** Paths that do not exist or cannot be listed. */
  problems: Problem[];
}

/**
 * Files named on the command line are taken whatever their extension; folders are walked recursively
 * for `.txt` files, skipping hidden files and folders. Order: as given, and code-point order inside a
 * folder, so that the `-2`/`-3` suffixes of colliding names come out the same on every machine.
 */
export async function listInputs(paths: readonly string[]): Promise<InputList> {
  const files: string[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (e) {
      const message = (e as { code?: string }).code === "ENOENT" ? "no such file or folder" : String((e as Error).message);
      problems.push({ severity: "error", file: given, line: 1, field: "file", message });
      continue;
    }
    if (!info.isDirectory()) {
      add(given);
      continue;
    }
    try {
      const entries = await readdir(given, { recursive: true, withFileTypes: true });
      const found = entries
        .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(RAW_EXTENSION))
        .map((e) => path.relative(given, path.join(e.parentPath, e.name)))
        .filter((rel) => !rel.split(path.sep).some((part) => part.startsWith(".")))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const rel of found) add(path.join(given, rel));
    } catch (e) {
      problems.push({ severity: "error", file: given, line: 1, field: "file", message: `cannot list folder: ${(e as Error).message}` });
    }
  }
  return { files, problems };
}
