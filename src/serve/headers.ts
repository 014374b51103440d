/**
 * Content types and cache rules for the built site: the single source for the preview server and
 * the host recipes in deploy/ (nginx.conf, Netlify/Cloudflare `_headers`, s3-sync.sh). The recipes are
 * plain files a host can read; tests/deploy checks every file of a real build against this module.
 *
 * Paths here are site paths: the URL path with any `--path-prefix` removed (`/pagefind/pagefind.js`,
 * `/2023/06/24/slug/`), so one rule fits a site served at `/` and one served under `/archive/`.
 */
export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  // Pagefind's WebAssembly (`wasm.<language>.pagefind`): with this type the browser compiles it while
  // it downloads (instantiateStreaming); with any other Pagefind falls back and logs a warning.
  ".pagefind": "application/wasm",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_filter": "application/octet-stream",
};

export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

export function contentTypeFor(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return (dot >= 0 ? CONTENT_TYPES[name.slice(dot).toLowerCase()] : undefined) ?? DEFAULT_CONTENT_TYPE;
}

/** The three cache policies the site needs. */
export const CACHE = {
  /** Stored, but revalidated (ETag / Last-Modified) before every use: a new build is seen at once. */
  revalidate: "no-cache",
  /** The name changes whenever the content does: cache for a year, never revalidate. */
  immutable: "public, max-age=31536000, immutable",
  /** Fixed names whose staleness is harmless for an hour (feeds, sitemap, robots.txt, images). */
  short: "public, max-age=3600",
} as const;

export interface CacheRule {
  /** Tested against the site path; the first rule that matches wins. */
  pattern: RegExp;
  cacheControl: string;
  why: string;
}

export const CACHE_RULES: readonly CacheRule[] = [
  { pattern: /(^|\/)sw\.js$/, cacheControl: CACHE.revalidate, why: "the service worker: a new one must be seen at once" },
  { pattern: /(\/|\.html)$/, cacheControl: CACHE.revalidate, why: "pages (directory addresses, 404.html)" },
  {
    // Not content-hashed: `wasm.<language>.pagefind` is named by language (`wasm.unknown.pagefind`), and
    // pagefind.js must match it and the index. A year-long cache would pair a new Pagefind with an old one.
    // Older parts of the index (pagefind/parts/<id>/, src/search/parts.ts) have only their entry file.
    pattern: /^\/pagefind\/(parts\/[^/]+\/)?(pagefind[^/]*\.(js|css|json)|wasm\.[^/]+\.pagefind)$/,
    cacheControl: CACHE.revalidate,
    why: "Pagefind's runtime: fixed names that change with each Pagefind version",
  },
  {
    // The project's convention for everything it names by content: `name.<10 hex digits>.ext`
    // (/assets/style.<hash>.css, /assets/search.<hash>.js, /search/marks/<shard>.<hash>.json...).
    pattern: /\/[^/]+\.[0-9a-f]{10}\.(css|js|json)$/,
    cacheControl: CACHE.immutable,
    why: "stylesheet, scripts and data with a content hash in the name",
  },
  { pattern: /^\/pagefind\/(parts\/[^/]+\/)?(index|fragment|filter)\/[^/]+\.pf_(index|fragment|filter)$/, cacheControl: CACHE.immutable, why: "Pagefind index chunks, content hash in the name" },
  { pattern: /^\/pagefind\/(parts\/[^/]+\/)?pagefind\.[^/]+\.pf_meta$/, cacheControl: CACHE.immutable, why: "Pagefind metadata, content hash in the name" },
];

/** Cache-Control for a site path (see the module comment); anything no rule names is cached briefly. */
export function cacheControlFor(sitePath: string): string {
  return CACHE_RULES.find((r) => r.pattern.test(sitePath))?.cacheControl ?? CACHE.short;
}

/** Sent with every response, like the recipes do. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
};
