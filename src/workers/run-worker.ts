import { Worker } from "node:worker_threads";

/**
 * Runs a TypeScript worker module (`new URL("./x.ts", import.meta.url)`) with `input`, handing each
 * message it posts to `onMessage` until that returns `"done"`; resolves then, once the worker is told
 * to end. Rejects if the worker fails or exits first.
 */
export function streamWorker<I, M>(module: URL, input: I, onMessage: (message: M) => "done" | void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./tsx-boot.mjs", import.meta.url), { workerData: { module: module.href, input } });
    let settled = false;
    worker.on("message", (message: M) => {
      if (settled) return;
      let answer: "done" | void;
      try {
        answer = onMessage(message);
      } catch (e) {
        answer = "done";
        settled = true;
        reject(e);
      }
      if (answer !== "done") return;
      if (!settled) resolve();
      settled = true;
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

/** Runs a TypeScript worker module with `input`; resolves with the one message it posts. */
export async function runWorker<I, O>(module: URL, input: I): Promise<O> {
  let answer: O | undefined;
  await streamWorker<I, O>(module, input, (message) => {
    answer = message;
    return "done";
  });
  return answer as O;
}
