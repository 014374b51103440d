import type { DateTime } from "luxon";

/** One figure of an article. `src` is optional: a scraped caption often outlives its picture. */
export interface ArticleImage {
  src?: string;
  caption?: string;
  credit?: string;
}

/**
 * The front matter, as written in an article file and as the importer writes it.
 * This is the single shape every part of the project agrees on (schema.ts validates it).
 */
export interface ArticleFrontMatter {
  title: string;
  /** ISO 8601; with an offset, or read in the site's time zone. */
  date: string;
  slug?: string;
  section?: string;
  tags?: string[];
  author?: string;
  summary?: string;
  images?: ArticleImage[];
  source?: string;
  draft?: boolean;
}

/** A validated article, read from one file. */
export interface Article {
  /** Path relative to the articles folder, with `/` separators: the article's identity in messages. */
  file: string;
  title: string;
  date: DateTime;
  section?: string;
  tags: string[];
  author?: string;
  summary?: string;
  images: ArticleImage[];
  source?: string;
  draft: boolean;
  /** The `slug` field when given; otherwise derived from the title when addresses are assigned. */
  slugOverride?: string;
  /** Markdown body, NFC, LF. Never run as a template. */
  body: string;
  /** 1-based line of the file where the body starts, to point errors inside the body at a line. */
  bodyLine: number;
  /** Line of each front matter field, for messages found after parsing (addresses, tags). */
  fieldLines: Readonly<Record<string, number>>;
}

export type Severity = "error" | "warning";

/** One finding about one file, printed as `file:line: field: message`. */
export interface Problem {
  severity: Severity;
  file: string;
  line: number;
  field: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.field}: ${p.message}`;
}
