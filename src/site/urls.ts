/** `/archive/` + `/2017/08/` → `/archive/2017/08/`; the prefix is the host's sub-path. */
export function withPathPrefix(pathPrefix: string, url: string): string {
  const prefix = `/${pathPrefix.replace(/^\/+|\/+$/g, "")}`.replace(/^\/$/, "");
  return `${prefix}${url.startsWith("/") ? url : `/${url}`}`;
}

/** Absolute URL for feeds, sitemap and canonical links: site origin + path prefix + site path. */
export function absoluteUrl(siteUrl: string, pathPrefix: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return `${siteUrl.replace(/\/+$/, "")}${withPathPrefix(pathPrefix, url)}`;
}
