import type { Archive } from "./archive.ts";

export interface SitemapPart {
  url: string;
  lastmod?: string;
  urls: { url: string; lastmod?: string }[];
}

export interface Sitemap {
  /** True when `/sitemap.xml` is an index of parts (more than `perPart` URLs). */
  isIndex: boolean;
  parts: SitemapPart[];
}

/** Every article and every listing's first page, in parts of at most 50,000 URLs (the protocol's limit). */
export function buildSitemap(archive: Archive, staticUrls: readonly string[], perPart = 50_000): Sitemap {
  const listed = new Set(archive.listings.map((l) => l.url));
  const urls: { url: string; lastmod?: string }[] = [
    ...staticUrls.filter((url) => !listed.has(url)).map((url) => ({ url })),
    ...archive.listings.filter((l) => l.pageNumber === 1).map((l) => {
      const newest = l.items[0]?.dateIso;
      return newest ? { url: l.url, lastmod: newest } : { url: l.url };
    }),
    ...archive.articles.map((a) => ({ url: a.url, lastmod: a.dateIso })),
  ];
  const parts: SitemapPart[] = [];
  for (let i = 0; i < Math.max(1, urls.length); i += perPart) {
    const slice = urls.slice(i, i + perPart);
    const lastmod = slice.map((u) => u.lastmod ?? "").sort().at(-1);
    const part: SitemapPart = { url: `/sitemap-${parts.length + 1}.xml`, urls: slice };
    if (lastmod) part.lastmod = lastmod;
    parts.push(part);
  }
  const isIndex = parts.length > 1;
  if (!isIndex && parts[0]) parts[0].url = "/sitemap.xml";
  return { isIndex, parts };
}
