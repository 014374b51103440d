import { expect, it } from "vitest";
import { benchTable } from "../../src/bench/report.ts";
import { medianRun, type BenchResult } from "../../src/bench/run-bench.ts";

const withoutBaseline: BenchResult = {
  articles: 1000, wallSeconds: 20, baselineWallSeconds: null,
  ratio: { wall: null, cpu: null, memory: null, firstSearchBytes: null, outputBytes: null },
  secondsPerArticle: 0.02, baselineSecondsPerArticle: null, incrementalWallSeconds: 19.5,
  incrementalRuns: [
    { file: "b.md", wallSeconds: 19.5, cpuSeconds: 21, speedProbeMs: 3100, stages: { load: 2 } },
    { file: "a.md", wallSeconds: 18.25, cpuSeconds: 20, speedProbeMs: 3000, stages: { load: 2 } },
    { file: "c.md", wallSeconds: 21, cpuSeconds: 22, speedProbeMs: 3300, stages: { load: 2 } },
  ],
  cpuSeconds: 30, cpuByProcess: [{ process: "node src/cli/build.ts", count: 1, seconds: 18 }, { process: "node src/workers/process-boot.mjs (src/search/index-part-worker.ts)", count: 2, seconds: 12 }],
  baselineCpuSeconds: null, baselineCpuByProcess: null,
  peakMemoryBytes: 512e6, peakProcess: "node", baselinePeakMemoryBytes: null, baselinePeakProcess: null,
  firstSearchBytes: 250_000, firstSearchRequests: 20, firstSearchByKind: { page: 30_000, pagefind: 220_000 }, firstSearchResults: 10,
  baselineFirstSearchBytes: null, baselineFirstSearchRequests: null, baselineFirstSearchResults: null,
  outputFiles: 5000, outputBytes: 80e6, baselineOutputFiles: null, baselineOutputBytes: null,
  stages: { load: 2, pages: 10, search: 5 }, incrementalStages: { load: 2, pages: 10, search: 5 }, baselineStages: null,
  word: "người", generate: { seconds: 3, picked: 1000, imported: 1000, cycles: 1, shiftYears: 0 },
  machine: { cpus: 2, memoryBytes: 24e9, node: "v20", loadAverage: 0.5, speedProbeMs: { full: 3000, incremental: [3100, 3000, 3300], baseline: null } },
};

it("--no-baseline: the baseline column and the ratios are dashes; our figures are all there", () => {
  const table = benchTable(withoutBaseline);
  const rows = table.split("\n");
  expect(rows[0]).toBe("| 1,000 articles | ours | baseline | ours / baseline |");
  expect(rows.find((r) => r.startsWith("| full build, wall (s) "))).toBe("| full build, wall (s) | 20.00 | — | — |");
  expect(rows.find((r) => r.startsWith("| peak memory"))).toBe("| peak memory, largest process (MB) | 512 (node) | — | — |");
  expect(rows.find((r) => r.startsWith("| stages"))).toContain("load 2.00, pages 10.00, search 5.00; outside stages (start-up, exit) 3.00");
  expect(rows.find((r) => r.startsWith("| first search \"người\""))).toBe("| first search \"người\" (kB transferred, requests) | 250.0 (20) | — | — |");
  expect(rows.find((r) => r.startsWith("| machine speed probe"))).toBe("| machine speed probe before the build (ms, lower is faster) | 3,000; before each edit-one build 3,100, 3,000, 3,300 | — |  |");
  expect(rows.find((r) => r.startsWith("| CPU time"))).toBe("| CPU time, all processes (core-seconds; cores busy on average) | 30.00 (1.50 cores): node src/cli/build.ts 18.00, node src/workers/process-boot.mjs (src/search/index-part-worker.ts) ×2 12.00 | — | — |");
  expect(rows.find((r) => r.startsWith("| one article edited"))).toBe("| one article edited, same build again (s) | 19.50 (median of 19.50, 18.25, 21.00) | — |  |");
});

it("with a baseline: the machine speed probe before each build, and how they compare", () => {
  const table = benchTable({ ...withoutBaseline, machine: { ...withoutBaseline.machine, speedProbeMs: { full: 3000, incremental: [3100, 3000, 3300], baseline: 2400 } } });
  expect(table.split("\n").find((r) => r.startsWith("| machine speed probe"))).toBe("| machine speed probe before the build (ms, lower is faster) | 3,000; before each edit-one build 3,100, 3,000, 3,300 | 2,400 | 1.25× |");
});

it("with a baseline: its CPU time over its own wall time, and ours against it", () => {
  const table = benchTable({
    ...withoutBaseline, baselineWallSeconds: 40, baselineCpuSeconds: 60, baselineCpuByProcess: [{ process: "pagefind_extended", count: 1, seconds: 45 }, { process: "node src/bench/baseline-eleventy.ts", count: 1, seconds: 15 }],
    ratio: { ...withoutBaseline.ratio, cpu: 0.5 },
  });
  expect(table.split("\n").find((r) => r.startsWith("| CPU time"))).toBe("| CPU time, all processes (core-seconds; cores busy on average) | 30.00 (1.50 cores): node src/cli/build.ts 18.00, node src/workers/process-boot.mjs (src/search/index-part-worker.ts) ×2 12.00 | 60.00 (1.50 cores): pagefind_extended 45.00, node src/bench/baseline-eleventy.ts 15.00 | 0.50× |");
});

it("the edit-one figure is the rebuild of median time, wherever it came in the runs", () => {
  expect(medianRun(withoutBaseline.incrementalRuns).file).toBe("b.md");
  const [slow, fast, middle] = [{ wallSeconds: 3, n: 1 }, { wallSeconds: 1, n: 2 }, { wallSeconds: 2, n: 3 }];
  expect(medianRun([slow, fast, middle]).n).toBe(3);
  expect(medianRun([slow, fast]).n).toBe(1);
  expect(() => medianRun([])).toThrow(/no run/);
});
