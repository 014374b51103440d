import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { DateTime } from "luxon";
import type { Article } from "../../src/article/model.ts";
import { readSiteSettings, readStrings, type SiteSettings, type Strings } from "../../src/site/settings.ts";
import type { ArchiveOptions } from "../../src/site/archive.ts";

export const ZONE = "Asia/Ho_Chi_Minh";

/**
 * Front matter as JSON values, one field a line (JSON is YAML), so a test states exactly what the file
 * says without going through the project's own serializer.
 */
export function articleText(fields: Record<string, unknown>, body = ""): string {
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join("\n")}\n---\n${body === "" ? "" : `\n${body}\n`}`;
}

export function writeArticle(dir: string, rel: string, content: string | Uint8Array): string {
  const file = path.join(dir, ...rel.split("/"));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** Copy a fixture folder (tests/fixtures/core/<name>) into `dest`. */
export function copyFixture(name: string, dest: string): void {
  cpSync(fileURLToPath(new URL(`../fixtures/core/${name}/`, import.meta.url)), dest, { recursive: true });
}

/** An in-memory article, as the loader would produce it; only what a test names differs from the defaults. */
export function makeArticle(overrides: Partial<Omit<Article, "date">> & { title: string; date: string }): Article {
  const { date, ...rest } = overrides;
  const parsed = DateTime.fromISO(date, { setZone: true });
  if (!parsed.isValid) throw new Error(`bad test date ${date}`);
  // Lines as a file would have them: title, date, then each given field in the usual order.
  const fieldLines: Record<string, number> = { title: 2, date: 3 };
  const present = { section: rest.section, tags: rest.tags?.length || undefined, author: rest.author, summary: rest.summary, images: rest.images?.length || undefined, slug: rest.slugOverride };
  for (const [field, value] of Object.entries(present)) if (value !== undefined) fieldLines[field] = Object.keys(fieldLines).length + 2;
  return {
    file: `${rest.title}.md`,
    tags: [],
    images: [],
    draft: false,
    body: "",
    bodyLine: Object.keys(fieldLines).length + 3,
    fieldLines,
    ...rest,
    date: parsed.setZone(ZONE),
  };
}

/** The real `_data/site.json`, with test overrides. */
export function siteSettings(overrides: Partial<SiteSettings> = {}): SiteSettings {
  return { ...readSiteSettings(), ...overrides };
}

export function siteStrings(): Strings {
  return readStrings("vi");
}

export function archiveOptions(overrides: Partial<SiteSettings> = {}): ArchiveOptions {
  return { settings: siteSettings(overrides), strings: siteStrings(), imageUrl: () => undefined };
}
