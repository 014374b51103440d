// A worker thread does not inherit the tsx loader of the process that starts it: register it here,
// then run the TypeScript module named in workerData.module.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
