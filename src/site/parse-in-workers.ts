import { availableParallelism } from "node:os";
import type { ParsedElsewhere, ParseJob, ParseMany } from "../article/load.ts";
import type { Strings } from "./settings.ts";
import { streamWorker } from "../workers/run-worker.ts";

/** What a parse worker needs besides its files: how images resolve and dates read, as in the build. */
export interface ParseContext {
  articlesDir: string;
  timeZone: string;
  strings: Strings;
}

/** Worker input: its share of the jobs. */
export interface ParseWorkerInput extends ParseContext {
  jobs: ParseJob[];
}

/** Worker messages: results in order, in batches, then the end. */
export type ParseWorkerMessage = { parsed: ParsedElsewhere[] } | { done: true };

/**
 * Below this many files to parse, the load parses them itself: starting a worker (tsx, markdown-it,
 * luxon, yaml) costs about 0.4 s, which about 1,000 parses pay back. Tests set it low through
 * ARCHIVE_PARALLEL_PARSE_MIN.
 */
export const PARALLEL_PARSE_MIN = 2000;

/**
 * Parsing many article files (a first build, `--full`, a changed template or setting, `npm run check`) in worker
 * threads, one per core, each on a contiguous share: they read, parse and validate each file, and
 * render the body of each published article for its digest, as buildArchive would (the same
 * functions). The main thread only turns their results into articles. Without this, a first build
 * of 100,000 articles spent about 45 s loading on one core while the other stayed idle.
 */
export function parseInWorkers(context: ParseContext, workers = availableParallelism()): ParseMany {
  return (jobs, each) => {
    const min = Number(process.env["ARCHIVE_PARALLEL_PARSE_MIN"]) || PARALLEL_PARSE_MIN;
    if (jobs.length < min) return undefined;
    const count = Math.max(1, Math.min(workers, Math.ceil(jobs.length / min)));
    const share = Math.ceil(jobs.length / count);
    const runs = Array.from({ length: count }, (_, w) =>
      parseShare({ ...context, jobs: jobs.slice(w * share, (w + 1) * share).map(({ rel, display, abs, racy }) => ({ rel, display, abs, racy })) }, (k, p) => each(w * share + k, p)),
    );
    return Promise.all(runs).then(() => undefined);
  };
}

/** One worker's share, each result passed on (with its index in the share) as its batch arrives. */
async function parseShare(input: ParseWorkerInput, each: (k: number, parsed: ParsedElsewhere) => void): Promise<void> {
  let k = 0;
  await streamWorker<ParseWorkerInput, ParseWorkerMessage>(new URL("./parse-worker.ts", import.meta.url), input, (message) => {
    if (!("parsed" in message)) return "done";
    for (const p of message.parsed) each(k++, p);
  });
  if (k !== input.jobs.length) throw new Error(`parse worker answered for ${k} of ${input.jobs.length} files`);
}
