import * as pagefind from "pagefind";
import { processTask } from "../workers/run-process.ts";
import { indexPart, type PartIndexed } from "./index-part.ts";
import type { IndexPart } from "./parts.ts";

/**
 * One part indexed in a child process (runProcess): a part's index is a few hundred MB while it
 * is built, kept out of the build's main process, which holds the whole archive. Pagefind itself
 * runs only for the primary part, to give its browser runtime files, and is closed before answering.
 */
processTask<{ outDir: string; part: IndexPart }, PartIndexed>(async ({ outDir, part }) => {
  try {
    return await indexPart(outDir, part);
  } finally {
    await pagefind.close();
  }
});
