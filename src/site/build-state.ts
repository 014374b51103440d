import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * What a build leaves in its output folder for the next one, in the marker file that also says the
 * folder is ours: a fingerprint of everything that shapes every page (code, templates, settings,
 * path prefix) and a hash of each page's own data. Page URLs and hashes only: nothing that is not
 * already public, and no draft.
 */
export interface BuildState {
  kind: "news-archive-build";
  /**
   * 2 since feeds, the JSON Feed and sitemap parts are pages (src/site/derived-pages.ts): a tool of
   * version 1 would take a file's address for a folder's. Read: 1 or 2 (a state of 1 only ever
   * comes with other code, so it is `earlier`, never `previous`, src/site/look-ahead.ts).
   */
  version: 2;
  fingerprint: string;
  /** Page URL → hash of the data it was rendered from. */
  pages: Record<string, string>;
  /** Search index part id → hash of its articles' pages (src/search/parts.ts). */
  parts: Record<string, string>;
  /** Every other file the build wrote, output-relative (src/site/run-outputs.ts). */
  files: string[];
  /** Search index part id → its pages' Pagefind fragment files (page URL → output-relative path). */
  fragments: Record<string, Record<string, string>>;
  /** A hash of every article's summary fields, in order (src/site/render-plan.ts): unchanged, only edited bodies can have changed a page. */
  shown?: string;
}

export const STATE_FILE = ".archive-build";

/** The previous build's state, or null when there is none or it cannot be trusted. */
export function readBuildState(outDir: string): BuildState | null {
  try {
    const parsed = JSON.parse(readFileSync(path.join(outDir, STATE_FILE), "utf8")) as Partial<BuildState>;
    const version = parsed.version as number | undefined;
    if (parsed.kind !== "news-archive-build" || (version !== 1 && version !== 2) || typeof parsed.fingerprint !== "string") return null;
    return { kind: parsed.kind, version: 2, fingerprint: parsed.fingerprint, pages: parsed.pages ?? {}, parts: parsed.parts ?? {}, files: parsed.files ?? [], fragments: parsed.fragments ?? {}, ...(typeof parsed.shown === "string" ? { shown: parsed.shown } : {}) };
  } catch {
    return null;
  }
}

export function serializeBuildState(state: BuildState): string {
  return `${JSON.stringify(state)}\n`;
}

/** Sources whose change may change any page: a change to any of them makes the next build a full one. */
const SHAPING = ["src", "_includes", "_data", "eleventy.config.ts", "package-lock.json"];

/**
 * One hash over the code, templates and settings (file names and bytes, in a stable order) and the
 * build's own options. Measured: about 0.1 s, once per build.
 */
export function buildFingerprint(options: Record<string, string>, root = process.cwd()): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(options));
  const add = (rel: string) => {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) add(path.posix.join(rel, name));
    } else {
      hash.update(`\0${rel}\0`);
      hash.update(readFileSync(abs));
    }
  };
  for (const rel of SHAPING) add(rel);
  return hash.digest("hex").slice(0, 20);
}
