import type { UserConfig } from "@11ty/eleventy";
import { JSON_FEED_URL } from "../derived-pages.ts";
import { nunjucksEnvironment } from "./nunjucks-env.ts";
import { flattened } from "../flat-string.ts";

interface Paged {
  [key: string]: unknown;
}

/** Eleventy 3 takes an 11ty.js virtual template's content as an object with `render`; its published types allow only strings. */
interface WithJavaScriptTemplates {
  addTemplate(virtualPath: string, content: { render(data: object): Promise<string> }, data: Record<string, unknown>): void;
}

/**
 * Every page of the site as a virtual template over the archive model: one template per kind of
 * page, paginated with size 1 over precomputed page data, never one template per article file.
 *
 * The two kinds with a page per article or listing (135,000 pages at 100,000 articles) are
 * JavaScript templates that render their Nunjucks layout through Eleventy's own environment (the
 * same filters, globals and compiled templates), for two costs of Eleventy 3.1's own path, measured
 * at 100,000 articles (CPU profile of the build's main thread):
 * - it compiles a Nunjucks template again for each page of a paginated one (its Nunjucks engine is
 *   not `cacheable`): 2.6 s for a one-line `{% extends %}`, and the garbage of 135,000 functions;
 * - a page's data is a Proxy over the template's data (Eleventy's pagination), which Nunjucks
 *   copies key by key into each render's context, every key through the Proxy's traps: 2.5 s.
 * Here the data the pages share (global data, the template's own) is copied once per run, and each
 * render gets it with the page's own keys (`page`, `pagination`, the item); the HTML is flattened as
 * soon as it is rendered (src/site/flat-string.ts). The output is the same.
 */
export default function pagesPlugin(config: UserConfig): void {
  const each = (data: string, alias: string) => ({ pagination: { data, size: 1, alias, addAllPagesToCollections: false } });
  const page = (name: string, layout: string, data: Record<string, unknown>) =>
    config.addTemplate(`virtual/${name}.njk`, `{% extends "layouts/${layout}.njk" %}`, { eleventyExcludeFromCollections: true, ...data });
  const paged = (name: string, layout: string, alias: string, data: string) =>
    (config as unknown as WithJavaScriptTemplates).addTemplate(`virtual/${name}.11ty.js`, { render: layoutRenderer(config, `layouts/${layout}.njk`, alias) }, {
      eleventyExcludeFromCollections: true, ...each(data, alias), permalink: (d: Paged) => (d[alias] as { url: string }).url,
    });
  const raw = (name: string, include: string, data: Record<string, unknown>) =>
    config.addTemplate(`virtual/${name}.njk`, `{% include "${include}" %}`, { eleventyExcludeFromCollections: true, ...data });

  paged("article", "article", "article", "renderPages.articles");
  paged("listing", "listing", "listing", "renderPages.listings");
  page("sections", "terms", { permalink: "/sections/", termIndex: { titleKey: "allSections", listKey: "sections" } });
  page("tags", "terms", { permalink: "/tags/", termIndex: { titleKey: "allTags", listKey: "tags" } });
  page("authors", "terms", { permalink: "/authors/", termIndex: { titleKey: "allAuthors", listKey: "authors" } });
  page("archive", "archive", { permalink: "/archive/" });
  page("404", "not-found", { permalink: "/404.html" });

  raw("feed-atom", "feeds/atom.njk", { ...each("feeds", "feed"), permalink: (d: Paged) => (d["feed"] as { url: string }).url });
  raw("feed-json", "feeds/json.njk", { ...each("jsonFeed", "feed"), permalink: JSON_FEED_URL });
  raw("sitemap-part", "feeds/sitemap.njk", { ...each("sitemapParts", "sitemapPart"), permalink: (d: Paged) => (d["sitemapPart"] as { url: string }).url });
  raw("sitemap-index", "feeds/sitemap-index.njk", { permalink: (d: Paged) => ((d["sitemap"] as { isIndex: boolean }).isIndex ? "/sitemap.xml" : false) });
  raw("robots", "feeds/robots.njk", { permalink: "/robots.txt" });
}

/** What Eleventy's pagination sets per page; all else in a page's data is the same on every page of a run. */
const PER_PAGE = ["page", "pagination"];

/**
 * A render function for a paginated template whose item is `alias`: the layout rendered with the
 * page's data, as Eleventy's Nunjucks engine renders a template (asynchronously, so that async
 * filters work too).
 */
function layoutRenderer(config: UserConfig, layout: string, alias: string): (data: Paged) => Promise<string> {
  let shared: Paged | null = null;
  // Each run of a build has a configuration of its own; the dev server's rebuilds share one, so each starts afresh.
  config.on("eleventy.before", () => void (shared = null));
  return (data) => {
    shared ??= sharedData(data, [...PER_PAGE, alias]);
    const context: Paged = { ...shared, [alias]: data[alias] };
    for (const key of PER_PAGE) context[key] = data[key];
    return new Promise((resolve, reject) => {
      nunjucksEnvironment(config).render(layout, context, (error, html) => (error ? reject(error) : resolve(flattened(html ?? ""))));
    });
  };
}

/** A plain copy of the data every page of the run shares: all of a page's keys but its own. */
function sharedData(data: Paged, own: readonly string[]): Paged {
  const copy: Paged = {};
  for (const key in data) if (!own.includes(key)) copy[key] = data[key];
  return copy;
}
