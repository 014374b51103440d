import path from "node:path";
import type { ArticleFrontMatter, ArticleImage } from "../article/model.ts";
import { toIsoWithOffset } from "../article/dates.ts";
import { escapeMarkdownText, figureMarker, serializeArticle } from "../article/serialize.ts";
import { slugify } from "../article/slug.ts";
import { ARCHIVE_TIME_ZONE, type RawRecord } from "./read-raw.ts";

export interface ArticleFile {
  /** `YYYY/MM`, from the date in the archive's zone. */
  folder: string;
  /** File name without `.md` and without a collision suffix. */
  slug: string;
  frontMatter: ArticleFrontMatter;
  /** The whole file: front matter and Markdown body. */
  content: string;
}

/**
 * Record → article file. Paragraphs are escaped so that scraped text stays text (no heading, list, link,
 * HTML or figure marker can come out of it); a caption becomes an `images` entry and a `[[figure n]]`
 * line at its place among the paragraphs.
 */
export function toArticle(record: RawRecord, timeZone: string = ARCHIVE_TIME_ZONE): ArticleFile {
  const date = record.date.setZone(timeZone);
  const images: ArticleImage[] = [];
  const blocks: string[] = [];
  for (const item of record.body) {
    if (item.kind === "paragraph") {
      blocks.push(escapeMarkdownText(item.text));
    } else {
      const image: ArticleImage = {};
      if (item.caption !== undefined) image.caption = item.caption;
      if (item.credit !== undefined) image.credit = item.credit;
      images.push(image);
      blocks.push(figureMarker(images.length));
    }
  }

  const titleSlug = slugify(record.title);
  const slug = titleSlug !== "" ? titleSlug : sourceSlug(record.source);
  const frontMatter: ArticleFrontMatter = {
    title: record.title,
    date: toIsoWithOffset(date.set({ millisecond: 0 })),
    // A title with no letters or digits gives no address of its own: pin the one the file is named by.
    ...(titleSlug === "" ? { slug } : {}),
    ...(record.section !== undefined ? { section: record.section } : {}),
    ...(record.author !== undefined ? { author: record.author } : {}),
    ...(images.length > 0 ? { images } : {}),
    source: record.source,
  };
  return {
    folder: date.toFormat("yyyy/MM"),
    slug,
    frontMatter,
    content: serializeArticle(frontMatter, blocks.join("\n\n")),
  };
}

/** `000_0c6f25c183d959ae.txt` → `000-0c6f25c183d959ae`; never empty. */
export function sourceSlug(source: string): string {
  const base = path.basename(source, path.extname(source));
  return slugify(base) || slugify(source) || "bai-viet";
}
