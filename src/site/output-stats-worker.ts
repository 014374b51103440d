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
const packed = await packStats([...pages.map((url) => path.join(root, pagePath(url))), ...files.map((file) => path.join(root, file))]);
// A Float64Array from `new` owns a plain ArrayBuffer, never a shared one.
parentPort?.postMessage(packed, [packed.buffer as ArrayBuffer]);
