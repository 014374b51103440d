import type { ArticleImage } from "../article/model.ts";
import type { DateFields } from "../article/dates.ts";

/** A link to a term page (section, tag, author). */
export interface TermRef {
  name: string;
  url: string;
}

export interface ArticleLink {
  title: string;
  url: string;
  dateShort: string;
  dateIso: string;
}

/**
 * What templates see of an article: everything precomputed once, no template does date math or
 * lookups. Acyclic on purpose (links, not views), so Eleventy's data handling never walks a cycle.
 */
export interface ArticleView extends DateFields {
  file: string;
  title: string;
  slug: string;
  url: string;
  section?: TermRef;
  tags: TermRef[];
  author?: TermRef;
  summary?: string;
  /** Summary, or the start of the text: for listings, meta description and feeds. */
  description: string;
  /**
   * The body as HTML. A function, so that an article known from the previous build is read and
   * rendered only when its own page or a feed asks; JSON and hashes leave it out (see contentHash).
   */
  html: () => string;
  /** Hash of the body text: what the page shows of it, for the incremental build's comparisons. */
  contentHash: string;
  /** Hash of the fields taken as they are from the article (file, title, summary, description, images, source; src/site/archive.ts ownFields), for the same comparisons. */
  fieldsHash: string;
  images: ArticleImage[];
  /** Site URLs (`/media/…`) of the image files the page shows. */
  media: string[];
  source?: string;
  /** Older neighbour in the whole archive. */
  prev?: ArticleLink;
  /** Newer neighbour. */
  next?: ArticleLink;
  related: ArticleLink[];
}

export interface Term {
  kind: "section" | "tag" | "author";
  name: string;
  slug: string;
  url: string;
  /** Newest first. */
  articles: ArticleView[];
}

export function linkTo(view: ArticleView): ArticleLink {
  return { title: view.title, url: view.url, dateShort: view.dateShort, dateIso: view.dateIso };
}

/** Newest first; equal times fall back to the file path so the order never depends on load timing. */
export function newestFirst(a: ArticleView, b: ArticleView): number {
  return b.timestamp - a.timestamp || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}
