import { fork, type Serializable } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Runs a TypeScript module (`new URL("./x.ts", import.meta.url)`) in a child process of its own with
 * `input` (sent as its first message); resolves with the one message it sends back (see
 * `processTask`). A process rather than a worker thread when the work holds a lot of memory of its
 * own: it is counted, and freed, apart from the build's main process.
 */
export function runProcess<I extends Serializable, O>(module: URL, input: I): Promise<O> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./process-boot.mjs", import.meta.url)), [module.href], { execArgv: [], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let answered = false;
    child.on("message", (message: { ok: true; value: O } | { ok: false; error: string }) => {
      answered = true;
      if (message.ok) resolve(message.value);
      else reject(new Error(message.error));
    });
    child.once("error", (e) => {
      answered = true;
      reject(e);
    });
    child.once("exit", (code, signal) => {
      if (!answered) reject(new Error(`process ${module.pathname} exited (${signal ?? `code ${code}`}) before answering`));
    });
    child.send(input);
  });
}

/** The child's side of runProcess: `task` runs on the input received; its result (or error) is sent back, then the process ends. */
export function processTask<I, O>(task: (input: I) => Promise<O>): void {
  process.once("message", (input: I) => {
    task(input).then(
      (value) => process.send?.({ ok: true, value }, () => process.exit(0)),
      (e: unknown) => process.send?.({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, () => process.exit(1)),
    );
  });
}
