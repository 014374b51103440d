import { writeFile } from "node:fs/promises";
import { parseCommandLine } from "./args.ts";
import { reportProblems } from "./report.ts";
import { getArchive, selectPages } from "../site/archive-store.ts";
import { buildFingerprint, readBuildState } from "../site/build-state.ts";
import { PAGES_PER_RUN, planRender, renderRunsByPart } from "../site/render-plan.ts";
import { PART_SIZE_ENV } from "../site/load-archive.ts";
import { prepareOutputDir, removePages, removeStaleFiles, writeBuildState } from "../site/output-dir.ts";
import { takeOutputs } from "../site/run-outputs.ts";
import { LISTS_DIR } from "../offline/names.ts";
import { fragmentsOfPart } from "../offline/lists.ts";
import { normalizePathPrefix, runEleventy } from "../site/run-eleventy.ts";
import { SearchIndexer } from "../search/build-index.ts";
import { markFilesInWorker, readMarkFiles, type MarkFile } from "../search/mark-files.ts";
import { buildServiceWorker } from "../offline/build-service-worker.ts";

const usage = "npm run build -- [--articles DIR] [--out DIR] [--path-prefix /p/] [--search-part-size N] [--full]";
const { values } = parseCommandLine({
  articles: { type: "string", default: "articles" },
  out: { type: "string", default: "_site" },
  "path-prefix": { type: "string", default: "/" },
  "search-part-size": { type: "string" },
  full: { type: "boolean", default: false },
}, usage);
if (values["search-part-size"] !== undefined) {
  if (!/^[1-9]\d*$/.test(values["search-part-size"])) {
    console.error(`--search-part-size must be a positive whole number, got "${values["search-part-size"]}"\nusage: ${usage}`);
    process.exit(2);
  }
  process.env[PART_SIZE_ENV] = values["search-part-size"];
}

const started = performance.now();
const stages: Record<string, number> = {};
/** Time one stage of the build; the figures are printed and, for the benchmark, written as JSON. */
async function stage<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    stages[name] = Number(((performance.now() - t0) / 1000).toFixed(2));
  }
}
const articlesDir = values.articles;
const loaded = await stage("load", () => getArchive(articlesDir));
const errors = reportProblems(loaded.problems);
if (errors > 0) {
  console.error(`Build stopped: ${errors} invalid article file(s). Fix them and build again (npm run check lists the same).`);
  process.exit(1);
}
try {
  const pathPrefix = normalizePathPrefix(values["path-prefix"]);
  const plan = await stage("plan", async () => {
    const previous = values.full ? null : readBuildState(values.out);
    return planRender(loaded.archive, loaded.parts, buildFingerprint({ pathPrefix }), previous, values.out);
  });
  await prepareOutputDir(values.out, !plan.full);
  let marks: MarkFile[] = [];
  if (!plan.full) {
    await removePages(values.out, plan.removed);
    // Counting the mark statistics takes about 0.8 ms per article (11 s at 14,000). A few edited
    // articles barely move them, so a small change keeps the last counts; adding or removing
    // articles, a larger change, or --full counts again.
    const small = plan.articles.length <= Math.max(10, loaded.archive.articles.length / 100) && plan.added === 0 && plan.removed.length === 0;
    if (small) marks = await readMarkFiles(values.out);
    console.log(`Incremental build: ${plan.articles.length} article page(s) and ${plan.listings.length} listing page(s) changed, ${plan.removed.length} removed, ${plan.parts.size} of ${loaded.parts.length} search part(s) to index${marks.length > 0 ? ", mark statistics kept" : ""} (--full builds everything).`);
  }
  // Pages are rendered part by part, and each part of the search index is queued as soon as its
  // pages are written: the indexer and the mark counting (a worker thread) use the second core
  // while Eleventy renders on the first. The run that writes everything else comes last, when the
  // mark statistics are ready.
  const indexer = new SearchIndexer(values.out, loaded.parts);
  const counting = marks.length > 0 ? Promise.resolve(marks) : markFilesInWorker(loaded.archive.articles);
  await stage("pages", async () => {
    const perRun = Number(process.env["ARCHIVE_PAGES_PER_RUN"]) || PAGES_PER_RUN; // tests set it low: runs must add up to one build
    if (plan.articles.length + plan.listings.length <= perRun) {
      // Small enough for one run: nothing to gain from the pipeline, and a run costs 0.2–1 s to start.
      selectPages({ articles: plan.articles, listings: plan.listings, everything: true, marks: await counting });
      await runEleventy({ out: values.out, pathPrefix, articlesDir, mode: "build" });
      for (const part of loaded.parts) if (plan.parts.has(part.id)) indexer.add(part);
      return;
    }
    for (const { part, runs } of renderRunsByPart(plan.articles, loaded.parts, plan.listings, perRun)) {
      for (const run of runs) {
        selectPages({ ...run, everything: false });
        await runEleventy({ out: values.out, pathPrefix, articlesDir, mode: "build" });
      }
      if (part && plan.parts.has(part.id)) indexer.add(part);
    }
    selectPages({ articles: [], listings: [], everything: true, marks: await counting });
    await runEleventy({ out: values.out, pathPrefix, articlesDir, mode: "build" });
  });
  const indexed = await stage("search", () => indexer.finish(2));
  console.log(`Search index: ${indexed.pages} pages indexed in ${loaded.parts.length} part(s), ${indexed.built.length} built by this run.`);
  // Files the previous build wrote besides pages and index parts, that this one did not: gone before
  // the offline lists measure the folder. The offline step's own files are swept after it.
  const pageFiles = takeOutputs();
  const offlineFile = (f: string) => f === "sw.js" || f.startsWith(LISTS_DIR);
  await removeStaleFiles(values.out, plan.previousFiles.filter((f) => !offlineFile(f)), pageFiles);
  const fragments: Record<string, Record<string, string>> = {};
  const offline = await stage("offline", async () => {
    for (const part of loaded.parts) fragments[part.id] = indexed.fragments[part.id] ?? plan.keptFragments[part.id] ?? await fragmentsOfPart(values.out, part.dir);
    return buildServiceWorker(values.out, loaded.archive, new Map(Object.values(fragments).flatMap((m) => Object.entries(m))));
  });
  await removeStaleFiles(values.out, plan.previousFiles.filter(offlineFile), offline.written);
  console.log(`Service worker: ${offline.precachedFiles} files precached (${(offline.precachedBytes / 1e6).toFixed(2)} MB); whole archive offline ${(offline.archiveBytes / 1e6).toFixed(1)} MB in ${offline.lists} year/section lists.`);
  await writeBuildState(values.out, { ...plan.next, files: [...pageFiles, ...offline.written].sort(), fragments });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Stages: ${Object.entries(stages).map(([name, s]) => `${name} ${s} s`).join(", ")}`);
  const timingsFile = process.env["ARCHIVE_TIMINGS_FILE"];
  if (timingsFile) await writeFile(timingsFile, JSON.stringify(stages));
  console.log(`Built ${loaded.archive.articles.length} articles, ${loaded.archive.listings.length} listing pages into ${values.out}/ (path prefix ${pathPrefix}) in ${seconds} s.`);
} catch (e) {
  console.error(`Build failed: ${(e as Error).message}`);
  process.exit(1);
}
