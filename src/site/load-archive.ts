import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { loadArticles } from "../article/load.ts";
import type { Article, ArticleImage, Problem } from "../article/model.ts";
import { buildArchive, type Archive } from "./archive.ts";
import { planIndexParts, type IndexPart } from "../search/parts.ts";
import { readSiteSettings, readStrings, type SiteSettings, type Strings } from "./settings.ts";

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
}

/** Set by `npm run build -- --search-part-size N` for one build; otherwise `searchPartArticles` in site.json. */
export const PART_SIZE_ENV = "ARCHIVE_SEARCH_PART_SIZE";

const IMAGE_EXT = /\.(avif|gif|jpe?g|png|svg|webp)$/i;

/** Settings + every article → the archive model, with every problem of every file. */
export async function loadArchive(articlesDir: string, dataDir = "_data"): Promise<LoadedArchive> {
  const settings = readSiteSettings(dataDir);
  const strings = readStrings(settings.language, dataDir);
  const { articles, problems } = await loadArticles(articlesDir, { timeZone: settings.timeZone });
  const media = new Map<string, string>();
  const root = path.resolve(articlesDir);
  const imageUrl = (article: Article, image: ArticleImage): string | undefined => {
    const src = image.src;
    if (!src) return undefined;
    if (/^https:\/\//i.test(src)) return src;
    const articleDir = path.dirname(path.join(root, path.relative(articlesDir, article.file)));
    const abs = src.startsWith("/") ? path.join(root, src) : path.resolve(articleDir, src);
    const rel = path.relative(root, abs);
    // Only files inside the articles folder, with an image extension, are published.
    if (rel.startsWith("..") || path.isAbsolute(rel) || !IMAGE_EXT.test(abs) || !existsSync(abs) || !statSync(abs).isFile()) {
      problems.push({
        severity: "warning", file: article.file, line: article.fieldLines["images"] ?? 1, field: "images",
        message: `image file "${src}" not found in the articles folder; the caption is shown without it`,
      });
      return undefined;
    }
    const out = `media/${rel.split(path.sep).join("/")}`;
    media.set(abs, out);
    return `/${out}`;
  };
  const built = buildArchive(articles, { settings, strings, imageUrl });
  const all = [...problems, ...built.problems];
  return {
    archive: built.archive,
    settings,
    strings,
    problems: all,
    errorCount: all.filter((p) => p.severity === "error").length,
    media,
    parts: planIndexParts(built.archive.articles, Number(process.env[PART_SIZE_ENV] || settings.searchPartArticles)),
  };
}
