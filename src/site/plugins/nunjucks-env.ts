import type { UserConfig } from "@11ty/eleventy";
import nunjucks from "nunjucks";
import path from "node:path";

/**
 * Eleventy makes a new Nunjucks environment for each run, which compiles every layout and partial
 * again; a build of 100,000 articles is about 45 runs (src/site/render-plan.ts PAGES_PER_RUN), and
 * compiling took 2.8 s of its main thread (CPU profile). Within one build the templates cannot
 * change (the build's fingerprint covers them), so the build's runs share one environment, whose
 * loader keeps each template compiled. Outside a build (the dev server, which watches templates),
 * each configuration gets an environment of its own, as Eleventy would make it: Eleventy clears an
 * edited template from it.
 */
let sharing = false;
let shared: { dirs: string; env: nunjucks.Environment } | null = null;
const environments = new WeakMap<UserConfig, nunjucks.Environment>();

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

/** The Nunjucks environment this configuration's Eleventy renders with (src/site/plugins/pages.ts renders layouts through it). */
export function nunjucksEnvironment(config: UserConfig): nunjucks.Environment {
  const env = environments.get(config);
  if (!env) throw new Error("nunjucksEnvPlugin must be added before the plugins that render through its environment");
  return env;
}

/** Where Eleventy's own environment looks for templates: the includes folder, then the project folder. */
function loaderDirs(config: UserConfig): string[] {
  return [path.resolve(config.directories.includes), process.cwd()];
}

/** Eleventy's defaults: the same loader folders, `dev` for full error stacks. */
function newEnvironment(dirs: string[]): nunjucks.Environment {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader(dirs), { dev: true });
}

export default function nunjucksEnvPlugin(config: UserConfig): void {
  const dirs = loaderDirs(config);
  let env: nunjucks.Environment;
  if (sharing) {
    const key = dirs.join("\0");
    if (shared?.dirs !== key) shared = { dirs: key, env: newEnvironment(dirs) };
    env = shared.env;
  } else {
    env = newEnvironment(dirs);
  }
  environments.set(config, env);
  config.setLibrary("njk", env);
}
