/**
 * Content types and cache rules for the built site: the single source for the preview server and
 * the host recipes in deploy/ (nginx, Netlify/Cloudflare `_headers`, S3 sync).
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
  ".pagefind": "application/wasm",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_filter": "application/octet-stream",
};

export function contentTypeFor(path: string): string {
  const dot = path.lastIndexOf(".");
  return (dot >= 0 ? CONTENT_TYPES[path.slice(dot).toLowerCase()] : undefined) ?? "application/octet-stream";
}

const HASHED = /\.[0-9a-f]{10}\.(css|js|json)$|\.pf_(index|fragment|filter)$|\/pagefind\/wasm\.[^/]+\.pagefind$|\.pf_meta$/;

/** HTML and the service worker are revalidated every time; content-hashed files are cached for a year. */
export function cacheControlFor(path: string): string {
  if (/(^|\/)sw\.js$/.test(path)) return "no-cache";
  if (path.endsWith(".html") || path.endsWith("/")) return "no-cache";
  if (HASHED.test(path)) return "public, max-age=31536000, immutable";
  return "public, max-age=3600";
}
