import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { runBaseline, checked, round2, type BaselineResult } from "./baseline.ts";
import { buildCommand } from "./build-command.ts";
import { editArticleBody } from "./edit-article.ts";
import { firstSearches, type SearchTransfer } from "./first-search.ts";
import { generateArticles } from "./generate-articles.ts";
import { measure, type ProcessCpu } from "./measure.ts";
import { outputStats } from "./output-stats.ts";
import { settleAfterDeletion, writeBack } from "./settle-disk.ts";
import { probeMachineSpeed } from "./machine-speed.ts";

export interface BenchOptions {
  articles: number;
  /** Raw scraped files to import (default: the shared corpus). */
  source: string;
  /** Keep the work folder (articles, both sites) here; otherwise a temporary folder, deleted. */
  keep?: string;
  baseline: boolean;
  /** The one word of the first search. */
  word: string;
  /** Repository root: where the build command and node_modules are. */
  root: string;
  /** Progress lines (to stderr in the CLI). */
  log?: (line: string) => void;
}

export interface BenchResult {
  articles: number;
  wallSeconds: number;
  baselineWallSeconds: number | null;
  ratio: { wall: number | null; cpu: number | null; memory: number | null; firstSearchBytes: number | null; outputBytes: number | null };
  secondsPerArticle: number;
  baselineSecondsPerArticle: number | null;
  /** The median of the edit-one rebuilds (incrementalRuns). */
  incrementalWallSeconds: number;
  /**
   * Each edit-one rebuild in turn, a different article edited each time: the middle file in path
   * order, then the one a quarter in, then three quarters in.
   */
  incrementalRuns: { file: string; wallSeconds: number; cpuSeconds: number; speedProbeMs: number; stages: Record<string, number> }[];
  /**
   * CPU time of every process of the full build (user and system, all threads; measure.ts), in
   * core-seconds: with the wall time, how busy the machine's cores were, and where the work went.
   */
  cpuSeconds: number;
  cpuByProcess: ProcessCpu[];
  baselineCpuSeconds: number | null;
  baselineCpuByProcess: ProcessCpu[] | null;
  peakMemoryBytes: number;
  peakProcess: string;
  baselinePeakMemoryBytes: number | null;
  baselinePeakProcess: string | null;
  firstSearchBytes: number;
  firstSearchRequests: number;
  firstSearchByKind: Record<string, number>;
  firstSearchResults: number;
  baselineFirstSearchBytes: number | null;
  baselineFirstSearchRequests: number | null;
  baselineFirstSearchResults: number | null;
  outputFiles: number;
  outputBytes: number;
  baselineOutputFiles: number | null;
  baselineOutputBytes: number | null;
  /** Our build's own stage timings (src/cli/build.ts), seconds. */
  stages: Record<string, number>;
  /** The stages of the median rebuild. */
  incrementalStages: Record<string, number>;
  baselineStages: BaselineResult["stages"] | null;
  word: string;
  generate: { seconds: number; picked: number; imported: number; cycles: number; shiftYears: number };
  /**
   * `loadAverage`: the 1-minute load when the benchmark started (other work on the machine skews every
   * figure). `speedProbeMs`: a fixed single-threaded workload timed just before each timed build
   * (machine-speed.ts): the machine's own speed at that moment, lower is faster.
   */
  machine: { cpus: number; memoryBytes: number; node: string; loadAverage: number; speedProbeMs: { full: number; incremental: number[]; baseline: number | null } };
}

const KEEP_MARKER = ".archive-bench";
const WORK_PARTS = ["base", "articles", "site", "baseline", "timings.json", "timings-incremental.json"];

/**
 * The edit-one rebuilds, one after another, each editing the article this far into the files in path
 * order: a rebuild takes seconds, and this machine's speed swings by a third within minutes
 * (machine-speed.ts), so one sample says little. Their median is the figure; each is reported.
 */
export const EDITED_AT = [1 / 2, 1 / 4, 3 / 4] as const;

