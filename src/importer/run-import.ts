import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../article/model.ts";
import { listInputs } from "./inputs.ts";
import { ARCHIVE_TIME_ZONE, readRaw } from "./read-raw.ts";
import { toArticle } from "./to-article.ts";
import { placeArticle } from "./write.ts";

export type FileStatus = "imported" | "unchanged" | "skipped" | "failed";

export interface FileReport {
  /** The input path, as listed. */
  input: string;
  status: FileStatus;
  /** The article file written, found unchanged, or left alone. */
  target?: string;
  /** An existing file of this article was replaced (`force`). */
  replaced?: boolean;
  /** Warnings and errors about this input, in `file:line: field: message` form once formatted. */
  problems: Problem[];
}

export interface ImportSummary {
  total: number;
  imported: number;
  unchanged: number;
  skipped: number;
  failed: number;
  warnings: number;
}

export interface ImportOptions {
  /** Articles folder: files go to `<out>/YYYY/MM/<slug>.md`. */
  out: string;
  /** Replace a file of the same article that has other content. */
  force?: boolean;
  /** Read, convert and decide, but write nothing. */
  dryRun?: boolean;
  timeZone?: string;
  /** Called once the inputs are listed. */
  onStart?: (total: number) => void;
  /** Called after each input, in input order. */
  onFile?: (report: FileReport, summary: Readonly<ImportSummary>) => void;
}

/** Inputs read ahead while earlier ones are written (bounded: a folder may hold a million files). */
const READ_AHEAD = 64;

/**
 * Import every raw file under `paths`. One bad file is reported and counted, never stops the run.
 * Files are placed one at a time in input order, so that colliding names get the same suffixes on
 * every run (which is what makes a second run report "unchanged").
 */
export async function runImport(paths: readonly string[], options: ImportOptions): Promise<ImportSummary> {
  const zone = options.timeZone ?? ARCHIVE_TIME_ZONE;
  const { files, problems: listProblems } = await listInputs(paths);
  const summary: ImportSummary = { total: files.length + listProblems.length, imported: 0, unchanged: 0, skipped: 0, failed: 0, warnings: 0 };
  options.onStart?.(summary.total);

  const count = (report: FileReport) => {
    summary[report.status]++;
    summary.warnings += report.problems.filter((p) => p.severity === "warning").length;
    options.onFile?.(report, summary);
  };
  for (const problem of listProblems) count({ input: problem.file, status: "failed", problems: [problem] });

  const claimed = new Map<string, string>();
  for (let start = 0; start < files.length; start += READ_AHEAD) {
    const chunk = files.slice(start, start + READ_AHEAD);
    const prepared = await Promise.all(chunk.map((input) => prepare(input, zone)));
    for (const item of prepared) {
      count(await place(item, options, claimed));
    }
  }
  return summary;
}

type Prepared =
  | { input: string; problems: Problem[]; article: ReturnType<typeof toArticle>; source: string }
  | { input: string; problems: Problem[]; article: null };

async function prepare(input: string, zone: string): Promise<Prepared> {
  let bytes: Buffer;
  try {
    bytes = await readFile(input);
  } catch (e) {
    return { input, article: null, problems: [ioProblem(input, "cannot read", e)] };
  }
  try {
    const { record, problems } = readRaw(input, bytes, { timeZone: zone });
    if (!record) return { input, article: null, problems };
    return { input, article: toArticle(record, zone), source: record.source, problems };
  } catch (e) {
    // A bug, not bad input (readRaw reports bad input as problems): still only this file fails.
    return { input, article: null, problems: [ioProblem(input, "cannot convert", e)] };
  }
}

async function place(item: Prepared, options: ImportOptions, claimed: Map<string, string>): Promise<FileReport> {
  const { input, problems } = item;
  if (item.article === null) return { input, status: "failed", problems };
  try {
    const placement = await placeArticle({
      folder: path.join(options.out, ...item.article.folder.split("/")),
      slug: item.article.slug,
      content: item.article.content,
      source: item.source,
      force: options.force ?? false,
      dryRun: options.dryRun ?? false,
      claimed,
      claimant: path.resolve(input),
    });
    if (placement.status === "skipped") {
      const message = `${displayPath(placement.path)} ${placement.reason}`;
      return { input, status: "skipped", target: placement.path, problems: [...problems, { severity: "warning", file: input, line: 1, field: "file", message }] };
    }
    return {
      input,
      status: placement.status,
      target: placement.path,
      ...(placement.status === "imported" ? { replaced: placement.replaced } : {}),
      problems,
    };
  } catch (e) {
    return { input, status: "failed", problems: [...problems, ioProblem(input, "cannot write the article", e)] };
  }
}

function ioProblem(file: string, what: string, e: unknown): Problem {
  return { severity: "error", file, line: 1, field: "file", message: `${what}: ${e instanceof Error ? e.message : String(e)}` };
}

/** A path as a person at this prompt would type it: relative to the current folder. */
export function displayPath(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)) || ".";
}
