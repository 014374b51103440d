import { stringify } from "yaml";
import type { ArticleFrontMatter } from "./model.ts";

/** The body line that places figure `n` (1-based, into `images`) at that point of the text. */
export function figureMarker(n: number): string {
  return `[[figure ${n}]]`;
}

export const FIGURE_MARKER = /^\[\[figure (\d+)\]\]$/;

/**
 * Plain text → Markdown that renders back to exactly that text: block markers at the start of a line
 * and inline markup characters are backslash-escaped, so scraped text can never turn into a heading,
 * a list, a link, emphasis or a figure marker.
 */
export function escapeMarkdownText(text: string): string {
  const inline = text
    .replace(/([\\`*_[\]<>|~])/g, "\\$1")
    .replace(/&(?=#?\w+;)/g, "&amp;");
  return inline
    .split("\n")
    .map((line) =>
      line
        .replace(/^(\s*)([#>+=-])/, "$1\\$2")
        .replace(/^(\s*)(\d+)([.)])/, "$1$2\\$3"),
    )
    .join("\n");
}

const FIELD_ORDER: readonly (keyof ArticleFrontMatter)[] = [
  "title", "date", "slug", "section", "tags", "author", "summary", "images", "source", "draft",
];

/**
 * An article file: YAML front matter (fields in a fixed order, every string double-quoted so that no
 * YAML reader turns a title like `2017` or a date into another type), then the Markdown body.
 */
export function serializeArticle(fm: ArticleFrontMatter, body: string): string {
  const ordered: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    const value = fm[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    ordered[key] = value;
  }
  const yaml = stringify(ordered, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 });
  const text = body.replace(/\s+$/, "");
  return `---\n${yaml}---\n${text === "" ? "" : `\n${text}\n`}`;
}
