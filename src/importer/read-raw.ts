import path from "node:path";
import type { DateTime } from "luxon";
import type { Problem } from "../article/model.ts";
import { cleanLine, decodeUtf8, normalizeText, NotUtf8Error } from "../article/text.ts";
import { isByline } from "./byline.ts";
import { splitCredit } from "./captions.ts";
import { readDateLine } from "./date-line.ts";

/**
 * Raw scraped layout → structured record (see shared/corpus/vi-news/README.md):
 *
 *     <section>            ← optional
 *     <title>
 *     <date line>
 *     .                    ← lone "." lines, anywhere: dropped
 *     <paragraph>
 *     <caption>            ← a caption stands twice, on two lines in a row
 *     <caption>
 *     <byline>             ← optional: the last line, when it is a name
 *
 * Pure: bytes in, record and problems out. Never throws for bad input.
 */

export const ARCHIVE_TIME_ZONE = "Asia/Ho_Chi_Minh";

export type BodyItem =
  | { kind: "paragraph"; text: string; line: number }
  | { kind: "caption"; caption?: string; credit?: string; line: number };

export interface RawRecord {
  /** The input file's base name: the article's identity across imports. */
  source: string;
  section?: string;
  title: string;
  date: DateTime;
  author?: string;
  body: BodyItem[];
}

export interface ReadRawResult {
  record: RawRecord | null;
  problems: Problem[];
}

export interface ReadRawOptions {
  /** Zone of date lines that give none, and of the result. Default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** Default: the base name of `file`. */
  source?: string;
}

interface Line {
  text: string;
  /** 1-based. */
  number: number;
}

/** How many non-empty lines may stand before the date line (section, title). */
const MAX_HEADER_LINES = 2;

/** `file` is the path shown in messages. */
export function readRaw(file: string, bytes: Uint8Array, options: ReadRawOptions = {}): ReadRawResult {
  const zone = options.timeZone ?? ARCHIVE_TIME_ZONE;
  const problems: Problem[] = [];
  const report = (severity: Problem["severity"], line: number, field: string, message: string) =>
    problems.push({ severity, file, line, field, message });
  const fail = (line: number, field: string, message: string): ReadRawResult => {
    report("error", line, field, message);
    return { record: null, problems };
  };

  let text: string;
  try {
    text = normalizeText(decodeUtf8(bytes));
  } catch (e) {
    if (e instanceof NotUtf8Error) return fail(1, "file", e.message);
    throw e;
  }

  // Every line cleaned (tabs, runs of spaces, trailing blanks); lone "." lines become blank separators.
  const lines: Line[] = text.split("\n").map((raw, i) => {
    const clean = cleanLine(raw);
    return { text: clean === "." ? "" : clean, number: i + 1 };
  });
  const filled = lines.filter((l) => l.text !== "");
  if (filled.length === 0) return fail(1, "file", "empty: no title, date or text");

  // The date line stands after section and title; failing that, right after a title with no section.
  // (Tried in that order so that a title that happens to read as a date cannot steal the place.)
  let dateAt = -1;
  let date: DateTime | null = null;
  for (let i = Math.min(filled.length - 1, MAX_HEADER_LINES); i >= 0; i--) {
    const candidate = filled[i] as Line;
    const result = readDateLine(candidate.text, zone);
    if (result.kind === "none") continue;
    if (result.kind === "invalid") return fail(candidate.number, "date", result.message);
    for (const w of result.warnings) report("warning", candidate.number, "date", w);
    dateAt = i;
    date = result.date;
    break;
  }
  if (date === null) {
    const expectedAt = filled[Math.min(filled.length - 1, MAX_HEADER_LINES)] as Line;
    return fail(
      expectedAt.number,
      "date",
      `no date line after the title (expected e.g. "Thứ Năm, 24/08/2017, 14:47 [GMT+7]"); this file is not imported`,
    );
  }
  const dateLine = filled[dateAt] as Line;
  if (dateAt === 0) return fail(dateLine.number, "title", "missing: the file starts with its date line");
  const titleLine = filled[dateAt - 1] as Line;
  const sectionLine = dateAt >= 2 ? filled[dateAt - 2] : undefined;

  const body = readBody(lines.filter((l) => l.number > dateLine.number));
  let author: string | undefined;
  const last = body.items[body.items.length - 1];
  if (last?.kind === "paragraph" && body.singleLine.has(last) && isByline(last.text)) {
    author = last.text;
    body.items.pop();
  }
  if (!body.items.some((item) => item.kind === "paragraph")) {
    report("warning", dateLine.number, "body", "no paragraphs after the date line");
  }

  const record: RawRecord = {
    // NFC: a macOS file name arrives decomposed, and `source` must compare equal on the next import.
    source: (options.source ?? path.basename(file)).normalize("NFC"),
    title: titleLine.text,
    date,
    body: body.items,
    ...(sectionLine ? { section: sectionLine.text } : {}),
    ...(author !== undefined ? { author } : {}),
  };
  return { record, problems };
}

/**
 * Blocks are separated by blank (or ".") lines. Inside a block, a line standing twice in a row is a
 * caption; the other lines are a paragraph (a paragraph broken over several lines keeps its breaks).
 */
function readBody(lines: readonly Line[]): { items: BodyItem[]; singleLine: Set<BodyItem> } {
  const items: BodyItem[] = [];
  const singleLine = new Set<BodyItem>();
  let block: Line[] = [];
  const flushBlock = () => {
    let paragraph: Line[] = [];
    const flushParagraph = () => {
      if (paragraph.length === 0) return;
      const item: BodyItem = { kind: "paragraph", text: paragraph.map((l) => l.text).join("\n"), line: (paragraph[0] as Line).number };
      if (paragraph.length === 1 && block.length === 1) singleLine.add(item);
      items.push(item);
      paragraph = [];
    };
    for (let i = 0; i < block.length; i++) {
      const line = block[i] as Line;
      if (block[i + 1]?.text === line.text) {
        flushParagraph();
        items.push({ kind: "caption", ...splitCredit(line.text), line: line.number });
        i++;
      } else {
        paragraph.push(line);
      }
    }
    flushParagraph();
    block = [];
  };
  for (const line of lines) {
    if (line.text === "") flushBlock();
    else block.push(line);
  }
  flushBlock();
  return { items, singleLine };
}
