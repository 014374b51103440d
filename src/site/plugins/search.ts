import { createHash } from "node:crypto";
import type { UserConfig } from "@11ty/eleventy";
import { addFrozenGlobalData } from "./frozen-data.ts";
import { bundleBrowserEntry } from "../../search/bundle.ts";
import { MARK_INDEX, markFiles, type MarkFile } from "../../search/mark-files.ts";
import { getArchive, rendersEverything, selectedMarks } from "../archive-store.ts";
import { partSummaries } from "../../search/parts.ts";

/**
 * The search page, its browser code, and the archive's mark-restoration statistics. The Pagefind
 * index itself is written after Eleventy, from the built article pages (src/search/build-index.ts).
 */
export default function searchPlugin(config: UserConfig, options: { articlesDir: string }): void {
  const search = bundleBrowserEntry("search", new URL("../../search/browser/search-page.ts", import.meta.url));
  const highlight = bundleBrowserEntry("highlight", new URL("../../search/browser/highlight.ts", import.meta.url));
  addFrozenGlobalData(config, "scripts", { search: search.url, highlight: highlight.url });
  for (const [name, bundle] of Object.entries({ search, highlight })) {
    config.addTemplate(`virtual/script-${name}.njk`, "{{ code | safe }}", { permalink: bundle.url, code: bundle.code, eleventyExcludeFromCollections: true });
  }

  let cached: { from: unknown; files: MarkFile[] } | null = null;
  const files = async () => {
    // Only the run that writes everything publishes them (src/site/plugins/batches.ts).
    if (!rendersEverything()) return [];
    const { archive } = await getArchive(options.articlesDir);
    if (cached?.from !== archive) cached = { from: archive, files: selectedMarks() ?? markFiles(archive.articles) };
    return cached.files;
  };
  // Which file holds each shard: a file of its own (36 kB at 100,000 articles), fetched only for a
  // query with an unmarked word, rather than a part of every search page.
  addFrozenGlobalData(config, "searchMarks", async () => {
    const shards = (await files()).filter((f) => f.shard !== MARK_INDEX);
    const json = JSON.stringify(Object.fromEntries(shards.map((f) => [f.shard, f.url])));
    const index: MarkFile = { shard: MARK_INDEX, url: `/search/marks/${MARK_INDEX}.${createHash("sha256").update(json).digest("hex").slice(0, 10)}.json`, json };
    return { files: [...shards, index], indexUrl: index.url };
  });
  // Newest first; the search page loads the first as its primary index and merges the others as needed.
  addFrozenGlobalData(config, "searchParts", async () => partSummaries((await getArchive(options.articlesDir)).parts));
  config.addTemplate("virtual/search-marks.njk", "{{ markFile.json | safe }}", {
    pagination: { data: "searchMarks.files", size: 1, alias: "markFile", addAllPagesToCollections: false },
    permalink: (d: Record<string, unknown>) => (d["markFile"] as MarkFile).url,
    eleventyExcludeFromCollections: true,
  });
  config.addTemplate("virtual/search.njk", `{% extends "layouts/search.njk" %}`, {
    permalink: "/search/",
    needsWasm: true,
    eleventyExcludeFromCollections: true,
  });
}
