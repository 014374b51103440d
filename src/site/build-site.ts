import { createHash } from "node:crypto";
import type { LoadedArchive } from "./load-archive.ts";
import { selectPages } from "./archive-store.ts";
import { buildFingerprint } from "./build-state.ts";
import { derivedPages } from "./derived-pages.ts";
import { lookAheadAtOutput, pagePath, type OutputLookAhead } from "./look-ahead.ts";
import { PAGES_PER_RUN, planRender, renderRunsByPart, startingState } from "./render-plan.ts";
import { prepareOutputDir, removePages, removeStaleFiles, writeBuildState } from "./output-dir.ts";
import { takeOutputs } from "./run-outputs.ts";
import { runEleventy } from "./run-eleventy.ts";
import { withSharedTemplates } from "./plugins/nunjucks-env.ts";
import { LISTS_DIR } from "../offline/names.ts";
import { partFinder, type IndexPart } from "../search/parts.ts";
import { fragmentsOfPart } from "../search/index-part.ts";
import { buildServiceWorker, prepareServiceWorker, type OfflineBuildResult } from "../offline/build-service-worker.ts";
import { SearchIndexer, startIndexPool, type IndexPool, type IndexResult } from "../search/build-index.ts";
import { markFilesInWorker, readMarkFiles, type MarkCount, type MarkFile } from "../search/mark-files.ts";

export interface SiteBuild {
  articlesDir: string;
  out: string;
  pathPrefix: string;
  /** Build everything, whatever the output folder holds. */
  full: boolean;
  /** The output folder's state, looked at while the archive loaded (else now). */
  lookAhead?: OutputLookAhead;
  /** The processes that index search parts, started early by the caller; else started here and ended when done. */
  indexPool?: IndexPool;
  /** The mark statistics' counting, started by the caller while the archive was built (a build that counts them all). */
  marks?: MarkCount;
  /** Times one stage (the CLI prints them, the benchmark reads them). */
  stage<T>(name: string, work: () => Promise<T>): Promise<T>;
  log(line: string): void;
}

export interface SiteBuilt {
  indexed: IndexResult;
  offline: OfflineBuildResult;
}

/**
 * An incremental build's first pages: those of the articles edited since the last build (parsed
 * anew by this load), written before the plan and their search parts queued at once, so that a
 * part is indexed (in a pool process, about 2 s for 3,000 pages at 100,000 articles) while this
 * thread plans (about 2 s), instead of after. The plan would render them anyway (their text is
 * new), and what a page shows is settled once the archive is built. Left to the plan when many
 * articles changed. Returns their addresses and the parts queued.
 */
async function writeEditedAhead(loaded: LoadedArchive, b: SiteBuild, indexer: SearchIndexer, eleventy: () => Promise<void>, partOf: ReturnType<typeof partFinder>): Promise<{ urls: Set<string>; parts: Set<string> }> {
  const edited = loaded.archive.articles.filter((a) => loaded.parsedFiles.has(a.file));
  if (edited.length === 0 || edited.length > smallChange(loaded)) return { urls: new Set(), parts: new Set() };
  return b.stage("edited", async () => {
    // Marks the folder unfinished before the first file is written (src/site/output-dir.ts).
    await prepareOutputDir(b.out, true);
    selectPages({ articles: edited, listings: [], everything: false });
    await eleventy();
    const parts = new Set<string>();
    for (const a of edited) {
      const part = partOf(a);
      if (part && !parts.has(part.id)) {
        parts.add(part.id);
        indexer.add(part);
      }
    }
    return { urls: new Set(edited.map((a) => a.url)), parts };
  });
}

/** Changed article pages that count as a small change: at most 1 % of the archive, or 10. */
function smallChange(loaded: LoadedArchive): number {
  return Math.max(10, loaded.archive.articles.length / 100);
}

/** Whether `record` has exactly the keys `keys`. */
function sameKeys(record: Record<string, string> | undefined, keys: readonly string[]): boolean {
  if (!record) return false;
  const have = Object.keys(record);
  if (have.length !== keys.length) return false;
  return keys.every((k) => k in record);
}

/**
 * The site from a loaded, valid archive: pages (Eleventy), search index parts, offline
 * lists and service worker, then the state the next build compares against (src/site/build-state.ts).
 * Only what changed since the build in `out` is done again, unless `full`.
 */
