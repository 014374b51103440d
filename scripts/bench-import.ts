/**
 * Import speed on the real corpus: `npm run bench:import [-- CORPUS]` (default ../shared/corpus/vi-news).
 * Imports every file into a fresh temporary folder (first run: everything written), then again into
 * the same folder (second run: everything unchanged), and prints the wall-clock time of each.
 * Nothing is asserted: a machine's speed is a fact to record in BENCHMARKS.md, not a test.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runImport, type ImportSummary } from "../src/importer/run-import.ts";

const corpus = process.argv[2] ?? path.join("..", "shared", "corpus", "vi-news");
const out = await mkdtemp(path.join(os.tmpdir(), "bench-import-"));

async function timed(label: string): Promise<ImportSummary> {
  const start = performance.now();
  const summary = await runImport([corpus], { out });
  const seconds = (performance.now() - start) / 1000;
  const rate = Math.round(summary.total / seconds);
  console.log(
    `${label}: ${summary.total} files in ${seconds.toFixed(1)} s (${rate} files/s) — ` +
      `imported ${summary.imported}, unchanged ${summary.unchanged}, skipped ${summary.skipped}, failed ${summary.failed}`,
  );
  return summary;
}

try {
  console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${os.platform()}`);
  console.log(`corpus ${corpus}, writing to ${out}`);
  const first = await timed("first import ");
  await timed("second import");
  const written = (await readdir(out, { recursive: true })).filter((f) => f.endsWith(".md")).length;
  console.log(`${written} article files written`);
  if (first.failed > 0 || written !== first.imported) process.exitCode = 1;
} finally {
  await rm(out, { recursive: true, force: true });
}
