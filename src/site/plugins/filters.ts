import type { UserConfig } from "@11ty/eleventy";
import { absoluteUrl, withPathPrefix } from "../urls.ts";
import { jsonForScript, newsArticleJsonLd } from "../structured-data.ts";
import { jsonFeed, type FeedSpec } from "../feeds.ts";
import type { SiteSettings } from "../settings.ts";
import type { ArticleView } from "../views.ts";
import { contentSecurityPolicy } from "../csp.ts";

/**
 * Template filters. The path prefix is read when a filter runs: it is set after plugins load.
 * Nunjucks filters, not Eleventy's universal ones (`addFilter`): the templates are all Nunjucks, and
 * Eleventy wraps each universal filter anew for every page of a JavaScript template (the article and
 * listing pages, src/site/plugins/pages.ts) and for every call.
 */
export default function filtersPlugin(config: UserConfig, options: { site: SiteSettings }): void {
  const { site } = options;
  const absolute = (url: string) => absoluteUrl(site.url, config.pathPrefix, url);

  config.addNunjucksFilter("fullUrl", (url: string) => absolute(url));
  /** `"Trang {page}/{total}" | fill({ page: 2, total: 5 })`. */
  config.addNunjucksFilter("fill", (template: string, values: Record<string, unknown>) =>
    String(template).replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? "")));
  config.addNunjucksFilter("articleJsonLd", (article: ArticleView) => jsonForScript(newsArticleJsonLd(article, site, absolute)));
  config.addNunjucksFilter("jsonFeed", (feed: FeedSpec) => jsonFeed(feed, site, absolute));
  config.addNunjucksFilter("cspPolicy", (needsWasm: boolean | undefined) => contentSecurityPolicy({ wasm: Boolean(needsWasm) }));
  keepPagesNamedLikeThePrefix(config);
}

interface UrlTransforms {
  addUrlTransform(extensions: string, callback: (url: string) => string, options: { priority: number; enabled: () => boolean }): void;
}

/**
 * Eleventy's HTML base plugin (priority -2) takes a root-relative URL equal to the path prefix for one
 * that already has it: under `--path-prefix /archive/` the link to the archive page `/archive/` became
 * the home page, and the archive page (and the years and months only it links to) could not be reached.
 * Every URL in a template is a site path, so such a URL is carried past the plugin under a scheme it
 * leaves alone (it skips full URLs), then given the prefix.
 */
function keepPagesNamedLikeThePrefix(config: UserConfig): void {
  const transformer = (config as unknown as { htmlTransformer: UrlTransforms }).htmlTransformer;
  const SCHEME = "archive-site-path:";
  // Like the base plugin, only with a path prefix: at `/` the pages are not re-serialised at all.
  const enabled = () => config.pathPrefix !== "/";
  transformer.addUrlTransform("html", (url) => {
    if (!url.startsWith("/")) return url;
    const pathname = url.replace(/[?#].*$/, "");
    return pathname === config.pathPrefix || `${pathname}/` === config.pathPrefix ? `${SCHEME}${url}` : url;
  }, { priority: -1, enabled });
  transformer.addUrlTransform("html", (url) => (url.startsWith(SCHEME) ? withPathPrefix(config.pathPrefix, url.slice(SCHEME.length)) : url), { priority: -3, enabled });
}
