import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { addFrozenGlobalData } from "./frozen-data.ts";
import { forgetArchive, getArchive, rendersEverything, selectedPages } from "../archive-store.ts";
import { formatProblem } from "../../article/model.ts";
import { feedSpecs } from "../feeds.ts";
import { recordOutputs } from "../run-outputs.ts";
import { buildSitemap } from "../sitemap.ts";

export const STATIC_PAGES = ["/", "/sections/", "/tags/", "/authors/", "/archive/", "/search/"];

/**
 * The archive model as global data. Articles are data, not templates: Eleventy never reads the
 * Markdown files, so nothing an article says can run as Nunjucks, and one load serves all pages.
 */
export default function archiveDataPlugin(config: UserConfig, options: { articlesDir: string }): void {
  const { articlesDir } = options;
  config.addWatchTarget(articlesDir);

  config.on("eleventy.before", ({ runMode }) => {
    if (runMode !== "build") forgetArchive();
  });

  // The build command reports problems before Eleventy starts; the dev server has no such step.
  let reportProblems = false;
  config.on("eleventy.before", ({ runMode }) => {
    reportProblems = runMode !== "build";
  });
  const loadReported = new WeakSet<object>();
  const loaded = async () => {
    const result = await getArchive(articlesDir);
    if (reportProblems && !loadReported.has(result)) {
      loadReported.add(result);
      for (const p of result.problems) console.warn(`${p.severity}: ${formatProblem(p)}`);
    }
    return result;
  };

  addFrozenGlobalData(config, "archive", async () => (await loaded()).archive);
  // The pages to render: all of them, or, in an incremental build, those whose data changed.
  addFrozenGlobalData(config, "renderPages", async () => {
    await loaded();
    return selectedPages(articlesDir);
  });
  addFrozenGlobalData(config, "t", async () => (await loaded()).strings.text);
  addFrozenGlobalData(config, "feeds", async () => {
    const { archive, settings } = await loaded();
    return feedSpecs(archive, settings);
  });
  // Only the run that writes everything writes the sitemaps; the others (tens, for a large
  // archive) skip working it out (about 70 ms each at 100,000 articles).
  addFrozenGlobalData(config, "sitemap", async () => (rendersEverything() ? buildSitemap((await loaded()).archive, STATIC_PAGES) : { isIndex: false, parts: [] }));

  config.on("eleventy.after", async ({ directories }) => {
    if (!rendersEverything()) return;
    const { media } = await loaded();
    for (const [from, to] of media) {
      const target = path.join(directories.output, to);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(from, target);
    }
    recordOutputs(media.values());
  });
}
