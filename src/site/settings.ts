import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_PART_ARTICLES } from "../search/parts.ts";

const siteSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(""),
  url: z.url(),
  language: z.string().min(2),
  locale: z.string().default("vi-VN"),
  timeZone: z.string().min(1),
  pageSize: z.number().int().positive(),
  feedSize: z.number().int().positive().default(50),
  relatedCount: z.number().int().nonnegative().default(4),
  /** Articles per search index part at least (src/search/parts.ts); `--search-part-size` overrides it for one build. */
  searchPartArticles: z.number().int().positive().default(DEFAULT_PART_ARTICLES),
});

export type SiteSettings = z.output<typeof siteSchema>;
export type UiStrings = Record<string, string> & { weekdays?: never };
export interface Strings {
  text: Record<string, string>;
  weekdays: string[];
}

/** `_data/site.json`, validated: a newsroom edits data, and a typo there should fail loudly and early. */
export function readSiteSettings(dataDir = "_data"): SiteSettings {
  const file = path.join(dataDir, "site.json");
  const parsed = siteSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${file}: ${first?.path.join(".") ?? ""}: ${first?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** The UI strings of the site's language, falling back to Vietnamese key by key. */
export function readStrings(language: string, dataDir = "_data"): Strings {
  const all = JSON.parse(readFileSync(path.join(dataDir, "strings.json"), "utf8")) as Record<string, Record<string, unknown>>;
  const merged = { ...all["vi"], ...all[language] };
  const weekdays = Array.isArray(merged["weekdays"]) ? (merged["weekdays"] as string[]) : [];
  const text = Object.fromEntries(Object.entries(merged).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  return { text, weekdays };
}
