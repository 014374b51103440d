import { rm } from "node:fs/promises";
import path from "node:path";
import { measure, mergeCpu, type Measured, type ProcessCpu } from "./measure.ts";

export interface BaselineOptions {
  articlesDir: string;
  /** Output folder: emptied first. */
  out: string;
  /** The repository root (Eleventy's input folder, where node_modules/.bin is). */
  root: string;
}

export interface BaselineResult {
  /** Eleventy plus Pagefind, each measured in its own processes and summed. */
  wallSeconds: number;
  /** The larger of the two steps' peaks. */
  peakMemoryBytes: number;
  peakProcess: string;
  /** CPU time of both steps' processes (measure.ts). */
  cpuSeconds: number;
  cpuByProcess: ProcessCpu[];
  stages: { eleventy: number; pagefind: number };
}

/**
 * The baseline pipeline on the same articles: Eleventy with one paginated article template
 * (src/bench/baseline.config.ts, through Eleventy's programmatic API in a child process), then the
 * plain Pagefind CLI over its output.
 */
export async function runBaseline(options: BaselineOptions): Promise<BaselineResult> {
  await rm(options.out, { recursive: true, force: true });
  const bin = (name: string) => path.join(options.root, "node_modules", ".bin", name);
  const eleventy = checked("baseline Eleventy", await measure(bin("tsx"), ["src/bench/baseline-eleventy.ts", "--articles", options.articlesDir, "--out", options.out], { cwd: options.root }));
  const pagefind = checked("baseline Pagefind CLI", await measure(bin("pagefind"), ["--site", options.out], { cwd: options.root }));
  const top = eleventy.peakMemoryBytes >= pagefind.peakMemoryBytes ? eleventy : pagefind;
  return {
    wallSeconds: eleventy.wallSeconds + pagefind.wallSeconds,
    peakMemoryBytes: top.peakMemoryBytes,
    peakProcess: top.peakProcess,
    cpuSeconds: eleventy.cpuSeconds + pagefind.cpuSeconds,
    cpuByProcess: mergeCpu(eleventy.cpuByProcess, pagefind.cpuByProcess),
    stages: { eleventy: round2(eleventy.wallSeconds), pagefind: round2(pagefind.wallSeconds) },
  };
}

/** A failed step stops the benchmark with its own output: its figures would mean nothing. */
export function checked(what: string, run: Measured): Measured {
  if (run.exitCode !== 0) {
    throw new Error(`${what} failed (exit ${run.exitCode}):\n${(run.stderr || run.stdout).trim().split("\n").slice(-30).join("\n")}`);
  }
  return run;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
