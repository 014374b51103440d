import path from "node:path";
import { readBuildState, type BuildState } from "./build-state.ts";
import { statFilesInWorker } from "../workers/stat-files.ts";

/** What a build needs to know of its output folder before it plans, started before the archive loads. */
export interface OutputLookAhead {
  /** This build's fingerprint (build-state.ts buildFingerprint), worked out once. */
  fingerprint: string;
  /** The last build's state, when this build can start from it (same fingerprint, not --full). */
  previous: BuildState | null;
  /** The last build's state whatever its fingerprint (not with --full): what a full build writing over it must delete. */
  earlier: BuildState | null;
  /** Its pages' file sizes (missing files left out), from a worker thread; undefined when there is no state or the worker failed. */
  pageSizes: Promise<Map<string, number> | undefined>;
  /** Its search fragments' sizes, output-relative path → bytes (missing files left out), for the offline lists; empty likewise. */
  fragmentSizes: Promise<Map<string, number>>;
}

/** A page's file: `/2023/06/…/` → `<out>/2023/06/…/index.html`; a file address (`/feed.xml`) is its own file. */
export function pageFile(outDir: string, url: string): string {
  return path.join(outDir, pagePath(url));
}

/** The same, output-relative (POSIX). */
export function pagePath(url: string): string {
  const rel = url.replace(/^\/+/, "");
  return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
}

/**
 * Reads the last build's state and, in a worker, stats each of its pages and search fragments while
 * this thread loads the archive: the plan needs to know which pages still exist (one deleted by hand
 * is written again) and the offline lists need every size. At 100,000 articles that is 135,000 page
 * and 100,000 fragment stats: the fragments alone took an edit-one rebuild's offline stage 1.1 s on
 * the main thread.
 */
export function lookAheadAtOutput(outDir: string, fingerprint: string, full: boolean, after?: Promise<unknown>): OutputLookAhead {
  const state = full ? null : readBuildState(outDir);
  const previous = state && state.fingerprint === fingerprint ? state : null;
  if (!previous) return { fingerprint, previous, earlier: state, pageSizes: Promise.resolve(undefined), fragmentSizes: Promise.resolve(new Map()) };
  const urls = Object.keys(previous.pages);
  const fragments = Object.values(previous.fragments).flatMap((byUrl) => Object.values(byUrl));
  // After `after` (the article files' listing, which the load waits for; these only the plan, later):
  // both at once on the one core the load leaves, the listing came 0.7 s late at 100,000 articles.
  const paths = [...urls.map((url) => pageFile(outDir, url)), ...fragments.map((file) => path.join(outDir, file))];
  const stats = Promise.resolve(after).catch(() => undefined).then(() => statFilesInWorker(paths));
  const pageSizes = stats.then(
    (all) => new Map(urls.flatMap((url, i) => (all[i] ? [[url, all[i].size] as const] : []))),
    // The plan then stats the pages itself.
    () => undefined,
  );
  const fragmentSizes = stats.then(
    (all) => new Map(fragments.flatMap((file, i) => {
      const s = all[urls.length + i];
      return s ? [[file, s.size] as const] : [];
    })),
    // The offline lists then stat the fragments themselves.
    () => new Map<string, number>(),
  );
  return { fingerprint, previous, earlier: state, pageSizes, fragmentSizes };
}