/**
 * The benchmark: N articles, our full production build (then the same build again after editing one
 * article, three times), the baseline pipeline on the same articles, output sizes, and the first search's transfer
 * in Chromium, for both sites (ours as the rebuild left it).
 */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const load = loadavg()[0] ?? 0;
  const kept = options.keep ? await prepareKeep(options.keep) : null;
  const work = kept?.dir ?? (await mkdtemp(path.join(tmpdir(), "archive-bench-")));
  try {
    log(`work folder ${work}`);
    const t0 = performance.now();
    const generated = await generateArticles({ source: options.source, articles: options.articles, work });
    const generateSeconds = (performance.now() - t0) / 1000;
    log(`${generated.files.length} articles from ${generated.imported} imported (${generated.cycles} pass(es)) in ${generateSeconds.toFixed(1)} s`);

    const site = path.join(work, "site");
    const { command, args } = buildCommand(options.root);
    const build = async (timings: string) => {
      const run = checked("build", await measure(
        command,
        [...args, "--articles", generated.articlesDir, "--out", site],
        { cwd: options.root, env: { ...process.env, ARCHIVE_TIMINGS_FILE: timings } },
      ));
      return { run, stages: JSON.parse(await readFile(timings, "utf8")) as Record<string, number> };
    };
    // The previous run's files, deleted by prepareKeep, must not slow the files this build creates.
    if (kept?.deletedAt) await settleAfterDeletion(kept.deletedAt, log);
    else writeBack();
    const probes = { full: probeMachineSpeed(), incremental: [] as number[], baseline: null as number | null };
    log(`machine speed probe ${probes.full} ms; our build…`);
    const full = await build(path.join(work, "timings.json"));
    log(`our build: ${full.run.wallSeconds.toFixed(1)} s`);
    const ourStats = await outputStats(site);

    // Right after our build, as its user would build again after an edit. Measured after the baseline
    // instead, the rebuild would pay for the baseline's Pagefind (18 GB at 100,000 articles) having
    // pushed our site out of the disk cache: a figure of the baseline, not of this tool. The full
    // build's last files are written back first (`sync`, untimed), as the kernel does within 30 s of
    // their writing, before any user has edited an article: at 100,000 articles 300–370 MB were still
    // dirty when the build ended, and the rebuild shared the disk and the cores with their write-back.
    const incrementalRuns: BenchResult["incrementalRuns"] = [];
    for (const at of EDITED_AT) {
      writeBack();
      const file = generated.files[Math.floor(generated.files.length * at)] as string;
      log(`incremental: one article's body edited (${file}), same build again…`);
      await editArticleBody(generated.articlesDir, file);
      const speedProbeMs = probeMachineSpeed();
      const rebuilt = await build(path.join(work, "timings-incremental.json"));
      incrementalRuns.push({ file, wallSeconds: round2(rebuilt.run.wallSeconds), cpuSeconds: round2(rebuilt.run.cpuSeconds), speedProbeMs, stages: rebuilt.stages });
      probes.incremental.push(speedProbeMs);
    }
    const incremental = medianRun(incrementalRuns);

    let baseline: BaselineResult | null = null;
    let baselineStats: { files: number; bytes: number } | null = null;
    const baselineSite = path.join(work, "baseline");
    if (options.baseline) {
      probes.baseline = probeMachineSpeed();
      log(`machine speed probe ${probes.baseline} ms; baseline: Eleventy + Pagefind CLI…`);
      baseline = await runBaseline({ articlesDir: generated.articlesDir, out: baselineSite, root: options.root });
      baselineStats = await outputStats(baselineSite);
      log(`baseline: ${baseline.wallSeconds.toFixed(1)} s`);
    }

    log(`first search for "${options.word}" in Chromium…`);
    const searches = await firstSearches({ ours: site, ...(baseline ? { baseline: baselineSite } : {}) }, { word: options.word });

    const n = generated.files.length;
    const ratio = (a: number, b: number | null | undefined) => (b ? round3(a / b) : null);
    const plain: SearchTransfer | undefined = searches.baseline;
    return {
      articles: n,
      wallSeconds: round2(full.run.wallSeconds),
      baselineWallSeconds: baseline ? round2(baseline.wallSeconds) : null,
      ratio: {
        wall: ratio(full.run.wallSeconds, baseline?.wallSeconds),
        cpu: ratio(full.run.cpuSeconds, baseline?.cpuSeconds),
        memory: ratio(full.run.peakMemoryBytes, baseline?.peakMemoryBytes),
        firstSearchBytes: ratio(searches.ours.bytes, plain?.bytes),
        outputBytes: ratio(ourStats.bytes, baselineStats?.bytes),
      },
      secondsPerArticle: round5(full.run.wallSeconds / n),
      baselineSecondsPerArticle: baseline ? round5(baseline.wallSeconds / n) : null,
      incrementalWallSeconds: incremental.wallSeconds,
      incrementalRuns,
      cpuSeconds: round2(full.run.cpuSeconds),
      cpuByProcess: full.run.cpuByProcess.map(roundCpu),
      baselineCpuSeconds: baseline ? round2(baseline.cpuSeconds) : null,
      baselineCpuByProcess: baseline ? baseline.cpuByProcess.map(roundCpu) : null,
      peakMemoryBytes: full.run.peakMemoryBytes,
      peakProcess: full.run.peakProcess,
      baselinePeakMemoryBytes: baseline?.peakMemoryBytes ?? null,
      baselinePeakProcess: baseline?.peakProcess ?? null,
      firstSearchBytes: searches.ours.bytes,
      firstSearchRequests: searches.ours.requests,
      firstSearchByKind: searches.ours.byKind,
      firstSearchResults: searches.ours.results,
      baselineFirstSearchBytes: plain?.bytes ?? null,
      baselineFirstSearchRequests: plain?.requests ?? null,
      baselineFirstSearchResults: plain?.results ?? null,
      outputFiles: ourStats.files,
      outputBytes: ourStats.bytes,
      baselineOutputFiles: baselineStats?.files ?? null,
      baselineOutputBytes: baselineStats?.bytes ?? null,
      stages: full.stages,
      incrementalStages: incremental.stages,
      baselineStages: baseline?.stages ?? null,
      word: options.word,
      generate: { seconds: round2(generateSeconds), picked: generated.picked, imported: generated.imported, cycles: generated.cycles, shiftYears: generated.shiftYears },
      machine: { cpus: cpus().length, memoryBytes: totalmem(), node: process.version, loadAverage: round2(load), speedProbeMs: probes },
    };
  } finally {
    if (!options.keep) await rm(work, { recursive: true, force: true });
  }
}

