import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { PRIMARY_DIR, partGlobs, type IndexPart } from "./parts.ts";

/** Files Pagefind writes for the browser runtime: kept once, with the primary index. */
const RUNTIME_FILE = /^(pagefind(-[a-z-]+)?\.(js|css)|wasm\.[a-z-]+\.pagefind)$/;

export interface PartIndexed {
  /** Article pages in the part's index. */
  pages: number;
  /** Page URL → its fragment file, output-relative (for the offline lists). */
  fragments: Record<string, string>;
}

/**
 * One part of the search index (src/search/parts.ts) through Pagefind's Node API: its months'
 * article pages, written to the part's folder. Only elements marked data-pagefind-body (the
 * article itself) are indexed, so listing pages in those months never enter it. The runtime
 * (loader, worker, WebAssembly) is kept with the primary index only.
 */
export async function indexPart(outDir: string, part: IndexPart): Promise<PartIndexed> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    for (const glob of partGlobs(part)) {
      const added = await index.addDirectory({ path: outDir, glob });
      if (added.errors.length > 0) throw new Error(`Pagefind, part ${part.id}: ${added.errors.join("; ")}`);
    }
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length > 0) throw new Error(`Pagefind, part ${part.id}: ${fileErrors.join("; ")}`);
    const primary = part.dir === PRIMARY_DIR;
    const target = path.join(outDir, part.dir);
    await clearPartDir(target, primary);
    // Written here, not by Pagefind's writeFiles: that answers before its last writes have landed
    // (tokio files dropped unflushed), and closing its process then could cut files short.
    // Synchronous writes, in this worker thread: 6,000 files awaited one by one took 4.5 s, so 0.3 s.
    const result: PartIndexed = { pages: 0, fragments: {} };
    const made = new Set<string>();
    for (const file of files) {
      if (!primary && RUNTIME_FILE.test(file.path)) continue;
      const to = path.join(target, file.path);
      const dir = path.dirname(to);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(to, file.content);
      if (file.path === "pagefind-entry.json") {
        const entry = JSON.parse(Buffer.from(file.content).toString("utf8")) as { languages: Record<string, { page_count: number }> };
        result.pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
      }
      if (file.path.startsWith("fragment/")) {
        for (const url of fragmentUrls(file.content)) result.fragments[url] = `${part.dir}${file.path}`;
      }
    }
    // Sorted by fragment file, as reading the folder back gives them (fragmentsOfPart): the build's state is the same either way.
    result.fragments = Object.fromEntries(Object.entries(result.fragments).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
    return result;
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
