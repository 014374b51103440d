import { parentPort, workerData } from "node:worker_threads";
import { listAndStat } from "./list-articles.ts";

const { input } = workerData as { input: { dir: string } };
const listed = await listAndStat(input.dir);
// A Float64Array from `new` owns a plain ArrayBuffer, never a shared one.
parentPort?.postMessage(listed, [listed.stats.buffer as ArrayBuffer]);
