import path from "node:path";
import { parseArgs } from "node:util";
import type { DateTime } from "luxon";
import { createArticle, splitTags } from "../importer/new-article.ts";
import { isEntryPoint } from "./entry-point.ts";

const USAGE = `Usage: npm run new -- --title "..." [--section ...] [--tags a,b] [--out DIR]

Creates DIR/YYYY/MM/<slug>.md (default DIR: articles), dated now in Asia/Ho_Chi_Minh, and prints its
path. An existing file is never overwritten: the new one is named <slug>-2.md, <slug>-3.md, …`;

export interface NewIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** For tests: the moment to date the article. */
  now?: DateTime;
}

export async function main(argv: readonly string[], io: NewIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        title: { type: "string", short: "t" },
        section: { type: "string", short: "s" },
        tags: { type: "string" },
        out: { type: "string", short: "o", default: "articles" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    io.stderr.write(`new: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values } = args;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.title === undefined || values.title.trim() === "") {
    io.stderr.write(`new: --title is required and must not be empty\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const file = await createArticle(values.out, {
      title: values.title,
      tags: splitTags(values.tags),
      ...(values.section !== undefined ? { section: values.section } : {}),
      ...(io.now ? { now: io.now } : {}),
    });
    io.stdout.write(`${path.relative(process.cwd(), file) || file}\n`);
    return 0;
  } catch (e) {
    io.stderr.write(`new: ${(e as Error).message}\n`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
