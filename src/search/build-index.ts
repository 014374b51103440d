import { readFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";

export interface IndexResult {
  pages: number;
}

/**
 * Pagefind over the built site through its Node API. Only elements marked data-pagefind-body (the
 * article itself) are indexed, so navigation, footers and listing pages never enter the index.
 */
export async function buildSearchIndex(outDir: string): Promise<IndexResult> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: `${outDir}/pagefind` });
    if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
    // addDirectory counts every HTML file it read; the entry file counts the pages actually indexed.
    const entry = JSON.parse(await readFile(path.join(outDir, "pagefind", "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
    return { pages: Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0) };
  } finally {
    await pagefind.close();
  }
}
