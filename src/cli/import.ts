import { parseArgs } from "node:util";
import { formatProblem } from "../article/model.ts";
import { ProgressBar, type TerminalStream } from "../importer/progress.ts";
import { displayPath, runImport, type FileReport, type ImportSummary } from "../importer/run-import.ts";
import { isEntryPoint } from "./entry-point.ts";

const USAGE = `Usage: npm run import -- [--out DIR] [--force] [--dry-run] [--verbose] PATH...

Imports raw scraped articles (a file, or every .txt file under a folder) into DIR/YYYY/MM/<slug>.md.

  -o, --out DIR   articles folder (default: articles)
  -f, --force     replace an article file that was changed since it was imported
  -n, --dry-run   say what would be written, write nothing
  -v, --verbose   one line per file even when a progress bar is shown
  -h, --help      this text

Exit status: 0 when no file failed (skipped files are reported), 1 when any failed, 2 on a usage error.`;

export interface CliIo {
  stdout: TerminalStream;
  stderr: TerminalStream;
}

/** A progress bar is worth drawing from this many files on. */
const PROGRESS_FROM = 20;

export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o", default: "articles" },
        force: { type: "boolean", short: "f", default: false },
        "dry-run": { type: "boolean", short: "n", default: false },
        verbose: { type: "boolean", short: "v", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    io.stderr.write(`import: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) {
    io.stderr.write(`import: give at least one file or folder to import\n\n${USAGE}\n`);
    return 2;
  }
  const dryRun = values["dry-run"];

  let bar: ProgressBar | null = null;
  const say = (line: string) => (bar ? bar.log(line) : io.stdout.write(`${line}\n`));
  const complain = (line: string) => (bar ? bar.log(line) : io.stderr.write(`${line}\n`));

  const summary = await runImport(positionals, {
    out: values.out,
    force: values.force,
    dryRun,
    onStart: (total) => {
      if (io.stderr.isTTY && total >= PROGRESS_FROM && !values.verbose) bar = new ProgressBar(io.stderr, total);
    },
    onFile: (report, sum) => {
      for (const p of report.problems) complain(formatProblem(p));
      const line = describe(report, dryRun);
      if (line !== null && (!bar || values.verbose)) say(line);
      bar?.update(done(sum), counts(sum, dryRun));
    },
  });
  (bar as ProgressBar | null)?.clear();
  io.stdout.write(`${dryRun ? "dry run, nothing written: " : ""}${counts(summary, dryRun)}\n`);
  if (summary.total > 0 && summary.unchanged === summary.total) io.stdout.write("nothing changed: every article was already imported\n");
  return summary.failed > 0 ? 1 : 0;
}

function describe(report: FileReport, dryRun: boolean): string | null {
  const target = report.target ? displayPath(report.target) : "";
  switch (report.status) {
    case "imported":
      return `${report.replaced ? (dryRun ? "would replace" : "replaced") : dryRun ? "would import" : "imported"} ${report.input} -> ${target}`;
    case "unchanged":
      return `unchanged ${report.input} (${target} is already this article)`;
    default:
      return null; // skipped and failed files are told about on stderr, with their reason
  }
}

function done(s: Readonly<ImportSummary>): number {
  return s.imported + s.unchanged + s.skipped + s.failed;
}

function counts(s: Readonly<ImportSummary>, dryRun: boolean): string {
  const warnings = s.warnings === 1 ? "1 warning" : `${s.warnings} warnings`;
  return `${dryRun ? "would import" : "imported"} ${s.imported}, unchanged ${s.unchanged}, skipped ${s.skipped}, failed ${s.failed} (${warnings})`;
}

if (isEntryPoint(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
