import { existsSync, readdirSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const MARKER = ".archive-build";

/**
 * Start each build from an empty output folder, so a deleted article leaves no stale page behind,
 * but only ever empty a folder this tool created: `--out .` by mistake must not wipe a repository.
 */
export async function prepareOutputDir(out: string): Promise<void> {
  const abs = path.resolve(out);
  if (existsSync(abs)) {
    const entries = readdirSync(abs);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(`${out} is not empty and was not made by this tool; choose another --out or empty it yourself`);
    }
    await rm(abs, { recursive: true, force: true });
  }
  await mkdir(abs, { recursive: true });
  await writeFile(path.join(abs, MARKER), "Built by the local news archive; this folder is replaced on every build.\n");
}
