import { loadArticles } from "../article/load.ts";
import { listAheadOfCache, type ListedArticles } from "../article/list-articles.ts";
import { ParseCache } from "../article/parse-cache.ts";
import type { Article, ArticleImage, Problem } from "../article/model.ts";
import { buildArchive, type Archive } from "./archive.ts";
import { planIndexParts, type IndexPart } from "../search/parts.ts";
import { resolveImage } from "./image-files.ts";
import { parseInWorkers } from "./parse-in-workers.ts";
import { readSiteSettings, readStrings, type SiteSettings, type Strings } from "./settings.ts";
import type { ArticleView } from "./views.ts";

export interface LoadedArchive {
  archive: Archive;
  settings: SiteSettings;
  strings: Strings;
  problems: Problem[];
  errorCount: number;
  /** Image files that articles use: absolute source path → output path under the site. */
  media: Map<string, string>;
  /** The search index's parts, newest first. */
  parts: IndexPart[];
  /** Article files read and parsed by this load, and those unchanged since the last build, taken from its parse cache. */
  parsed: number;
  fromCache: number;
  /** The article files read and parsed by this load (`Article.file`, `ArticleView.file`): with a parse cache, those new or changed since the last build. */
  parsedFiles: ReadonlySet<string>;
  /** Writes the parse cache for the next build, when loaded with one (call it once the build succeeded). */
  saveCache(): Promise<void>;
}

export interface LoadOptions {
  dataDir?: string;
  /** Parse cache (src/article/parse-cache.ts) to read from and, through saveCache, write. */
  cache?: { file: string; fingerprint: string; /** False: start empty (`--full`), still write it. */ reuse: boolean };
  /** Told of the articles read and parsed anew (not from the parse cache) as soon as they are, before the archive is built. */
  onParsed?: (articles: readonly Article[]) => void;
  /** Passed to buildArchive (src/site/archive.ts ArchiveOptions.onOrdered). */
  onOrdered?: (views: readonly ArticleView[]) => void;
  /** The article files listed and statted ahead (list-articles.ts listAheadOfCache); null: the caller chose not to; else decided here. */
  listing?: Promise<ListedArticles | undefined> | null;
}

/** Set by `npm run build -- --search-part-size N` for one build; otherwise `searchPartArticles` in site.json. */
export const PART_SIZE_ENV = "ARCHIVE_SEARCH_PART_SIZE";

/** Settings + every article → the archive model, with every problem of every file. */
export async function loadArchive(articlesDir: string, options: LoadOptions = {}): Promise<LoadedArchive> {
  const dataDir = options.dataDir ?? "_data";
  const settings = readSiteSettings(dataDir);
  const strings = readStrings(settings.language, dataDir);
  const listing = options.listing !== undefined ? options.listing ?? undefined : options.cache?.reuse ? listAheadOfCache(articlesDir, options.cache.file) : undefined;
  const cache = options.cache ? ParseCache.open(options.cache.file, options.cache.fingerprint, settings.timeZone, options.cache.reuse) : undefined;
  const parseMany = parseInWorkers({ articlesDir, timeZone: settings.timeZone, strings });
  const { articles, problems, digests, rendered, parsed, fromCache, parsedFiles } = await loadArticles(articlesDir, { timeZone: settings.timeZone }, cache, parseMany, listing);
  options.onParsed?.(articles.filter((a) => parsedFiles.has(a.file)));
  const media = new Map<string, string>();
  const imageUrl = (article: Article, image: ArticleImage): string | undefined => {
    if (!image.src) return undefined;
    const source = resolveImage(articlesDir, article, image);
    if (!source) {
      problems.push({
        severity: "warning", file: article.file, line: article.fieldLines["images"] ?? 1, field: "images",
        message: `image file "${image.src}" not found in the articles folder; the caption is shown without it`,
      });
      return undefined;
    }
    if (source.file) media.set(source.file.abs, source.file.out);
    return source.url;
  };
  const built = buildArchive(articles, { settings, strings, imageUrl, digests, rendered, ...(options.onOrdered ? { onOrdered: options.onOrdered } : {}) });
  cache?.attach(built.digests);
  const all = [...problems, ...built.problems];
  return {
    archive: built.archive,
    settings,
    strings,
    problems: all,
    errorCount: all.filter((p) => p.severity === "error").length,
    media,
    parts: planIndexParts(built.archive.articles, Number(process.env[PART_SIZE_ENV] || settings.searchPartArticles)),
    parsed,
    fromCache,
    parsedFiles,
    saveCache: async () => cache?.save(),
  };
}
