import type { UserConfig } from "@11ty/eleventy";
import rssPlugin from "@11ty/eleventy-plugin-rss";
import archiveDataPlugin from "./src/site/plugins/archive-data.ts";
import assetsPlugin from "./src/site/plugins/assets.ts";
import filtersPlugin from "./src/site/plugins/filters.ts";
import pagesPlugin from "./src/site/plugins/pages.ts";
import searchPlugin from "./src/site/plugins/search.ts";
import offlinePlugin from "./src/site/plugins/offline.ts";
import { readSiteSettings } from "./src/site/settings.ts";
import inputsPlugin, { eleventyDirectories } from "./src/site/plugins/inputs.ts";
import batchesPlugin from "./src/site/plugins/batches.ts";
import frozenDataPlugin from "./src/site/plugins/frozen-data.ts";
import nunjucksEnvPlugin from "./src/site/plugins/nunjucks-env.ts";
import constantPartialsPlugin from "./src/site/plugins/constant-partials.ts";

/** Composition only: each concern is a local plugin in src/site/plugins/. */
export default function (config: UserConfig) {
  const articlesDir = process.env["ARCHIVE_ARTICLES_DIR"] ?? "articles";
  const site = readSiteSettings();

  config.addPlugin(frozenDataPlugin); // first: global data passed by reference, not copied and proxied per page
  config.addPlugin(inputsPlugin, { articlesDir });
  config.addPlugin(batchesPlugin);
  config.addPlugin(nunjucksEnvPlugin); // one build's runs share their compiled templates

  config.addPlugin(rssPlugin); // also adds Eleventy's HTML <base> plugin: every root-relative URL honours --path-prefix
  config.addPlugin(filtersPlugin, { site });
  config.addPlugin(constantPartialsPlugin);
  config.addPlugin(assetsPlugin);
  config.addPlugin(archiveDataPlugin, { articlesDir });
  config.addPlugin(pagesPlugin);
  config.addPlugin(searchPlugin, { articlesDir });
  config.addPlugin(offlinePlugin, { site, articlesDir });

  return eleventyDirectories();
}
