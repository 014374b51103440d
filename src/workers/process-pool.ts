import { fork, type ChildProcess, type Serializable } from "node:child_process";
import { fileURLToPath } from "node:url";

type Reply<O> = { id: number; ok: true; value: O } | { id: number; ok: false; error: string };

/**
 * Child processes running one TypeScript module (`new URL("./x.ts", import.meta.url)`, which calls
 * `serveTasks`), each given one task at a time. Processes rather than worker threads when a task
 * holds a lot of memory of its own: it is counted, and freed, apart from the main process. Started
 * once and used for every task: a process forked from a main process that already holds gigabytes
 * costs that process a page fault on every page it writes next, which at 100,000 articles, one fork
 * per search part, slowed page rendering by a third.
 */
export class ProcessPool<I extends Serializable, O> {
  /** The processes by number (runOn), as started. */
  private readonly slots: ChildProcess[] = [];
  private readonly idle: ChildProcess[] = [];
  private readonly waiting: { input: I; resolve: (o: O) => void; reject: (e: Error) => void }[] = [];
  private readonly pending = new Map<number, { child: ChildProcess; resolve: (o: O) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private closed = false;

  /** `nodeOptions`: Node's flags for the processes (V8's heap sizes, say); none by default, whatever this process was started with. */
  constructor(private readonly module: URL, size: number, private readonly nodeOptions: readonly string[] = []) {
    for (let i = 0; i < size; i++) {
      const child = this.spawn();
      this.slots.push(child);
      this.idle.push(child);
    }
  }

  /** Processes the pool started with (runOn's slots). */
  get size(): number {
    return this.slots.length;
  }

  run(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new Error("the process pool is closed"));
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Sends `input` to process number `slot` now, busy or not: it runs its tasks one at a time, in the
   * order sent. A task queued in the process itself starts the moment the one before ends, whether
   * or not this process's event loop is free to hear of it (a long synchronous stretch here, such
   * as an Eleventy run, delays that by seconds).
   */
  runOn(slot: number, input: I): Promise<O> {
    if (this.closed) return Promise.reject(new Error("the process pool is closed"));
    const child = this.slots[slot];
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`no process ${slot} in the pool`));
    const at = this.idle.indexOf(child);
    if (at >= 0) this.idle.splice(at, 1);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { child, resolve, reject });
      child.send({ id, input });
    });
  }

  /** Ends the processes once their tasks are done (a closed pool takes no more). */
  close(): void {
    this.closed = true;
    for (const child of this.idle.splice(0)) letGo(child);
  }

  private busy(child: ChildProcess): boolean {
    for (const task of this.pending.values()) if (task.child === child) return true;
    return false;
  }

  private spawn(): ChildProcess {
    const child = fork(fileURLToPath(new URL("./process-boot.mjs", import.meta.url)), [this.module.href], { execArgv: [...this.nodeOptions], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.on("message", (reply: Reply<O>) => {
      const task = this.pending.get(reply.id);
      if (!task) return;
      this.pending.delete(reply.id);
      if (reply.ok) task.resolve(reply.value);
      else task.reject(new Error(reply.error));
      // Still busy with tasks sent by runOn: idle, or let go, after the last of them.
      if (this.busy(child)) return;
      if (this.closed && this.waiting.length === 0) letGo(child);
      else this.idle.push(child);
      this.dispatch();
    });
    child.once("exit", (code, signal) => {
      const index = this.idle.indexOf(child);
      if (index >= 0) this.idle.splice(index, 1);
      for (const [id, task] of this.pending) {
        if (task.child !== child) continue;
        this.pending.delete(id);
        task.reject(new Error(`process ${this.module.pathname} exited (${signal ?? `code ${code}`}) before answering`));
      }
    });
    return child;
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const child = this.idle.shift() ?? (this.idle.length === 0 && this.pending.size === 0 ? this.spawn() : undefined);
      if (!child) return;
      const task = this.waiting.shift() as (typeof this.waiting)[number];
      const id = this.nextId++;
      this.pending.set(id, { child, resolve: task.resolve, reject: task.reject });
      child.send({ id, input: task.input });
    }
  }
}

/**
 * Tells a child with nothing left to do to end (serveTasks exits on the disconnect), without keeping
 * this process alive until it has: at 100,000 articles the build's process waited 0.5 s after its
 * last line for the two index processes to tear their heaps down.
 */
function letGo(child: ChildProcess): void {
  child.disconnect();
  child.unref();
}

/** The child's side of a ProcessPool: runs `task` on each input received, one at a time, and answers; ends when the pool lets go. */
export function serveTasks<I, O>(task: (input: I) => Promise<O>): void {
  let queue = Promise.resolve();
  process.on("message", ({ id, input }: { id: number; input: I }) => {
    queue = queue.then(() =>
      task(input).then(
        (value) => void process.send?.({ id, ok: true, value }),
        (e: unknown) => void process.send?.({ id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
      ),
    );
  });
  process.once("disconnect", () => void queue.then(() => process.exit(0)));
}
