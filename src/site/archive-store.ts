import { loadArchive, type LoadedArchive } from "./load-archive.ts";

/**
 * One load per build: the build command validates first and Eleventy's data step reuses the same
 * result in the same process; watch mode forgets it before each rebuild so edits are seen.
 */
let current: { dir: string; promise: Promise<LoadedArchive> } | null = null;

export function getArchive(articlesDir: string): Promise<LoadedArchive> {
  if (!current || current.dir !== articlesDir) current = { dir: articlesDir, promise: loadArchive(articlesDir) };
  return current.promise;
}

export function forgetArchive(): void {
  current = null;
}
