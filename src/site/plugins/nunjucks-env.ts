import type { UserConfig } from "@11ty/eleventy";
import nunjucks from "nunjucks";
import path from "node:path";

/**
 * Eleventy makes a new Nunjucks environment for each run, which compiles every layout and partial
 * again; a build of 100,000 articles is about 45 runs (src/site/render-plan.ts PAGES_PER_RUN), and
 * compiling took 2.8 s of its main thread (CPU profile). Within one build the templates cannot
 * change (the build's fingerprint covers them), so the build's runs share one environment, whose
 * loader keeps each template compiled. Outside a build (the dev server, which watches templates),
 * Eleventy keeps its own.
 */
let sharing = false;
let shared: { dirs: string; env: nunjucks.Environment } | null = null;

/** Runs `work` (one build's Eleventy runs) with one Nunjucks environment for all of them. */
export async function withSharedTemplates<T>(work: () => Promise<T>): Promise<T> {
  sharing = true;
  try {
    return await work();
  } finally {
    sharing = false;
    shared = null;
  }
}

/** Where Eleventy's own environment looks for templates: the includes folder, then the project folder. */
function loaderDirs(config: UserConfig): string[] {
  return [path.resolve(config.directories.includes), process.cwd()];
}

export default function nunjucksEnvPlugin(config: UserConfig): void {
  if (!sharing) return;
  const dirs = loaderDirs(config);
  const key = dirs.join("\0");
  // Eleventy's defaults: the same loader folders, `dev` for full error stacks.
  if (shared?.dirs !== key) shared = { dirs: key, env: new nunjucks.Environment(new nunjucks.FileSystemLoader(dirs), { dev: true }) };
  config.setLibrary("njk", shared.env);
}
