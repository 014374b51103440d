import { parentPort, workerData } from "node:worker_threads";
import { MarkStatistics } from "./mark-model.ts";
import { countTexts, finishCount, type MarkWorkerInput, type MarkWorkerSections } from "./mark-files.ts";

// The texts first, as soon as they are given; the sections once the build sends them (mark-files.ts startMarkCount).
const { input } = workerData as { input: MarkWorkerInput };
const stats = new MarkStatistics();
countTexts(stats, input.inputs);
parentPort?.once("message", (message: MarkWorkerSections) => {
  parentPort?.postMessage(finishCount(stats, message.sections, input.articleCount));
});
