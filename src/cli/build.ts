import { writeFile } from "node:fs/promises";
import { parseCommandLine } from "./args.ts";
import { reportProblems } from "./report.ts";
import { getArchive } from "../site/archive-store.ts";
import { prepareOutputDir } from "../site/output-dir.ts";
import { normalizePathPrefix, runEleventy } from "../site/run-eleventy.ts";
import { buildSearchIndex } from "../search/build-index.ts";
import { buildServiceWorker } from "../offline/build-service-worker.ts";

const usage = "npm run build -- [--articles DIR] [--out DIR] [--path-prefix /p/]";
const { values } = parseCommandLine({
  articles: { type: "string", default: "articles" },
  out: { type: "string", default: "_site" },
  "path-prefix": { type: "string", default: "/" },
}, usage);

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
  await prepareOutputDir(values.out);
  await stage("pages", () => runEleventy({ out: values.out, pathPrefix, articlesDir, mode: "build" }));
  // Pagefind reads the written article pages. Feeding it each page from an Eleventy transform while
  // pages are written was tried: on 14,214 articles pages + index took 48–55 s against 51 s this way
  // (two runs each, 2 cores, same CPU time), no clear gain for more moving parts.
  const indexed = await stage("search", () => buildSearchIndex(values.out));
  console.log(`Search index: ${indexed.pages} pages indexed.`);
  const offline = await stage("offline", () => buildServiceWorker(values.out, loaded.archive));
  console.log(`Service worker: ${offline.precachedFiles} files precached (${(offline.precachedBytes / 1e6).toFixed(2)} MB); whole archive offline ${(offline.archiveBytes / 1e6).toFixed(1)} MB in ${offline.lists} year/section lists.`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Stages: ${Object.entries(stages).map(([name, s]) => `${name} ${s} s`).join(", ")}`);
  const timingsFile = process.env["ARCHIVE_TIMINGS_FILE"];
  if (timingsFile) await writeFile(timingsFile, JSON.stringify(stages));
  console.log(`Built ${loaded.archive.articles.length} articles, ${loaded.archive.listings.length} listing pages into ${values.out}/ (path prefix ${pathPrefix}) in ${seconds} s.`);
} catch (e) {
  console.error(`Build failed: ${(e as Error).message}`);
  process.exit(1);
}
