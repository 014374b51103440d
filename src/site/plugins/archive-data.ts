import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { addFrozenGlobalData } from "./frozen-data.ts";
import { forgetArchive, getArchive, rendersDerived, rendersEverything, selectedPages } from "../archive-store.ts";
import { formatProblem } from "../../article/model.ts";
import { derivedPages, JSON_FEED_URL } from "../derived-pages.ts";
import { recordOutputs } from "../run-outputs.ts";

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
  // Feeds and sitemap parts: only the run that writes everything writes them, and in an incremental
  // build only those whose entries changed (src/site/render-plan.ts). The other runs (tens, for a
  // large archive) skip working the sitemap out (about 70 ms at 100,000 articles).
  const derived = async () => {
    const { archive, settings } = await loaded();
    return derivedPages(archive, settings);
  };
  addFrozenGlobalData(config, "feeds", async () => (rendersEverything() ? (await derived()).feeds.filter((f) => rendersDerived(f.url)) : []));
  addFrozenGlobalData(config, "jsonFeed", async () => (rendersDerived(JSON_FEED_URL) ? (await derived()).feeds.slice(0, 1) : []));
  // The index lists every part; the parts' own files are written as the feeds are.
  addFrozenGlobalData(config, "sitemap", async () => (rendersEverything() ? (await derived()).sitemap : { isIndex: false, parts: [] }));
  addFrozenGlobalData(config, "sitemapParts", async () => (rendersEverything() ? (await derived()).sitemap.parts.filter((p) => rendersDerived(p.url)) : []));

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
