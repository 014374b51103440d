import path from "node:path";
import { readBuildState, type BuildState } from "./build-state.ts";
import { statFilesInWorker } from "../workers/stat-files.ts";

/** What a build needs to know of its output folder before it plans, started before the archive loads. */
export interface OutputLookAhead {
  /** This build's fingerprint (build-state.ts buildFingerprint), worked out once. */
  fingerprint: string;
  /** The last build's state, when this build can start from it (same fingerprint, not --full). */
  previous: BuildState | null;
  /** Its pages' file sizes (missing files left out), from a worker thread; undefined when there is no state or the worker failed. */
  pageSizes: Promise<Map<string, number> | undefined>;
}

export function pageFile(outDir: string, url: string): string {
  return path.join(outDir, url, "index.html");
}

/**
 * Reads the last build's state and, in a worker, stats each of its pages while this thread loads
 * the archive: the plan needs to know which pages still exist (one deleted by hand is written again)
 * and the offline lists need their sizes. At 100,000 articles that is 135,000 stats: over a second
 * on the main thread with a warm disk cache, several with a cold one.
 */
export function lookAheadAtOutput(outDir: string, fingerprint: string, full: boolean): OutputLookAhead {
  const state = full ? null : readBuildState(outDir);
  const previous = state && state.fingerprint === fingerprint ? state : null;
  if (!previous) return { fingerprint, previous, pageSizes: Promise.resolve(undefined) };
  const urls = Object.keys(previous.pages);
  const pageSizes = statFilesInWorker(urls.map((url) => pageFile(outDir, url))).then(
    (stats) => new Map(urls.flatMap((url, i) => (stats[i] ? [[url, stats[i].size] as const] : []))),
    // The plan then stats the pages itself.
    () => undefined,
  );
  return { fingerprint, previous, pageSizes };
}
