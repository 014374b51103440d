import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDIT_PARAGRAPH } from "../../src/bench/edit-article.ts";
import type { BenchResult } from "../../src/bench/run-bench.ts";
import { writeRawSource } from "./raw-source.ts";
import { spawnCollect } from "../helpers/cli.ts";


function npmRunBench(args: readonly string[]) {
  return spawnCollect("npm", ["run", "--silent", "bench", "--", ...args]);
}

describe("npm run bench (the real benchmark, 30 articles from 8 raw files)", () => {
  let dir: string;
  let keep: string;
  let run: { code: number | null; stdout: string; stderr: string };
  let result: BenchResult;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "bench-cli-"));
    await writeRawSource(path.join(dir, "raw"), 8);
    keep = path.join(dir, "work");
    run = await npmRunBench(["--articles", "30", "--source", path.join(dir, "raw"), "--keep", keep]);
    const lines = run.stdout.trimEnd().split("\n");
    result = JSON.parse(lines.at(-1) ?? "null") as BenchResult;
  }, 600_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("exits 0 and prints a Markdown table, then one line of JSON", () => {
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\| 30 articles \| ours \| baseline \| ours \/ baseline \|$/);
    expect(lines[1]).toBe("| --- | --- | --- | --- |");
    expect(lines.slice(2, -1).every((l) => l.startsWith("| ") && l.endsWith(" |"))).toBe(true);
  });

  it("reports every figure, with sane values", () => {
    expect(result.articles).toBe(30);
    for (const key of ["wallSeconds", "baselineWallSeconds", "incrementalWallSeconds", "secondsPerArticle", "peakMemoryBytes", "baselinePeakMemoryBytes", "firstSearchBytes", "baselineFirstSearchBytes", "outputBytes", "baselineOutputBytes"] as const) {
      expect(result[key], key).toBeGreaterThan(0);
    }
    expect(result.ratio.wall).toBeCloseTo(result.wallSeconds / (result.baselineWallSeconds as number), 1);
    // CPU time: our build's own process and its index processes; the baseline's Eleventy.
    expect(result.cpuSeconds).toBeGreaterThan(0);
    expect(result.cpuByProcess.map((p) => p.process)).toEqual(expect.arrayContaining([expect.stringMatching(/ src\/cli\/build\.ts$/), expect.stringMatching(/ \(src\/search\/index-part-worker\.ts\)$/)]));
    expect(result.cpuSeconds).toBeCloseTo(result.cpuByProcess.reduce((sum, p) => sum + p.seconds, 0), 1);
    // (Pagefind's indexer may end between two samples on 30 articles: a process that lives less than one interval is not seen.)
    expect(result.baselineCpuByProcess?.map((p) => p.process)).toEqual(expect.arrayContaining([expect.stringMatching(/ src\/bench\/baseline-eleventy\.ts$/)]));
    expect(result.ratio.cpu).toBeCloseTo(result.cpuSeconds / (result.baselineCpuSeconds as number), 1);
    for (const run of result.incrementalRuns) expect(run.cpuSeconds).toBeGreaterThan(0);
    expect(result.outputFiles).toBeGreaterThan(30);
    // 30 article pages, the stylesheet and Pagefind's files; no listings, feeds or search page.
    expect(result.baselineOutputFiles).toBeGreaterThan(30);
    expect(result.baselineOutputFiles).toBeLessThan(result.outputFiles);
    expect(Object.keys(result.stages)).toEqual(expect.arrayContaining(["load", "pages", "search"]));
    expect(Object.keys(result.incrementalStages)).toEqual(expect.arrayContaining(["load", "pages", "search"]));
    expect(Object.keys(result.baselineStages ?? {})).toEqual(["eleventy", "pagefind"]);
    expect(result.firstSearchByKind["pagefind"]).toBeGreaterThan(0);
    expect(result.firstSearchResults).toBeGreaterThan(0);
    // Every article holds the word: plain Pagefind finds all of them.
    expect(result.baselineFirstSearchResults).toBe(30);
    expect(result.generate).toMatchObject({ picked: 8, imported: 8, cycles: 4 });
    // Probed before each timed build: ours, each rebuild, the baseline.
    const { full, incremental, baseline } = result.machine.speedProbeMs;
    for (const probe of [full, ...incremental, baseline]) expect(probe).toBeGreaterThan(0);
    // Three rebuilds, each after editing another article; the figure is their median.
    expect(result.incrementalRuns.map((r) => r.file)).toHaveLength(3);
    expect(new Set(result.incrementalRuns.map((r) => r.file)).size).toBe(3);
    const times = result.incrementalRuns.map((r) => r.wallSeconds).sort((a, b) => a - b);
    expect(result.incrementalWallSeconds).toBe(times[1]);
  });

  it("kept the work folder: 30 articles, both sites, and the edited articles rebuilt into the same output", async () => {
    const md = (await readdir(path.join(keep, "articles"), { recursive: true })).filter((f) => f.endsWith(".md"));
    expect(md).toHaveLength(30);
    const pages = async (site: string) => (await readdir(site, { recursive: true })).filter((f) => /^\d{4}\/\d\d\/\d\d\/[^/]+\/index\.html$/.test(f.split(path.sep).join("/")));
    expect(await pages(path.join(keep, "baseline"))).toHaveLength(30);
    const ours = await pages(path.join(keep, "site"));
    expect(ours).toHaveLength(30);
    const edited = [];
    for (const page of ours) if ((await readFile(path.join(keep, "site", page), "utf8")).includes(EDIT_PARAGRAPH)) edited.push(page);
    // Each rebuild edited another article: three pages show the added paragraph.
    expect(edited).toHaveLength(3);
    expect(await readdir(path.join(keep, "baseline", "pagefind"))).toContain("pagefind.js");
  });
});

describe("npm run bench: command line", () => {
  it("exits 2 with the usage when --articles is missing or not a whole number", async () => {
    for (const args of [[], ["--articles", "0"], ["--articles", "ten"], ["--bogus"]]) {
      const r = await npmRunBench(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("usage: npm run bench -- --articles N");
    }
  });
});
