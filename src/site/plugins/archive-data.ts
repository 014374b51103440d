import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { forgetArchive, getArchive } from "../archive-store.ts";
import { formatProblem } from "../../article/model.ts";
import { feedSpecs } from "../feeds.ts";
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

  const loaded = async () => {
    const result = await getArchive(articlesDir);
    if (!loadReported.has(result)) {
      loadReported.add(result);
      for (const p of result.problems) console.warn(`${p.severity}: ${formatProblem(p)}`);
    }
    return result;
  };
  const loadReported = new WeakSet<object>();

  config.addGlobalData("archive", async () => (await loaded()).archive);
  config.addGlobalData("t", async () => (await loaded()).strings.text);
  config.addGlobalData("feeds", async () => {
    const { archive, settings } = await loaded();
    return feedSpecs(archive, settings);
  });
  config.addGlobalData("sitemap", async () => buildSitemap((await loaded()).archive, STATIC_PAGES));

  config.on("eleventy.after", async ({ dir }) => {
    const { media } = await loaded();
    for (const [from, to] of media) {
      const target = path.join(dir.output, to);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(from, target);
    }
  });
}
