import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseCommandLine } from "./args.ts";
import { reportProblems } from "./report.ts";
import { getArchive } from "../site/archive-store.ts";
import { buildFingerprint } from "../site/build-state.ts";
import { PARSE_CACHE_FILE } from "../article/parse-cache.ts";
import { listAheadOfCache } from "../article/list-articles.ts";
import { buildSiteFrom } from "../site/build-site.ts";
import { startIndexPool, warmParts } from "../search/build-index.ts";
import type { Article } from "../article/model.ts";
import { calendarMonth } from "../article/dates.ts";
import { lookAheadAtOutput } from "../site/look-ahead.ts";
import { PART_SIZE_ENV } from "../site/load-archive.ts";
import { normalizePathPrefix } from "../site/run-eleventy.ts";
import { startingState } from "../site/render-plan.ts";
import { startMarkCount, type MarkCount } from "../search/mark-files.ts";
import type { ArticleView } from "../site/views.ts";

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
/** Time one stage of the build (a stage run twice counts both); the figures are printed and, for the benchmark, written as JSON. */
async function stage<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    stages[name] = Number(((stages[name] ?? 0) + (performance.now() - t0) / 1000).toFixed(2));
  }
}
const articlesDir = values.articles;
let pathPrefix: string;
try {
  pathPrefix = normalizePathPrefix(values["path-prefix"]);
} catch (e) {
  console.error(`Build failed: ${(e as Error).message}`);
  process.exit(1);
}
// Parsed articles are cached beside the build state, for the next build into the same folder; the
// article files are listed and statted (in a worker) while the cache is read.
const cache = { file: path.join(values.out, PARSE_CACHE_FILE), fingerprint: buildFingerprint({}), reuse: !values.full };
const listing = cache.reuse ? listAheadOfCache(articlesDir, cache.file) : undefined;
// The last build's state and its pages' stats are read while the archive loads.
const lookAhead = lookAheadAtOutput(values.out, buildFingerprint({ pathPrefix }), values.full, listing);
// Started before the archive loads: forking a process that already holds gigabytes costs it.
const indexPool = startIndexPool();
// A few articles edited since the last build: their search parts will be indexed again, and the
// index process gets ready for them while the archive is built and the build plans.
const onParsed = (parsed: readonly Article[]) => {
  const last = lookAhead.previous;
  // Drafts are parsed every time, and never indexed.
  const edited = parsed.filter((a) => !a.draft);
  if (!last || edited.length === 0 || edited.length > 10) return;
  warmParts(indexPool, values.out, edited.map((a) => calendarMonth(a.date)), Object.keys(last.parts), { fingerprint: lookAhead.fingerprint, reuse: true });
};
// A first build (or one by other code) counts the mark statistics: started while the archive is still being built.
let marks: MarkCount | undefined;
const onOrdered = startingState(lookAhead.previous, lookAhead.fingerprint) ? undefined : (views: readonly ArticleView[]) => void (marks = startMarkCount(views));
const loaded = await stage("load", () => getArchive(articlesDir, { cache, listing: listing ?? null, onParsed, ...(onOrdered ? { onOrdered } : {}) }));
const errors = reportProblems(loaded.problems);
if (errors > 0) {
  console.error(`Build stopped: ${errors} invalid article file(s). Fix them and build again (npm run check lists the same).`);
  process.exit(1);
}
try {
  const { indexed, offline } = await buildSiteFrom(loaded, { articlesDir, out: values.out, pathPrefix, full: values.full, lookAhead, indexPool, ...(marks ? { marks } : {}), stage, log: (line) => console.log(line) });
  indexPool.close();
  if (loaded.fromCache > 0) console.log(`Articles: ${loaded.parsed} file(s) read and parsed, ${loaded.fromCache} unchanged since the last build taken from its parse cache (${PARSE_CACHE_FILE}).`);
  const reused = indexed.read < indexed.rebuiltPages ? ` (${indexed.read} of their ${indexed.rebuiltPages} pages read, the others unchanged since the last build)` : "";
  console.log(`Search index: ${indexed.pages} pages indexed in ${loaded.parts.length} part(s), ${indexed.built.length} built by this run${reused}.`);
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
