import type { Article, ArticleFrontMatter } from "../article/model.ts";
import { toIsoWithOffset } from "../article/dates.ts";

/** A parsed article back to the front matter that `serializeArticle` writes (the file's own fields). */
export function frontMatterOf(article: Article): ArticleFrontMatter {
  return {
    title: article.title,
    date: toIsoWithOffset(article.date),
    ...(article.slugOverride !== undefined ? { slug: article.slugOverride } : {}),
    ...(article.section !== undefined ? { section: article.section } : {}),
    tags: article.tags,
    ...(article.author !== undefined ? { author: article.author } : {}),
    ...(article.summary !== undefined ? { summary: article.summary } : {}),
    images: article.images,
    ...(article.source !== undefined ? { source: article.source } : {}),
    ...(article.draft ? { draft: true } : {}),
  };
}

/**
 * The body as `serializeArticle` takes it: without the blank line(s) that separate it from the front
 * matter in the file (the parsed body keeps them; passing them on would add one more on every write).
 */
export function bodyOf(article: Article): string {
  return article.body.replace(/^(?:[ \t]*\n)+/, "");
}
