import type { UserConfig } from "@11ty/eleventy";
import { absoluteUrl } from "../urls.ts";
import { jsonForScript, newsArticleJsonLd } from "../structured-data.ts";
import { jsonFeed, type FeedSpec } from "../feeds.ts";
import type { SiteSettings } from "../settings.ts";
import type { ArticleView } from "../views.ts";
import { contentSecurityPolicy } from "../csp.ts";

/** Template filters. The path prefix is read when a filter runs: it is set after plugins load. */
export default function filtersPlugin(config: UserConfig, options: { site: SiteSettings }): void {
  const { site } = options;
  const absolute = (url: string) => absoluteUrl(site.url, config.pathPrefix, url);

  config.addFilter("fullUrl", (url: string) => absolute(url));
  /** `"Trang {page}/{total}" | fill({ page: 2, total: 5 })`. */
  config.addFilter("fill", (template: string, values: Record<string, unknown>) =>
    String(template).replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? "")));
  config.addFilter("articleJsonLd", (article: ArticleView) => jsonForScript(newsArticleJsonLd(article, site, absolute)));
  config.addFilter("jsonFeed", (feed: FeedSpec) => jsonFeed(feed, site, absolute));
  config.addFilter("cspPolicy", (needsWasm: boolean | undefined) => contentSecurityPolicy({ wasm: Boolean(needsWasm) }));
}
