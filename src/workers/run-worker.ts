import { Worker } from "node:worker_threads";

/** Runs a TypeScript worker module (`new URL("./x.ts", import.meta.url)`) with `input`; resolves with the one message it posts. */
export function runWorker<I, O>(module: URL, input: I): Promise<O> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./tsx-boot.mjs", import.meta.url), { workerData: { module: module.href, input } });
    let settled = false;
    worker.once("message", (message: O) => {
      settled = true;
      resolve(message);
      void worker.terminate();
    });
    worker.once("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`worker ${module.pathname} exited with code ${code} before answering`));
    });
  });
}
