import { hash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { readPageHtml } from "./pagefind-writer/page-html.ts";
import { compareBytes } from "./pagefind-writer/page-words.ts";
import { BundleWriter, ENTRY_FILE, PAGEFIND_FORMAT, type BundleFile, type RecordedPages } from "./pagefind-writer/write-bundle.ts";
import { cachedIndexableWords } from "./pagefind-writer/indexable-words.ts";
import { PRIMARY_DIR, type IndexPart } from "./parts.ts";
import { partRecordsFile, readPartRecords, writePartRecords } from "./part-records.ts";

export interface PartIndexed {
  /** Article pages in the part's index. */
  pages: number;
  /** Of those, the pages read from their HTML (the others were added again from their records). */
  read: number;
  /** Page URL → its fragment file, output-relative (for the offline lists). */
  fragments: Record<string, string>;
  /** Every file written, output-relative → its size in bytes (the offline lists list them with sizes). */
  sizes: Record<string, number>;
}

/** The installed Pagefind's version, from its package.json (which its exports do not expose). */
function pagefindVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.resolve("pagefind"))); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "pagefind" && pkg.version) return pkg.version;
  }
  throw new Error("cannot find the installed Pagefind's package.json");
}

/** Pagefind reads every page as this language: Vietnamese has no stemmer, so words are indexed as written. */
const LANGUAGE = "vi";

/** What an index process keeps between builds (part-records.ts): where, and whether this build may use it. */
export interface RecordsOption {
  /** The build's fingerprint (src/site/build-state.ts): records by other code are not used. */
  fingerprint: string;
  /** False in a full build: the records are written, not read. */
  reuse: boolean;
}

/**
 * One part of the search index (src/search/parts.ts): its months' article pages, read from the
 * output folder and written as a Pagefind index into the part's folder by our own writer
 * (src/search/pagefind-writer/), which makes the files Pagefind would. Only elements marked
 * data-pagefind-body (the article itself) are indexed. The runtime (loader, worker, WebAssembly)
 * is kept with the primary index only, taken from Pagefind itself.
 *
 * With `records`, the writer's record of each page is kept for the next build (part-records.ts),
 * which adds a page whose HTML is unchanged again from it, its fragment file left as it is, and
 * reads only the pages that changed: the files it writes are the same either way.
 */
export async function indexPart(outDir: string, part: IndexPart, records?: RecordsOption): Promise<PartIndexed> {
  const recordsFile = partRecordsFile(outDir, part.id);
  const previous = records?.reuse ? (takeWarmed(recordsFile, records.fingerprint) ?? readPartRecords(recordsFile, records.fingerprint)) : undefined;
  const known = new Map(previous?.records.map((r) => [r.url, r]));
  const target = path.join(outDir, part.dir);
  const writer = new BundleWriter(LANGUAGE, previous);
  let pages = 0;
  let read = 0;
  const byUrl = partPageFiles(outDir, part).map((file) => ({ file, url: pageUrl(file) }));
  byUrl.sort((a, b) => compareBytes(a.url, b.url));
  for (const { file, url } of byUrl) {
    const bytes = readIfThere(path.join(outDir, file));
    if (bytes === undefined) continue;
    const source = hash("sha1", bytes, "base64url");
    const record = known.get(url);
    // Its fragment file must still be there as written (one stat), or the page is read again.
    if (record && record.source === source && statSync(path.join(target, "fragment", `${record.name}.pf_fragment`), { throwIfNoEntry: false })?.size === record.size && writer.replay(record)) {
      pages++;
      continue;
    }
    const page = readPageHtml(bytes.toString("utf8"));
    if (!page.hasBody) continue;
    writer.add(url, page, source);
    pages++;
    read++;
  }
  const bundle = writer.finish();
  const primary = part.dir === PRIMARY_DIR;
  // The bundle's entry file comes last. The old one goes first: a build cut off in between leaves a
  // part without one, which the next build indexes again (render-plan.ts), never half old, half new.
  // The previous index's other files are written over, and those not written again removed after
  // (one path whether or not pages were kept from records): most keep their names (a name is a hash
  // of the content). Deleting them first could only cost more on a file system without a journal
  // (src/bench/settle-disk.ts), but a full build of 100,000 over the last one measured the same
  // either way (152.0 s against 153.0 s).
  const files = primary ? [...(await runtimeFiles()), ...bundle.files] : bundle.files;
  rmSync(path.join(target, ENTRY_FILE), { force: true });
  // Synchronous writes (this runs in an index process of its own): 6,000 files awaited one by one took 4.5 s, so 0.3 s.
  const made = new Set<string>();
  const sizes: Record<string, number> = {};
  for (const file of files) {
    sizes[`${part.dir}${file.path}`] = file.content.byteLength;
    const to = path.join(target, file.path);
    const dir = path.dirname(to);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(to, file.content);
  }
  for (const file of bundle.kept) sizes[`${part.dir}${file.path}`] = file.size;
  removeOtherFiles(target, new Set([...files, ...bundle.kept].map((f) => f.path)), primary);
  if (records) writePartRecords(recordsFile, records.fingerprint, bundle.recorded);
  // Sorted by fragment file, as reading the folder back gives them (fragmentsOfPart): the build's state is the same either way.
  const fragments = [...bundle.fragments].map(([url, file]): [string, string] => [url, `${part.dir}${file}`]);
  fragments.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return { pages, read, fragments: Object.fromEntries(fragments), sizes };
}

