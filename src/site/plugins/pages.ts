import type { UserConfig } from "@11ty/eleventy";
import { JSON_FEED_URL } from "../derived-pages.ts";

interface Paged {
  [key: string]: unknown;
}

/**
 * Every page of the site as a virtual template over the archive model: one template per kind of
 * page, paginated with size 1 over precomputed page data, never one template per article file.
 */
export default function pagesPlugin(config: UserConfig): void {
  const page = (name: string, layout: string, data: Record<string, unknown>) =>
    config.addTemplate(`virtual/${name}.njk`, `{% extends "layouts/${layout}.njk" %}`, { eleventyExcludeFromCollections: true, ...data });
  const raw = (name: string, include: string, data: Record<string, unknown>) =>
    config.addTemplate(`virtual/${name}.njk`, `{% include "${include}" %}`, { eleventyExcludeFromCollections: true, ...data });
  const each = (data: string, alias: string) => ({ pagination: { data, size: 1, alias, addAllPagesToCollections: false } });

  page("article", "article", { ...each("renderPages.articles", "article"), permalink: (d: Paged) => (d["article"] as { url: string }).url });
  page("listing", "listing", { ...each("renderPages.listings", "listing"), permalink: (d: Paged) => (d["listing"] as { url: string }).url });
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
