import { parentPort, workerData } from "node:worker_threads";
import { packStats } from "./stat-files.ts";

const { input } = workerData as { input: { paths: string[] } };
const packed = await packStats(input.paths);
// A Float64Array from `new` owns a plain ArrayBuffer, never a shared one.
parentPort?.postMessage(packed, [packed.buffer as ArrayBuffer]);
