import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import type { Archive } from "../site/archive.ts";
import { offlineLists, type KnownFiles } from "./lists.ts";
import { LISTS_DIR } from "./names.ts";

/**
 * The shell every reader gets at install, relative to the output folder: stylesheet and scripts,
 * the home, search and offline pages, manifest and icons, and the whole Pagefind runtime that our
 * pages use (loader, worker, wasm) with the primary index's entry, meta and filter files. Not the
 * older index parts (`pagefind/parts/<id>/`, none of these patterns reaches into them): at 100,000
 * articles in parts of 2,000 that would be some 36 parts' metadata and filters at every install, for
 * readers who may never search past the newest part. Their files, like every part's index chunks and
 * fragments, are cached as search uses them (src/offline/sw/), or saved with "Lưu để đọc ngoại tuyến".
 */
export const PRECACHE_PATTERNS = [
  "assets/*.{css,js}",
  "index.html",
  "search/index.html",
  "offline/index.html",
  "manifest.webmanifest",
  "icons/*.{png,svg}",
  "pagefind/pagefind.js",
  "pagefind/pagefind-worker.js",
  "pagefind/pagefind-highlight.js",
  "pagefind/wasm.*.pagefind",
  "pagefind/pagefind-entry.json",
  "pagefind/*.pf_meta",
  "pagefind/filter/*.pf_filter",
];

const INJECTION_POINT = "self.__WB_MANIFEST";

/** Files whose names change with their content need no revision in the manifest. */
const HASHED_NAME = /\.[0-9a-f]{10}\.(css|js|json)$|\.pf_(meta|filter)$/;

export interface OfflineBuildResult {
  precachedFiles: number;
  precachedBytes: number;
  lists: number;
  archiveBytes: number;
  warnings: string[];
  /** Output-relative paths of the files written (lists and sw.js). */
  written: string[];
}

/** The service worker's code, before the precache manifest goes in, and the library that makes the manifest. */
export interface ServiceWorkerParts {
  code: string;
  getManifest: typeof import("workbox-build").getManifest;
}

/**
 * What the service worker needs that does not depend on the built files: our TypeScript bundled with
 * esbuild, and workbox-build's getManifest loaded. A build starts this while the search indexer works,
 * when its own thread would otherwise wait.
 *
 * Its own module, not the package's entry: that one also loads generateSW's bundler (Rollup, Babel),
 * which we never call. Measured (`require` in a new Node process): 437 ms for "workbox-build", 69 ms
 * for "workbox-build/build/get-manifest.js"; at 100,000 articles an edit-one rebuild's main thread had
 * spent 0.7 s loading it.
 */
export async function prepareServiceWorker(): Promise<ServiceWorkerParts> {
  const { getManifest } = await import("workbox-build/build/get-manifest.js");
  const bundle = buildSync({
    entryPoints: [fileURLToPath(new URL("./sw/service-worker.ts", import.meta.url))],
    bundle: true,
    // A classic script: every browser with service workers runs it, and module workers need not be supported.
    format: "iife",
    target: "es2020",
    minify: true,
    write: false,
    legalComments: "none",
    logLevel: "error",
    // Workbox drops its development logging and assertions in production.
    define: { "process.env.NODE_ENV": '"production"' },
  });
  return { code: bundle.outputFiles[0]?.text ?? "", getManifest };
}

/**
 * A list file named by its content's hash is not written again when it is already there at its
 * size (a file cut short by a crash is written again): after an edit most of the lists are the same,
 * and every build had written all of them again (179 files, 48 MB at 100,000 articles).
 */
async function writeListFile(file: string, json: string, hashedName: boolean): Promise<void> {
  if (hashedName && (await stat(file).catch(() => undefined))?.size === Buffer.byteLength(json)) return;
  await writeFile(file, json);
}

/**
 * After Pagefind: writes the offline lists (`offline/lists/<id>.json` for each year and section and
 * `all.json`, each with its content-hashed file list) and the service worker `sw.js`: our TypeScript
 * bundled with esbuild, `self.__WB_MANIFEST` replaced by workbox-build's precache manifest (as its
 * injectManifest does, without a temporary file). `sw.js` sits at the site root, so its scope is
 * the whole base path.
 */
export async function buildServiceWorker(outDir: string, archive: Archive, known: KnownFiles = {}, prepared: Promise<ServiceWorkerParts> = prepareServiceWorker()): Promise<OfflineBuildResult> {
  const { lists, all, files } = await offlineLists(outDir, archive, known);
  await mkdir(path.join(outDir, LISTS_DIR), { recursive: true });
  await Promise.all([...files].map(([name, json]) => writeListFile(path.join(outDir, name), json, HASHED_NAME.test(name))));

  const { code, getManifest } = await prepared;
  // workbox-build lists the shell with a revision per file; the bundle's `self.__WB_MANIFEST` becomes that list.
  const manifest = await getManifest({
    globDirectory: outDir,
    globPatterns: PRECACHE_PATTERNS,
    dontCacheBustURLsMatching: HASHED_NAME,
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  });
  const injected = code.split(INJECTION_POINT);
  if (injected.length !== 2) throw new Error(`service worker bundle must contain ${INJECTION_POINT} exactly once`);
  await writeFile(path.join(outDir, "sw.js"), injected.join(JSON.stringify(manifest.manifestEntries)));
  const written = [...files.keys(), "sw.js"];
  return {
    precachedFiles: manifest.count,
    precachedBytes: manifest.size,
    lists: lists.length,
    archiveBytes: all.summary.archive.bytes,
    warnings: manifest.warnings,
    written,
  };
}