/** The run of median wall time (for an even count, the slower of the two in the middle). */
export function medianRun<T extends { wallSeconds: number }>(runs: readonly T[]): T {
  const sorted = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const run = sorted[Math.floor(sorted.length / 2)];
  if (!run) throw new Error("no run to take the median of");
  return run;
}

/**
 * `--keep DIR`: a new or empty folder, or one an earlier benchmark kept (its parts are replaced).
 * `deletedAt`: when the earlier run's files were deleted, if there were any.
 */
async function prepareKeep(dir: string): Promise<{ dir: string; deletedAt: number | null }> {
  const abs = path.resolve(dir);
  let deletedAt: number | null = null;
  if (existsSync(abs)) {
    const entries = await readdir(abs);
    if (entries.length > 0 && !entries.includes(KEEP_MARKER)) throw new Error(`--keep ${dir} is not empty and was not made by the benchmark`);
    for (const part of WORK_PARTS) await rm(path.join(abs, part), { recursive: true, force: true });
    if (WORK_PARTS.some((part) => entries.includes(part))) deletedAt = Date.now();
  }
  await mkdir(abs, { recursive: true });
  await writeFile(path.join(abs, KEEP_MARKER), "Work folder of npm run bench; replaced by the next run with the same --keep.\n");
  return { dir: abs, deletedAt };
}

function roundCpu(p: ProcessCpu): ProcessCpu {
  return { ...p, seconds: round2(p.seconds) };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
