import { Eleventy } from "@11ty/eleventy";

export interface EleventyRun {
  out: string;
  pathPrefix: string;
  articlesDir: string;
  mode: "build" | "serve";
  port?: number;
}

/** Eleventy through its programmatic API with the project's config; articles folder passed by env. */
export async function runEleventy(run: EleventyRun): Promise<void> {
  process.env["ARCHIVE_ARTICLES_DIR"] = run.articlesDir;
  const eleventy = new Eleventy(".", run.out, {
    configPath: "eleventy.config.ts",
    pathPrefix: run.pathPrefix,
    quietMode: true,
    runMode: run.mode,
  });
  await eleventy.init();
  if (run.mode === "serve") {
    await eleventy.watch();
    await eleventy.serve(run.port);
  } else {
    await eleventy.write();
  }
}

/** `/p` `p/` `p` → `/p/`; empty → `/`. */
export function normalizePathPrefix(prefix: string): string {
  const inner = prefix.replace(/^\/+|\/+$/g, "");
  if (inner.split("/").some((s) => s === ".." || s === ".")) throw new Error(`--path-prefix "${prefix}" must not contain . or .. segments`);
  return inner === "" ? "/" : `/${inner}/`;
}
