import path from "node:path";
import { readBuildState, type BuildState } from "./build-state.ts";
import { sizeAt } from "../workers/stat-files.ts";
import { streamWorker } from "../workers/run-worker.ts";

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
  // The worker answers twice, the pages' stats, then the fragments'; should it fail, what it has not
  // answered yet is rejected.
  const answers = Promise.resolve(after).catch(() => undefined).then(() => {
    const waiting: { resolve(packed: Float64Array): void; reject(e: unknown): void }[] = [];
    const next = () => new Promise<Float64Array>((resolve, reject) => waiting.push({ resolve, reject }));
    const pages = next();
    const files = next();
    streamWorker<{ root: string; pages: string[]; files: string[] }, Float64Array>(new URL("./output-stats-worker.ts", import.meta.url), { root: outDir, pages: urls, files: fragments }, (packed) => {
      waiting.shift()?.resolve(packed);
      return waiting.length === 0 ? "done" : undefined;
    }).catch((e: unknown) => {
      for (const w of waiting.splice(0)) w.reject(e);
    });
    return { pages, files };
  });
  const sizes = <K>(keys: readonly K[]) => (packed: Float64Array) => {
    const map = new Map<K, number>();
    keys.forEach((key, i) => {
      const size = sizeAt(packed, i);
      if (size !== undefined) map.set(key, size);
    });
    return map;
  };
  // On failure the plan stats the pages itself, and the offline lists the fragments.
  const pageSizes = answers.then((a) => a.pages).then(sizes(urls), () => undefined);
  const fragmentSizes = answers.then((a) => a.files).then(sizes(fragments), () => new Map<string, number>());
  return { fingerprint, previous, earlier: state, pageSizes, fragmentSizes };
}
