import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { addFrozenGlobalData } from "./frozen-data.ts";
import { bundleBrowserEntry } from "../../search/bundle.ts";
import { MARK_INDEX, markFiles, type MarkFile } from "../../search/mark-files.ts";
import { getArchive, marksKept, rendersEverything, selectedMarks } from "../archive-store.ts";
import { recordOutputs } from "../run-outputs.ts";
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
  let output = "";
  config.on("eleventy.before", ({ directories }) => {
    output = directories.output;
  });
  // Kept statistics (a small incremental build) are the files already in the output folder, read
  // back from there under names that hash their content: those are not written again (some 600 at
  // 100,000 articles), only any that is missing (the index, if deleted), and stay the build's files.
  let unwritten: string[] = [];
  config.on("eleventy.after", () => {
    recordOutputs(unwritten);
    unwritten = [];
  });
  addFrozenGlobalData(config, "searchMarks", async () => {
    const shards = (await files()).filter((f) => f.shard !== MARK_INDEX);
    const json = JSON.stringify(Object.fromEntries(shards.map((f) => [f.shard, f.url])));
    const index: MarkFile = { shard: MARK_INDEX, url: `/search/marks/${MARK_INDEX}.${createHash("sha256").update(json).digest("hex").slice(0, 10)}.json`, json };
    const all = [...shards, index];
    const write = marksKept() ? all.filter((f) => !existsSync(path.join(output, f.url))) : all;
    const written = new Set(write);
    unwritten = all.filter((f) => !written.has(f)).map((f) => f.url.slice(1));
    return { files: all, write, indexUrl: index.url };
  });
  // Newest first; the search page loads the first as its primary index and merges the others as needed.
  addFrozenGlobalData(config, "searchParts", async () => partSummaries((await getArchive(options.articlesDir)).parts));
  config.addTemplate("virtual/search-marks.njk", "{{ markFile.json | safe }}", {
    pagination: { data: "searchMarks.write", size: 1, alias: "markFile", addAllPagesToCollections: false },
    permalink: (d: Record<string, unknown>) => (d["markFile"] as MarkFile).url,
    eleventyExcludeFromCollections: true,
  });
  config.addTemplate("virtual/search.njk", `{% extends "layouts/search.njk" %}`, {
    permalink: "/search/",
    needsWasm: true,
    eleventyExcludeFromCollections: true,
  });
}
