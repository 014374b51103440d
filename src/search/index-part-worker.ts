import * as pagefind from "pagefind";
import { serveTasks } from "../workers/process-pool.ts";
import { indexPart, type PartIndexed, type RecordsOption } from "./index-part.ts";
import type { IndexPart } from "./parts.ts";

/**
 * Search parts indexed in a child process of the build's pool (src/search/build-index.ts), one
 * after another: a part's index is a few hundred MB while it is built, kept out of the build's main
 * process, which holds the whole archive. Pagefind itself runs only for the primary part, to give
 * its browser runtime files, and is closed after it.
 */
serveTasks<{ outDir: string; part: IndexPart; records?: RecordsOption }, PartIndexed>(async ({ outDir, part, records }) => {
  try {
    return await indexPart(outDir, part, records);
  } finally {
    await pagefind.close();
  }
});