/** Records read ahead by warmPart, for the indexPart of the same part that follows in this process. */
let warmed: { file: string; fingerprint: string; stat: string; records: RecordedPages } | null = null;

const statOf = (file: string) => {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? `${s.size}:${s.mtimeMs}:${s.ino}` : "";
};

/**
 * Gets this process ready to index a part again, before its new pages are written: reads the part's
 * records and works out the indexable words of every word they hold (the module's cache, kept for
 * the process's life). An index of one part of 3,000 pages, one page changed, spent about 0.7 s of
 * its 2.2 s on these; the build asks for this while it plans (src/cli/build.ts), when this process
 * is idle. Returns how many words were worked out.
 */
export function warmPart(outDir: string, partId: string, records: RecordsOption): number {
  const file = partRecordsFile(outDir, partId);
  const recorded = readPartRecords(file, records.fingerprint);
  warmed = recorded ? { file, fingerprint: records.fingerprint, stat: statOf(file), records: recorded } : null;
  if (!recorded) return 0;
  for (const raw of recorded.textWords) cachedIndexableWords(raw, true);
  for (const raw of recorded.metaWords) cachedIndexableWords(raw, false);
  return recorded.textWords.length + recorded.metaWords.length;
}

/** The records warmPart read, if they are this file's as it still is (once: indexPart rewrites them). */
function takeWarmed(file: string, fingerprint: string): RecordedPages | undefined {
  const w = warmed;
  warmed = null;
  return w && w.file === file && w.fingerprint === fingerprint && w.stat === statOf(file) ? w.records : undefined;
}

/** Files in a part's folder, one level of subfolders deep (Pagefind's layout), that are not `keep`: the previous index's. */
function removeOtherFiles(dir: string, keep: ReadonlySet<string>, primary: boolean): void {
  for (const top of readdirSync(dir, { withFileTypes: true })) {
    if (top.isDirectory()) {
      if (primary && top.name === "parts") continue;
      for (const name of readdirSync(path.join(dir, top.name))) if (!keep.has(`${top.name}/${name}`)) rmSync(path.join(dir, top.name, name), { recursive: true, force: true });
    } else if (!keep.has(top.name)) rmSync(path.join(dir, top.name), { force: true });
  }
}

/** A page's address as Pagefind writes it: `/2023/06/24/slug/`, non-ASCII characters percent-encoded. */
function pageUrl(file: string): string {
  return encodeURI(`/${file.split(path.sep).join("/").replace(/index\.html$/, "")}`);
}

