import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Article, ArticleImage } from "../article/model.ts";

const IMAGE_EXT = /\.(avif|gif|jpe?g|png|svg|webp)$/i;

/** Where an article's image is published: a remote `https://` URL as it is, or a file copied under `media/`. */
export type ImageSource = { url: string; file?: { abs: string; out: string } };

/**
 * An image's public source, or undefined when its file is not in the articles folder (outside it,
 * missing, or not an image): the caption is then shown without it. A pure lookup, so that a worker
 * thread rendering bodies (src/site/parse-in-workers.ts) resolves images exactly as the build does.
 */
export function resolveImage(articlesDir: string, article: Pick<Article, "file">, image: ArticleImage): ImageSource | undefined {
  const src = image.src;
  if (!src) return undefined;
  if (/^https:\/\//i.test(src)) return { url: src };
  const root = path.resolve(articlesDir);
  const articleDir = path.dirname(path.join(root, path.relative(articlesDir, article.file)));
  const abs = src.startsWith("/") ? path.join(root, src) : path.resolve(articleDir, src);
  const rel = path.relative(root, abs);
  // Only files inside the articles folder, with an image extension, are published.
  if (rel.startsWith("..") || path.isAbsolute(rel) || !IMAGE_EXT.test(abs) || !existsSync(abs) || !statSync(abs).isFile()) return undefined;
  const out = `media/${rel.split(path.sep).join("/")}`;
  return { url: `/${out}`, file: { abs, out } };
}
