import type { Archive } from "./archive.ts";
import type { SiteSettings } from "./settings.ts";
import type { ArticleView } from "./views.ts";

export interface FeedSpec {
  title: string;
  /** Where the feed is written. */
  url: string;
  /** The HTML page the feed mirrors. */
  pageUrl: string;
  /** Newest entry's date: a build timestamp would make every build differ. */
  updated: string;
  entries: ArticleView[];
}

const EPOCH = "1970-01-01T00:00:00Z";

/** The site feed and one per section, latest `feedSize` each. */
export function feedSpecs(archive: Archive, site: SiteSettings): FeedSpec[] {
  const head = (list: ArticleView[]) => list.slice(0, site.feedSize);
  const main = head(archive.articles);
  return [
    { title: site.name, url: "/feed.xml", pageUrl: "/", updated: main[0]?.dateIso ?? EPOCH, entries: main },
    ...archive.sections.map((s) => {
      const entries = head(s.articles);
      return { title: `${s.name} · ${site.name}`, url: `${s.url}feed.xml`, pageUrl: s.url, updated: entries[0]?.dateIso ?? EPOCH, entries };
    }),
  ];
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the site feed. */
export function jsonFeed(feed: FeedSpec, site: SiteSettings, absolute: (url: string) => string): string {
  const json = JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: absolute(feed.pageUrl),
    feed_url: absolute("/feed.json"),
    description: site.description,
    language: site.language,
    items: feed.entries.map((e) => ({
      id: absolute(e.url),
      url: absolute(e.url),
      title: e.title,
      content_html: absoluteLinks(e.html(), absolute),
      summary: e.description,
      date_published: e.dateIso,
      ...(e.author ? { authors: [{ name: e.author.name, url: absolute(e.author.url) }] } : {}),
      tags: [...(e.section ? [e.section.name] : []), ...e.tags.map((t) => t.name)],
    })),
  }, null, 2);
  // Same value once parsed; but a feed sniffed or served as HTML can never start markup.
  return json.replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/**
 * Site-relative `href`/`src` in an article's HTML → absolute (origin + path prefix): a feed reader has
 * no page URL to resolve them against. The HTML is markdown-it's, so attributes are always double-quoted.
 */
function absoluteLinks(html: string, absolute: (url: string) => string): string {
  return html.replace(/(\s(?:href|src)=")(\/(?!\/)[^"]*)"/g, (_, attr: string, url: string) => `${attr}${absolute(url)}"`);
}
