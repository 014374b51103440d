import type { UserConfig } from "@11ty/eleventy";
import rssPlugin from "@11ty/eleventy-plugin-rss";
import archiveDataPlugin from "../site/plugins/archive-data.ts";
import assetsPlugin from "../site/plugins/assets.ts";
import filtersPlugin from "../site/plugins/filters.ts";
import { readSiteSettings } from "../site/settings.ts";
import inputsPlugin, { eleventyDirectories } from "../site/plugins/inputs.ts";
import frozenDataPlugin, { addFrozenGlobalData } from "../site/plugins/frozen-data.ts";
import constantPartialsPlugin from "../site/plugins/constant-partials.ts";

/**
 * The benchmark's baseline: the strongest plain Eleventy pipeline for the same articles. The project's
 * own archive model, filters and stylesheet, and ONE virtual template paginated over the parsed
 * articles with the same article layout; no listings, feeds, sitemap, search page, mark statistics or
 * offline files. Its search index is the plain Pagefind CLI, run afterwards (src/bench/baseline.ts).
 */
export default function (config: UserConfig) {
  const articlesDir = process.env["ARCHIVE_ARTICLES_DIR"] ?? "articles";
  const site = readSiteSettings();

  config.addPlugin(frozenDataPlugin); // as the site's own configuration: the baseline gets the same data handling
  config.addPlugin(inputsPlugin, { articlesDir });

  config.addPlugin(rssPlugin); // the layout's `htmlBaseUrl` filter
  config.addPlugin(filtersPlugin, { site });
  config.addPlugin(constantPartialsPlugin); // the layout's header, footer and head links, rendered once as for the site
  config.addPlugin(assetsPlugin);
  config.addPlugin(archiveDataPlugin, { articlesDir });
  // What the layouts read from plugins this baseline leaves out: addresses only, no files behind them.
  addFrozenGlobalData(config, "scripts", { search: "/assets/search.js", highlight: "/assets/highlight.js" });
  addFrozenGlobalData(config, "offline", { register: "/assets/offline-register.js", save: "/assets/offline-save.js", page: "/assets/offline-page.js", themeColor: "#ffffff", pagefindTag: "" });

  config.addTemplate("virtual/article.njk", `{% extends "layouts/article.njk" %}`, {
    eleventyExcludeFromCollections: true,
    pagination: { data: "archive.articles", size: 1, alias: "article", addAllPagesToCollections: false },
    permalink: (d: Record<string, unknown>) => (d["article"] as { url: string }).url,
  });

  return eleventyDirectories();
}
