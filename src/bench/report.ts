import type { ProcessCpu } from "./measure.ts";
import type { BenchResult } from "./run-bench.ts";

const MB = 1e6;

function num(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined ? "—" : x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function stageList(stages: Record<string, number> | null): string {
  return stages ? Object.entries(stages).map(([name, s]) => `${name} ${num(s)}`).join(", ") : "—";
}

/** `257.10 (1.84 cores): node src/cli/build.ts 105.20, … ×2 151.90`: the total, the cores it kept busy over `wall`, each kind of process. */
function cpuCell(seconds: number, byProcess: readonly ProcessCpu[], wall: number): string {
  const busy = wall > 0 ? ` (${num(seconds / wall)} cores)` : "";
  return `${num(seconds)}${busy}: ${byProcess.map((p) => `${p.process}${p.count > 1 ? ` ×${p.count}` : ""} ${num(p.seconds)}`).join(", ")}`;
}

/** The benchmark as a Markdown table: ours, the baseline, and ours / baseline. */
export function benchTable(r: BenchResult): string {
  const ratio = (x: number | null) => (x === null ? "—" : `${num(x)}×`);
  const rows: [string, string, string, string][] = [
    ["full build, wall (s)", num(r.wallSeconds), num(r.baselineWallSeconds), ratio(r.ratio.wall)],
    ["seconds per article", num(r.secondsPerArticle, 4), num(r.baselineSecondsPerArticle, 4), ratio(r.ratio.wall)],
    ["stages (s)", `${stageList(r.stages)}; outside stages (start-up, exit) ${num(r.wallSeconds - Object.values(r.stages).reduce((a, b) => a + b, 0))}`, stageList(r.baselineStages), ""],
    ["one article edited, same build again (s)", `${num(r.incrementalWallSeconds)} (median of ${r.incrementalRuns.map((run) => num(run.wallSeconds)).join(", ")})`, "—", ""],
    ["CPU time, all processes (core-seconds; cores busy on average)", cpuCell(r.cpuSeconds, r.cpuByProcess, r.wallSeconds), r.baselineCpuSeconds === null ? "—" : cpuCell(r.baselineCpuSeconds, r.baselineCpuByProcess ?? [], r.baselineWallSeconds ?? 0), ratio(r.ratio.cpu)],
    ["peak memory, largest process (MB)", `${num(r.peakMemoryBytes / MB, 0)} (${r.peakProcess})`, r.baselinePeakMemoryBytes === null ? "—" : `${num(r.baselinePeakMemoryBytes / MB, 0)} (${r.baselinePeakProcess})`, ratio(r.ratio.memory)],
    ["output files", num(r.outputFiles, 0), num(r.baselineOutputFiles, 0), ""],
    ["output size (MB)", num(r.outputBytes / MB), r.baselineOutputBytes === null ? "—" : num(r.baselineOutputBytes / MB), ratio(r.ratio.outputBytes)],
    [
      `first search "${r.word}" (kB transferred, requests)`,
      `${num(r.firstSearchBytes / 1e3, 1)} (${r.firstSearchRequests})`,
      r.baselineFirstSearchBytes === null ? "—" : `${num(r.baselineFirstSearchBytes / 1e3, 1)} (${r.baselineFirstSearchRequests})`,
      ratio(r.ratio.firstSearchBytes),
    ],
    [
      "machine speed probe before the build (ms, lower is faster)",
      `${num(r.machine.speedProbeMs.full, 0)}; before each edit-one build ${r.machine.speedProbeMs.incremental.map((ms) => num(ms, 0)).join(", ")}`,
      num(r.machine.speedProbeMs.baseline, 0),
      r.machine.speedProbeMs.baseline ? `${num(r.machine.speedProbeMs.full / r.machine.speedProbeMs.baseline)}×` : "",
    ],
    ["first search, by part (kB)", Object.entries(r.firstSearchByKind).map(([k, b]) => `${k} ${num(b / 1e3, 1)}`).join(", "), "", ""],
  ];
  const head = `| ${r.articles.toLocaleString("en-US")} articles | ours | baseline | ours / baseline |`;
  return [head, "| --- | --- | --- | --- |", ...rows.map((cells) => `| ${cells.join(" | ")} |`)].join("\n");
}
