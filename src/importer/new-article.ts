import path from "node:path";
import { DateTime } from "luxon";
import type { ArticleFrontMatter } from "../article/model.ts";
import { toIsoWithOffset } from "../article/dates.ts";
import { serializeArticle } from "../article/serialize.ts";
import { slugify } from "../article/slug.ts";
import { cleanLine } from "../article/text.ts";
import { ARCHIVE_TIME_ZONE } from "./read-raw.ts";
import { createNewFile } from "./write.ts";

export interface NewArticleInput {
  title: string;
  section?: string;
  /** Comma-separated on the command line; already split here. */
  tags?: readonly string[];
  /** Default: now. */
  now?: DateTime;
  timeZone?: string;
}

export interface NewArticleFile {
  folder: string;
  slug: string;
  frontMatter: ArticleFrontMatter;
  content: string;
}

/** Front matter of a new article, dated now in the archive's zone (to the minute), and an empty body. */
export function newArticle(input: NewArticleInput): NewArticleFile {
  const zone = input.timeZone ?? ARCHIVE_TIME_ZONE;
  const title = cleanLine(input.title);
  if (title === "") throw new Error("the title must not be empty");
  const now = (input.now ?? DateTime.now()).setZone(zone).startOf("minute");
  const section = input.section === undefined ? "" : cleanLine(input.section);
  const tags = [...new Set((input.tags ?? []).map(cleanLine).filter((t) => t !== ""))];
  const frontMatter: ArticleFrontMatter = {
    title,
    date: toIsoWithOffset(now),
    ...(section !== "" ? { section } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
  const titleSlug = slugify(title);
  // A title of punctuation alone still needs a file name (and then an address of its own).
  const slug = titleSlug !== "" ? titleSlug : `bai-viet-${now.toFormat("yyyyMMdd-HHmm")}`;
  if (titleSlug === "") frontMatter.slug = slug;
  return { folder: now.toFormat("yyyy/MM"), slug, frontMatter, content: serializeArticle(frontMatter, "") };
}

/** Write it under `out`, at `<slug>.md` or the first free `<slug>-N.md`: never over an existing file. */
export async function createArticle(out: string, input: NewArticleInput): Promise<string> {
  const file = newArticle(input);
  return createNewFile(path.join(out, ...file.folder.split("/")), file.slug, file.content);
}

/** `a, b,,c` → `["a", "b", "c"]`. */
export function splitTags(text: string | undefined): string[] {
  return text === undefined ? [] : text.split(/[,，]/u).map(cleanLine).filter((t) => t !== "");
}
