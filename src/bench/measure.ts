import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";

export interface Measured {
  wallSeconds: number;
  /** The largest peak resident set size (VmHWM) of any process in the command's tree. */
  peakMemoryBytes: number;
  /** The process that had that peak: `node src/cli/build.ts`, `pagefind_extended`, … */
  peakProcess: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How often the process tree is sampled, ms. */
  intervalMs?: number;
}

interface ProcessPeak {
  bytes: number;
  comm: string;
}

/** `pid → parent pid` for every process on the machine, from /proc/<pid>/stat. */
async function parentMap(): Promise<Map<number, number>> {
  const parents = new Map<number, number>();
  const names = await readdir("/proc").catch(() => [] as string[]);
  await Promise.all(names.filter((n) => /^\d+$/.test(n)).map(async (name) => {
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => null);
    if (stat === null) return;
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last `)`.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (Number.isFinite(ppid)) parents.set(Number(name), ppid);
  }));
  return parents;
}

/** The root and all its descendants. */
export async function processTree(root: number): Promise<number[]> {
  const parents = await parentMap();
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** A process's peak resident set size so far (VmHWM), or null once it is gone. */
export async function processPeak(pid: number): Promise<ProcessPeak | null> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => null);
  const hwm = status?.match(/^VmHWM:\s+(\d+)\s+kB/m);
  if (!status || !hwm) return null;
  const comm = status.match(/^Name:\s+(.*)$/m)?.[1] ?? "?";
  return { bytes: Number(hwm[1]) * 1024, comm };
}

/** Node's options whose value is a module it loads before the script. */
const PRELOAD_OPTIONS = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader"]);

/**
 * A process as a reader knows it: the program's name (not cut at 15 characters like `comm`) and, for
 * a script runner, its script: `node src/cli/build.ts`, `pagefind_extended`.
 */
export async function describeProcess(pid: number, comm: string): Promise<string> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  const argv = cmdline.split("\0").filter((a) => a !== "");
  if (argv.length === 0) return comm;
  const program = (argv[0] as string).split("/").at(-1) ?? comm;
  // A module Node loads first (`--import ./src/cli/load-packages-first.mjs`) is not the script.
  const script = argv.slice(1).find((a, i, rest) => /\.[cm]?[jt]s$/.test(a) && !a.includes("node_modules") && !a.startsWith("file:") && !PRELOAD_OPTIONS.has(rest[i - 1] ?? ""));
  return script ? `${program} ${script}` : program;
}

/**
 * Run a command to its end: wall time, and the peak memory of the largest process in its tree (the
 * command, and whatever it starts: Pagefind's indexer binary, Chromium, …), sampled from /proc every
 * `intervalMs`. VmHWM is each process's own high-water mark, so a sample misses only what a process
 * adds in its last interval before exiting, or a process that lives less than one interval.
 */
export async function measure(command: string, args: readonly string[], options: MeasureOptions = {}): Promise<Measured> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (b: Buffer) => stdout.push(b));
  child.stderr.on("data", (b: Buffer) => stderr.push(b));
  let ended = 0;
  child.once("exit", () => { ended = performance.now(); });
  // "close": the process has exited and its output has been read to the end.
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve(code ?? (signal ? 128 : null)));
  });
  let done = false;
  void exited.finally(() => { done = true; }).catch(() => {});

  let peak: ProcessPeak = { bytes: 0, comm: "" };
  const sample = async () => {
    if (child.pid === undefined) return;
    for (const pid of await processTree(child.pid)) {
      const p = await processPeak(pid);
      if (p && p.bytes > peak.bytes) peak = { bytes: p.bytes, comm: await describeProcess(pid, p.comm) };
    }
  };
  const interval = options.intervalMs ?? 200;
  const sampler = (async () => {
    while (!done) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  })();
  const exitCode = await exited;
  await sampler;
  return {
    wallSeconds: ((ended || performance.now()) - started) / 1000,
    peakMemoryBytes: peak.bytes,
    peakProcess: peak.comm,
    exitCode,
    stdout: Buffer.concat(stdout).toString("utf8"),
    stderr: Buffer.concat(stderr).toString("utf8"),
  };
}
