import { frontMatterSchema, knownFields } from "./schema.ts";
import { parseYaml, splitFrontMatter } from "./frontmatter.ts";
import { parseArticleDate } from "./dates.ts";
import { codePointName, CONTROL_CHARACTER, CONTROL_CHARACTERS, decodeUtf8, NotUtf8Error, normalizeText } from "./text.ts";
import type { Article, Problem } from "./model.ts";
import { DateTime } from "luxon";

/** Above this size an article file is built whole, with a warning. */
export const LARGE_FILE_BYTES = 1_000_000;

export interface ParseOptions {
  timeZone: string;
  /** Dates later than this are warned about (a typo in the year is the usual cause). */
  now?: DateTime;
}

export interface ParseResult {
  article: Article | null;
  problems: Problem[];
}

/** Read one article file's bytes into the model, or say exactly why not. Never throws for bad input. */
export function parseArticle(file: string, bytes: Uint8Array, options: ParseOptions): ParseResult {
  const result = parseArticleFile(file, bytes, options.timeZone);
  if (!result.article) return result;
  return { article: result.article, problems: [...result.problems, ...futureDateProblems(result.article, result.dateWritten, futureDateLimit(options.now))] };
}

/** parseArticle without the one finding that depends on the day the build runs: what a cache may keep. */
export function parseArticleFile(file: string, bytes: Uint8Array, timeZone: string): ParseResult & { dateWritten: string } {
  const problems: Problem[] = [];
  const fail = (line: number, field: string, message: string) => {
    problems.push({ severity: "error", file, line, field, message });
    return { article: null, problems, dateWritten: "" };
  };

  let text: string;
  try {
    text = normalizeText(decodeUtf8(bytes));
  } catch (e) {
    if (e instanceof NotUtf8Error) return fail(lineAtByte(bytes, e.byteOffset), "file", e.message);
    throw e;
  }
  if (text.trim() === "") return fail(1, "file", "empty file: an article needs front matter with title and date");
  // Scraped text carries stray control characters (U+0008, U+007F…): invisible, forbidden in HTML and
  // fatal to an XML feed. They are removed, and the file and line said, so no output is ever malformed.
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const before = text.slice(0, control.index);
    const count = text.match(CONTROL_CHARACTERS)?.length ?? 1;
    problems.push({
      severity: "warning", file, line: before.split("\n").length, field: "file",
      message: `${count} control character(s) removed, the first ${codePointName(control[0])} at column ${control.index - before.lastIndexOf("\n")}: invisible, and not allowed in HTML or feeds`,
    });
    text = text.replace(CONTROL_CHARACTERS, "");
  }

  const split = splitFrontMatter(text);
  if (split.yaml === null) {
    return fail(1, "front matter", "missing: the file must start with a '---' line, then title and date, then '---'");
  }
  const yaml = parseYaml(split.yaml, split.yamlLine);
  if (yaml.data === null) {
    for (const e of yaml.errors) problems.push({ severity: "error", file, line: e.line, field: "front matter", message: `invalid YAML: ${e.message}` });
    return { article: null, problems, dateWritten: "" };
  }

  for (const key of Object.keys(yaml.data)) {
    if (!knownFields.has(key)) {
      problems.push({ severity: "warning", file, line: yaml.lineOf([key]), field: key, message: "unknown field, ignored" });
    }
  }
  // YAML `author:` with nothing after it means "no author", not "the author null".
  const data = Object.fromEntries(Object.entries(yaml.data).filter(([, v]) => v !== null));
  // The same characters written as YAML escapes ("\x1d"); a slug keeps them, so that its own rule refuses it.
  for (const [key, value] of Object.entries(data)) {
    if (key === "slug") continue;
    data[key] = withoutControls(value, (found) => problems.push({
      severity: "warning", file, line: yaml.lineOf([key]), field: key,
      message: `control character ${codePointName(found)} removed: invisible, and not allowed in HTML or feeds`,
    }));
  }

  const parsed = frontMatterSchema.safeParse(data);
  let ok = parsed.success;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "front matter";
      // zod reports a missing `title` as a failed union ("Invalid input"): say what is wrong instead.
      const missing = issue.path.length === 1 && !(String(issue.path[0]) in data);
      const message = missing ? (issue.path[0] === "title" ? "required, and must not be empty" : issue.message) : issue.message;
      problems.push({ severity: "error", file, line: yaml.lineOf(issue.path), field, message });
    }
  }
  const dateResult = parseArticleDate(data["date"], timeZone);
  // A `date` of the wrong type was already reported by the schema; say it once.
  if (!dateResult.ok && "date" in data && !problems.some((p) => p.field === "date" && p.severity === "error")) {
    problems.push({ severity: "error", file, line: yaml.lineOf(["date"]), field: "date", message: dateResult.message });
    ok = false;
  }
  if (!ok || !parsed.success || !dateResult.ok) return { article: null, problems, dateWritten: "" };

  const fm = parsed.data;

  // Valid, and built whole; but news articles are tens of kilobytes: megabytes are usually several merged.
  if (bytes.length > LARGE_FILE_BYTES) {
    problems.push({
      severity: "warning", file, line: split.bodyLine, field: "body",
      message: `${(bytes.length / 1e6).toFixed(1)} MB: far longer than an article usually is; check that the file holds one article`,
    });
  }

  const article: Article = {
    file,
    title: fm.title,
    date: dateResult.date,
    tags: dedupeTags(fm.tags ?? []),
    images: (fm.images ?? []).map((i) => stripUndefined(i)),
    draft: fm.draft ?? false,
    body: split.body,
    bodyLine: split.bodyLine,
    fieldLines: Object.fromEntries(Object.keys(data).map((k) => [k, yaml.lineOf([k])])),
    ...stripUndefined({
      section: fm.section || undefined,
      author: fm.author || undefined,
      summary: fm.summary || undefined,
      source: fm.source || undefined,
      slugOverride: fm.slug,
    }),
  };
  return { article, problems, dateWritten: fm.date };
}

/** Dates after this instant (epoch ms) are in the future: a day of slack for time zones. Worked out once per load, not per article (luxon's plus: 0.6 s at 100,000). */
export function futureDateLimit(now: DateTime = DateTime.now()): number {
  return now.plus({ days: 1 }).toMillis();
}

/**
 * The one finding that depends on when the build runs, not on the file: kept apart so that a cached
 * parse (src/article/parse-cache.ts) asks it again rather than replaying an answer from another day.
 */
export function futureDateProblems(article: Article, written: string, limit: number = futureDateLimit(), millis = article.date.toMillis()): Problem[] {
  if (millis <= limit) return [];
  return [{ severity: "warning", file: article.file, line: article.fieldLines["date"] ?? 1, field: "date", message: `${written} is in the future; check the year` }];
}

/** Strings anywhere in a front matter value, control characters removed; `found` hears of each string changed. */
function withoutControls(value: unknown, found: (ch: string) => void): unknown {
  if (typeof value === "string") {
    const first = CONTROL_CHARACTER.exec(value);
    if (!first) return value;
    found(first[0]);
    return value.replace(CONTROL_CHARACTERS, "");
  }
  if (Array.isArray(value)) return value.map((v) => withoutControls(v, found));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutControls(v, found)]));
  }
  return value;
}

/** 1-based line of a byte offset: the line a bad byte is on. */
function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function dedupeTags(tags: string[]): string[] {
  return [...new Set(tags.filter((t) => t !== ""))];
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