/** A file's bytes, or undefined when there is no such file. */
function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * Where the part's article pages are, output-relative and sorted: `<yyyy>/<MM>/<dd>/<slug>/index.html`
 * under its months (addresses, src/article/addresses.ts). Day, month and year listings never sit at
 * that depth; a month's `page/<n>/` does, and is left out for having no data-pagefind-body. A folder
 * at that depth without an index.html is listed too: checking each one first cost a part 0.2 s, the
 * reader skips it instead.
 */
export function partPageFiles(outDir: string, part: Pick<IndexPart, "months">): string[] {
  const files: string[] = [];
  const dirs = (dir: string) => {
    try {
      return readdirSync(path.join(outDir, dir), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    } catch {
      return [];
    }
  };
  for (const month of part.months) {
    for (const day of dirs(month)) {
      for (const slug of dirs(`${month}/${day}`)) files.push(path.join(month, day, slug, "index.html"));
    }
  }
  return files;
}

/** Files Pagefind writes for the browser runtime: kept once, with the primary index. */
const RUNTIME_FILE = /^(pagefind(-[a-z-]+)?\.(js|css)|wasm\.[a-z-]+\.pagefind)$/;

/**
 * Pagefind's browser runtime (pagefind.js, its worker and WebAssembly, the UI files), from
 * Pagefind itself: an index of one made-up page gives them, the same for every index of its version.
 */
async function runtimeFiles(): Promise<BundleFile[]> {
  const installed = pagefindVersion();
  if (installed !== PAGEFIND_FORMAT) {
    throw new Error(
      `Pagefind ${installed} is installed, but the search index is written in Pagefind ${PAGEFIND_FORMAT}'s format (src/search/pagefind-writer/), ` +
        `which its browser runtime might not read. Install pagefind@${PAGEFIND_FORMAT}, or update the writer until tests/search/pagefind-writer/ pass.`,
    );
  }
  const { index, errors } = await pagefind.createIndex({ forceLanguage: LANGUAGE });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    const added = await index.addCustomRecord({ url: "/", content: "runtime", language: LANGUAGE });
    if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join("; ")}`);
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length > 0) throw new Error(`Pagefind: ${fileErrors.join("; ")}`);
    return files.filter((f) => RUNTIME_FILE.test(f.path)).map((f) => ({ path: f.path, content: f.content }));
  } finally {
    await index.deleteIndex();
  }
}

/**
 * A part's folder (`pagefind/` or `pagefind/parts/<id>/`) read back: page URL → its fragment file,
 * output-relative, in file name order.
 */
export async function fragmentsOfPart(outDir: string, dir: string): Promise<Record<string, string>> {
  const map: Record<string, string> = {};
  const names = (await readdir(path.join(outDir, dir, "fragment")).catch(() => [] as string[])).sort();
  for (const name of names) {
    const file = `${dir}fragment/${name}`;
    // Synchronous: thousands of small files, each awaited in turn, spend more time queued than read.
    for (const url of fragmentUrls(readFileSync(path.join(outDir, file)))) map[url] = file;
  }
  return map;
}

/**
 * The page URLs in one fragment file: Pagefind writes one gzipped JSON fragment per page (or a
 * group of them), signed `pagefind_dcd`; the page's URL is inside.
 */
export function fragmentUrls(content: Uint8Array): string[] {
  let data = gunzipSync(content);
  if (data.subarray(0, 12).toString() === "pagefind_dcd") data = data.subarray(12);
  const parsed = JSON.parse(data.toString("utf8")) as { url?: unknown } | Record<string, { url?: unknown }>;
  const urls = typeof parsed.url === "string" ? [parsed.url] : Object.values(parsed as Record<string, { url?: unknown }>).map((f) => f?.url);
  return urls.flatMap((url) => (typeof url === "string" ? [url.replace(/[?#].*$/, "")] : []));
}

/** A part's folder holds only that part's files: the primary's keeps `parts/` (the other parts). */
export async function clearPartDir(dir: string, primary: boolean): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !(primary && n === "parts")).map((n) => rm(path.join(dir, n), { recursive: true, force: true })));
}
