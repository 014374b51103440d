import * as pagefind from "pagefind";
import { serveTasks } from "../workers/process-pool.ts";
import { indexPart, warmPart } from "./index-part.ts";
import type { IndexTask, IndexTaskResult } from "./build-index.ts";

/**
 * Search parts indexed in a child process of the build's pool (src/search/build-index.ts), one
 * after another: a part's index is a few hundred MB while it is built, kept out of the build's main
 * process, which holds the whole archive. Pagefind itself runs only for the primary part, to give
 * its browser runtime files, and is closed after it. A task may instead get the process ready for
 * a part (warmPart).
 */
serveTasks<IndexTask, IndexTaskResult>(async (task) => {
  if ("warm" in task) return { warmed: warmPart(task.outDir, task.warm, task.records) };
  try {
    return await indexPart(task.outDir, task.part, task.records);
  } finally {
    await pagefind.close();
  }
});
