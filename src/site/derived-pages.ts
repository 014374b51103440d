import type { Archive } from "./archive.ts";
import { feedSpecs, type FeedSpec } from "./feeds.ts";
import type { SiteSettings } from "./settings.ts";
import { buildSitemap, type Sitemap } from "./sitemap.ts";

/** The site's pages that are not articles or listings, by address (the sitemap and the offline list `all` name them). */
export const STATIC_PAGES = ["/", "/sections/", "/tags/", "/authors/", "/archive/", "/search/"];

/** The JSON Feed's address: the site feed (the first of `feeds`) in JSON. */
export const JSON_FEED_URL = "/feed.json";

/**
 * The files made from many articles at once that an incremental build writes only when what they
 * show changed, as it does listings (src/site/render-plan.ts): the Atom feeds, the JSON Feed and the
 * sitemap's parts. At 100,000 articles they took an edit-one rebuild's Eleventy about 1 s: the feeds
 * read and render 800 article bodies, the sitemap is 135,000 addresses.
 */
export interface DerivedPages {
  feeds: FeedSpec[];
  sitemap: Sitemap;
}

const known = new WeakMap<Archive, DerivedPages>();

/** Worked out once per archive: the build's plan hashes them, and the Eleventy runs publish the same objects. */
export function derivedPages(archive: Archive, settings: SiteSettings): DerivedPages {
  let pages = known.get(archive);
  if (!pages) known.set(archive, (pages = { feeds: feedSpecs(archive, settings), sitemap: buildSitemap(archive, STATIC_PAGES) }));
  return pages;
}
