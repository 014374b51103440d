import { loadArchive, type LoadedArchive, type LoadOptions } from "./load-archive.ts";
import type { ListingPage } from "./listings.ts";
import type { MarkFile } from "../search/mark-files.ts";
import type { ArticleView } from "./views.ts";

/**
 * One load per build: the build command validates first and Eleventy's data step reuses the same
 * result in the same process; watch mode forgets it before each rebuild so edits are seen.
 */
let current: { dir: string; promise: Promise<LoadedArchive> } | null = null;

/** `options` apply when this call loads (the build command's first call passes its parse cache). */
export function getArchive(articlesDir: string, options?: LoadOptions): Promise<LoadedArchive> {
  if (!current || current.dir !== articlesDir) current = { dir: articlesDir, promise: loadArchive(articlesDir, options) };
  return current.promise;
}

export function forgetArchive(): void {
  current = null;
  selection = null;
}

/** The article and listing pages this build renders (an incremental build's changed ones); default all. */
export interface PageSelection {
  articles: ArticleView[];
  listings: ListingPage[];
  /** Mark statistics to publish instead of counting the archive in the plugin (src/site/build-site.ts). */
  marks?: MarkFile[];
  /**
   * True when `marks` are the last build's, read back from the output folder: their files are there
   * with these bytes (their names hash their content) and are not written again, only any missing.
   */
  marksKept?: boolean;
  /** The derived pages (src/site/derived-pages.ts) to write, by address; all when absent. */
  derived?: ReadonlySet<string>;
  /** False in the build's later Eleventy runs: only these article and listing pages, nothing else again. */
  everything?: boolean;
  /**
   * A tag that changes whenever the search index can (src/site/plugins/offline.ts), worked out by the
   * build from its plan; without it, the plugin hashes what every article page shows.
   */
  indexTag?: string;
}
let selection: PageSelection | null = null;

export function selectPages(pages: PageSelection): void {
  selection = pages;
}

export function rendersEverything(): boolean {
  return selection?.everything ?? true;
}

export function selectedMarks(): MarkFile[] | undefined {
  return selection?.marks;
}

export function marksKept(): boolean {
  return selection?.marksKept ?? false;
}

/** Whether the run that writes everything writes this derived page (a feed, the JSON Feed, a sitemap part). */
export function rendersDerived(url: string): boolean {
  return rendersEverything() && (selection?.derived?.has(url) ?? true);
}

export function selectedIndexTag(): string | undefined {
  return selection?.indexTag;
}

export async function selectedPages(articlesDir: string): Promise<PageSelection> {
  if (selection) return selection;
  const { archive } = await getArchive(articlesDir);
  return { articles: archive.articles, listings: archive.listings };
}
