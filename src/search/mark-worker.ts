import { parentPort, workerData } from "node:worker_threads";
import { countMarkFiles, type MarkInput } from "./mark-files.ts";

const { input } = workerData as { input: { inputs: MarkInput[]; articleCount: number } };
parentPort?.postMessage(countMarkFiles(input));