export async function buildSiteFrom(loaded: LoadedArchive, b: SiteBuild): Promise<SiteBuilt> {
  const pool = b.indexPool ?? startIndexPool();
  try {
    return await withSharedTemplates(() => buildSiteWith(loaded, b, pool));
  } finally {
    if (!b.indexPool) pool.close();
  }
}

async function buildSiteWith(loaded: LoadedArchive, b: SiteBuild, pool: IndexPool): Promise<SiteBuilt> {
  const { out, pathPrefix, articlesDir } = b;
  const look = b.lookAhead ?? lookAheadAtOutput(out, buildFingerprint({ pathPrefix }), b.full);
  const { fingerprint } = look;
  const incremental = startingState(look.previous, fingerprint) !== null;
  // A full build counts the mark statistics in a worker: started by the caller while the archive was
  // built (b.marks), else here, before the plan, on the core the plan leaves idle.
  if (incremental) b.marks?.cancel();
  const countedEarly = incremental ? undefined : (b.marks?.finish() ?? markFilesInWorker(loaded.archive.articles));
  countedEarly?.catch(() => undefined); // awaited below; a failure there fails the build
  const indexer = new SearchIndexer(out, loaded.parts, pool, { fingerprint, reuse: incremental });
  const eleventy = () => runEleventy({ out, pathPrefix, articlesDir, mode: "build" });
  const partOf = partFinder(loaded.parts);
  const ahead = incremental ? await writeEditedAhead(loaded, b, indexer, eleventy, partOf) : { urls: new Set<string>(), parts: new Set<string>() };
  const plan = await b.stage("plan", async () => planRender(loaded.archive, loaded.parts, fingerprint, look.previous, out, {
    pageSizes: await look.pageSizes, earlier: look.earlier, derived: derivedPages(loaded.archive, loaded.settings), parsed: loaded.parsedFiles,
  }));
  await prepareOutputDir(out, !plan.full || plan.overwrite);
  await removePages(out, plan.removed);
  if (plan.overwrite) b.log("Full build over the last build's files: code, templates, settings or options changed (--full starts from an empty folder).");
  let marks: MarkFile[] = [];
  if (!plan.full) {
    // Counting the mark statistics takes about 0.16 ms per article (about 5 s at 30,000 or more). A few edited
    // articles barely move them, so a small change keeps the last counts; adding or removing
    // articles, a larger change, or --full counts again.
    const small = plan.articles.length <= smallChange(loaded) && plan.added === 0 && plan.removed.length === 0;
    if (small) marks = await readMarkFiles(out);
    b.log(`Incremental build: ${plan.articles.length} article page(s) and ${plan.listings.length} listing page(s) changed, ${plan.removed.length} removed, ${plan.parts.size} of ${loaded.parts.length} search part(s) to index${marks.length > 0 ? ", mark statistics kept" : ""} (--full builds everything).`);
  }
  // Pages are rendered part by part, and each part of the search index is queued as soon as its
  // pages are written: the indexer and the mark counting (a worker thread) use the second core
  // while Eleventy renders on the first. The run that writes everything else comes last, when the
  // mark statistics are ready.
  const counting = marks.length > 0 ? Promise.resolve(marks) : (countedEarly ?? markFilesInWorker(loaded.archive.articles));
  // The pages written ahead are not written again; their parts are indexed again only if more of their pages are.
  const articles = plan.articles.filter((a) => !ahead.urls.has(a.url));
  const renderedIn = new Set(articles.map((a) => partOf(a)?.id));
  const toIndex = (part: IndexPart) => plan.parts.has(part.id) && (!ahead.parts.has(part.id) || renderedIn.has(part.id));
  // Pagefind's cache tag (src/site/plugins/offline.ts): the parts' hashes cover every indexed page's
  // data and the fingerprint the templates. Hashing every article's fields for it instead took 0.6 s at 100,000.
  const indexTag = createHash("sha256").update(`${fingerprint}\n${JSON.stringify(plan.next.parts)}`).digest("hex").slice(0, 12);
  // The run that writes everything else: the derived pages that changed, and the mark files unless kept as they are.
  const everything = (counted: MarkFile[]) => ({ everything: true, marks: counted, marksKept: marks.length > 0, derived: plan.derived, indexTag });
  const queueChangedParts = () => {
    for (const part of loaded.parts) if (toIndex(part)) indexer.add(part);
  };
  await b.stage("pages", async () => {
    const perRun = Number(process.env["ARCHIVE_PAGES_PER_RUN"]) || PAGES_PER_RUN; // tests set it low: runs must add up to one build
    if (articles.length + plan.listings.length <= perRun) {
      // Small enough for one run of everything (a run costs 15–20 ms to start, measured at 100,000 articles). An incremental build
      // that indexes a part again renders its article pages in a run of their own, and the part is
      // indexed (in a pool process) while a second run writes the listings and the rest. Measured at
      // 100,000 articles, one edited, alternating: 18.0 and 18.3 s against 20.0 and 19.4 s in one run
      // (with Pagefind's own indexer, on more than one core, two runs had cost 2.4 s more).
      if (!plan.full && articles.length > 0 && plan.parts.size > 0) {
        selectPages({ articles, listings: [], everything: false });
        await eleventy();
        queueChangedParts();
        selectPages({ articles: [], listings: plan.listings, ...everything(await counting) });
        await eleventy();
        return;
      }
      selectPages({ articles, listings: plan.listings, ...everything(await counting) });
      await eleventy();
      queueChangedParts();
      return;
    }
    for (const { part, runs } of renderRunsByPart(articles, loaded.parts, plan.listings, perRun)) {
      // The listings come last: every part is queued by then, and the indexer is behind (at 100,000
      // articles, 50 s of indexing were left when the pages were done). Two parts at once from
      // here, beside the listings' runs: the cores had been idle a fifth of that time.
      if (!part) indexer.raise(2);
      for (const run of runs) {
        selectPages({ ...run, everything: false });
        await eleventy();
      }
      if (part && toIndex(part)) indexer.add(part);
    }
    selectPages({ articles: [], listings: [], ...everything(await counting) });
    await eleventy();
  });
  const searching = b.stage("search", () => indexer.finish(2));
  // While the indexer works, this thread would wait: the service worker's bundle and library are made ready meanwhile.
  const serviceWorker = prepareServiceWorker();
  serviceWorker.catch(() => undefined); // awaited by the offline stage; a failure there fails the build
  // The parse cache is written while the indexer works: it holds the articles as loaded, whatever happens next.
  // A cache that cannot be written (a full disk) costs the next build time, not this build its result.
  const saving = loaded.saveCache().catch((e: unknown) => b.log(`Parse cache not written (${(e as Error).message}): the next build reads every article file.`));
  let indexed = await searching;
  // A part indexed ahead read the pages on disk before the plan: a page removed since (an article
  // deleted in the same build) or one it lacked means indexing it again.
  const pagesOf = new Map<string, string[]>([...ahead.parts].map((id) => [id, []]));
  if (pagesOf.size > 0) for (const a of loaded.archive.articles) pagesOf.get(partOf(a)?.id ?? "")?.push(encodeURI(a.url));
  const stale = loaded.parts.filter((part) => ahead.parts.has(part.id) && !sameKeys(indexed.fragments[part.id], pagesOf.get(part.id) ?? []));
  if (stale.length > 0) {
    for (const part of stale) indexer.add(part);
    indexed = await b.stage("search", () => indexer.finish(2));
  }
  // Files the previous build wrote besides pages and index parts, that this one did not: gone before
  // the offline lists measure the folder. The offline step's own files are swept after it.
  const pageFiles = takeOutputs();
  const offlineFile = (f: string) => f === "sw.js" || f.startsWith(LISTS_DIR);
  // A file the last build wrote as a file and this one as a page is not stale (`/sitemap.xml`, an
  // index of parts or the one part; files of older code, which kept feeds as files).
  const pagesNow = new Set(Object.keys(plan.next.pages).filter((url) => !url.endsWith("/")).map(pagePath));
  await removeStaleFiles(out, plan.previousFiles.filter((f) => !offlineFile(f) && !pagesNow.has(f)), pageFiles);
  const fragments: Record<string, Record<string, string>> = {};
  const offline = await b.stage("offline", async () => {
    for (const part of loaded.parts) fragments[part.id] = indexed.fragments[part.id] ?? plan.keptFragments[part.id] ?? await fragmentsOfPart(out, part.dir);
    const fileSizes = new Map([...(await look.fragmentSizes), ...indexed.sizes]);
    return buildServiceWorker(out, loaded.archive, { fragments: new Map(Object.values(fragments).flatMap((m) => Object.entries(m))), pageSizes: plan.keptPageSizes, fileSizes }, serviceWorker);
  });
  await removeStaleFiles(out, plan.previousFiles.filter(offlineFile), offline.written);
  await writeBuildState(out, { ...plan.next, files: [...pageFiles, ...offline.written].sort(), fragments });
  await saving;
  return { indexed, offline };
}
