import { readdir, stat } from "node:fs/promises";
import path from "node:path";

export interface OutputStats {
  files: number;
  bytes: number;
}

/**
 * Regular files under `dir` and their total size in bytes (apparent size, not disk blocks). Dotfiles
 * (the build's `.archive-build` state and `.archive-cache`) are left out: they are not part of the published site.
 */
export async function outputStats(dir: string): Promise<OutputStats> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !path.relative(dir, file).split(path.sep).some((part) => part.startsWith(".")));
  let bytes = 0;
  // A few hundred stat calls at a time: a 100k-article site has hundreds of thousands of files.
  for (let i = 0; i < paths.length; i += 256) {
    const sizes = await Promise.all(paths.slice(i, i + 256).map(async (file) => (await stat(file)).size));
    for (const size of sizes) bytes += size;
  }
  return { files: paths.length, bytes };
}
