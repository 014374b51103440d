import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { packStats } from "../workers/stat-files.ts";
import { pagePath } from "./look-ahead.ts";

/**
 * The stats of the last build's pages (by address) and other files (output-relative), for
 * look-ahead.ts: the paths are made here, not on the main thread, which is loading the archive
 * meanwhile (235,000 `path.join`s and their strings at 100,000 articles).
 */
const { input } = workerData as { input: { root: string; pages: string[]; files: string[] } };
const { root, pages, files } = input;
// Pages first, in a message of their own: the plan waits for them, the other files only the offline
// lists, at the end of the build. Right after a full build of 100,000 articles an edit-one rebuild's
// plan had waited 1.5 s for all 235,000 stats.
for (const paths of [pages.map((url) => path.join(root, pagePath(url))), files.map((file) => path.join(root, file))]) {
  const packed = await packStats(paths);
  // A Float64Array from `new` owns a plain ArrayBuffer, never a shared one.
  parentPort?.postMessage(packed, [packed.buffer as ArrayBuffer]);
}
