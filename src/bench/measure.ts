import { execFileSync, spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface Measured {
  wallSeconds: number;
  /** The largest peak resident set size (VmHWM) of any process in the command's tree. */
  peakMemoryBytes: number;
  /** The process that had that peak: `node src/cli/build.ts`, `pagefind_extended`, … */
  peakProcess: string;
  /** CPU time (user and system, every thread) of every process in the tree, summed: core-seconds. */
  cpuSeconds: number;
  /** The same by kind of process (see describeProcess), most first. */
  cpuByProcess: ProcessCpu[];
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface ProcessCpu {
  process: string;
  /** How many processes of that description. */
  count: number;
  seconds: number;
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

/** What /proc/<pid>/stat tells of one process. */
interface ProcStat {
  /** The kernel's name for it (at most 15 characters). */
  comm: string;
  ppid: number;
  /** User and system time of all its threads, in clock ticks (not its children's). */
  cpuTicks: number;
  /** When it started, in clock ticks since boot: with the pid, it names the process (pids are reused). */
  start: number;
}

/** Every process on the machine, from /proc/<pid>/stat. */
async function procStats(): Promise<Map<number, ProcStat>> {
  const stats = new Map<number, ProcStat>();
  const names = await readdir("/proc").catch(() => [] as string[]);
  await Promise.all(names.filter((n) => /^\d+$/.test(n)).map(async (name) => {
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => null);
    if (stat === null) return;
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last `)`.
    // proc(5): after it, utime and stime are the 12th and 13th fields, starttime the 20th.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ppid = Number(f[1]);
    if (Number.isFinite(ppid)) stats.set(Number(name), { comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), ppid, cpuTicks: Number(f[11]) + Number(f[12]), start: Number(f[19]) });
  }));
  return stats;
}

/** The descendants of `root` (root first) among `stats`. */
function treeOf(root: number, stats: ReadonlyMap<number, ProcStat>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

let ticksPerSecond: number | undefined;
/** The kernel's clock ticks per second for /proc times (USER_HZ: 100 on every common Linux build). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** The root and all its descendants. */
export async function processTree(root: number): Promise<number[]> {
  return treeOf(root, await procStats());
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
 * a script runner, its script, relative to this process's folder when inside it: `node
 * src/cli/build.ts`, `pagefind_extended`. A script that runs a module given as a file URL (a process
 * pool's child, src/workers/process-pool.ts) is named with it: `node src/workers/process-boot.mjs
 * (src/search/index-part-worker.ts)`.
 */
export async function describeProcess(pid: number, comm: string): Promise<string> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  const argv = cmdline.split("\0").filter((a) => a !== "");
  if (argv.length === 0) return comm;
  const program = (argv[0] as string).split("/").at(-1) ?? comm;
  // A module Node loads first (`--import ./src/cli/load-packages-first.mjs`) is not the script.
  const at = argv.findIndex((a, i) => i > 0 && /\.[cm]?[jt]s$/.test(a) && !a.includes("node_modules") && !a.startsWith("file:") && !PRELOAD_OPTIONS.has(argv[i - 1] ?? ""));
  if (at < 0) return program;
  const module = argv.slice(at + 1).find((a) => a.startsWith("file:") && /\.[cm]?[jt]s$/.test(a));
  return `${program} ${shortPath(argv[at] as string)}${module ? ` (${shortPath(fileURLToPath(module))})` : ""}`;
}

/** A path inside this process's folder, relative to it; any other as it is. */
function shortPath(file: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/**
 * Run a command to its end: wall time, the peak memory of the largest process in its tree (the
 * command, and whatever it starts: Pagefind's indexer binary, Chromium, …) and the CPU time of all of
 * them, sampled from /proc every `intervalMs`. VmHWM is each process's own high-water mark and CPU
 * time only grows, so a sample misses only what a process adds in its last interval before exiting,
 * or a process that lives less than one interval.
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
  // Each process's CPU time as last seen, by pid and start time, and its description, taken again at
  // every sample: a forked child shows its parent's command line until it has started its own program.
  const cpu = new Map<string, { ticks: number; name: string }>();
  const sample = async () => {
    if (child.pid === undefined) return;
    const stats = await procStats();
    for (const pid of treeOf(child.pid, stats)) {
      const stat = stats.get(pid);
      if (!stat) continue;
      const key = `${pid}:${stat.start}`;
      const name = await describeProcess(pid, cpu.get(key)?.name ?? stat.comm);
      cpu.set(key, { ticks: stat.cpuTicks, name });
      const p = await processPeak(pid);
      if (p && p.bytes > peak.bytes) peak = { bytes: p.bytes, comm: name };
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
  // A process seen with no CPU time yet (one that starts and ends within a sample, say) would only be a line of zeros.
  const cpuByProcess = mergeCpu([...cpu.values()].filter(({ ticks }) => ticks > 0).map(({ ticks, name }) => ({ process: name, count: 1, seconds: ticks / clockTicks() })));
  return {
    wallSeconds: ((ended || performance.now()) - started) / 1000,
    peakMemoryBytes: peak.bytes,
    peakProcess: peak.comm,
    cpuSeconds: cpuByProcess.reduce((sum, p) => sum + p.seconds, 0),
    cpuByProcess,
    exitCode,
    stdout: Buffer.concat(stdout).toString("utf8"),
    stderr: Buffer.concat(stderr).toString("utf8"),
  };
}

/** CPU times of processes (of one run or several) summed by description, most first. */
export function mergeCpu(...lists: ProcessCpu[][]): ProcessCpu[] {
  const byName = new Map<string, ProcessCpu>();
  for (const { process, count, seconds } of lists.flat()) {
    const entry = byName.get(process);
    if (entry) {
      entry.count += count;
      entry.seconds += seconds;
    } else byName.set(process, { process, count, seconds });
  }
  return [...byName.values()].sort((a, b) => b.seconds - a.seconds);
}
