import { readFile } from "node:fs/promises";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { DateTime } from "luxon";
import { parseArticle } from "./parse.ts";
import { toTransferable, type LoadChunk, type TransferableResult } from "./transfer.ts";

/** One share of the article files, read and parsed off the main thread (src/article/load.ts). */
const { input } = workerData as { input: LoadChunk };
const options = { timeZone: input.options.timeZone, ...(input.options.now !== undefined ? { now: DateTime.fromMillis(input.options.now) } : {}) };
const results: TransferableResult[] = [];
for (const file of input.files) {
  const bytes = await readFile(path.join(input.dir, file));
  results.push(toTransferable(parseArticle(path.posix.join(input.displayDir, file), bytes, options)));
}
parentPort?.postMessage(results);
