/**
 * The archive's service worker (bundled by src/offline/build-service-worker.ts, manifest injected by
 * workbox-build). Runs in a ServiceWorkerGlobalScope; the project compiles against the DOM library,
 * so the few worker-only types it needs are declared below.
 *
 * - Install: precache the shell (stylesheet, scripts, home, search and offline pages, manifest,
 *   icons, the Pagefind runtime: pagefind.js, worker, wasm, and the primary index's entry, meta and
 *   filter files). The older index parts (`pagefind/parts/<id>/`) are not precached.
 * - Pages: network first with a short timeout, then the pages the reader opened, then saved lists,
 *   then the precached copy, then the offline page.
 * - Pagefind's entry files (the primary's and each part's): network first with a short timeout,
 *   then the newest copy this device has (runtime cache, precache, saved index).
 * - Index chunks, fragments, metadata and filters of every part, mark shards, hashed assets: saved
 *   lists, then cache first.
 * - Activate: take over at once and delete caches that this version does not use.
 */
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, getCacheKeyForURL, matchPrecache, precache, type PrecacheEntry } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst, StaleWhileRevalidate, type Strategy } from "workbox-strategies";
import { ExpirationPlugin } from "workbox-expiration";
import { CacheableResponsePlugin } from "workbox-cacheable-response";
import { CACHE_LIMITS, MSG_ASK_SOURCE, MSG_CACHE_PAGES, MSG_FROM_CACHE, MSG_OFFLINE_MISS, NETWORK_TIMEOUT_SECONDS, SAVE_HEADER, cacheNames } from "../names.ts";

interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwClient {
  id: string;
  postMessage(message: unknown): void;
}
interface SwMessageEvent extends SwExtendableEvent {
  data: unknown;
  source: SwClient | null;
}
interface SwGlobal {
  registration: ServiceWorkerRegistration;
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { matchAll(options: { type: "window"; includeUncontrolled?: boolean }): Promise<SwClient[]> };
  addEventListener(type: "activate", listener: (event: SwExtendableEvent) => void): void;
  addEventListener(type: "message", listener: (event: SwMessageEvent) => void): void;
}
type Handle = (options: { request: Request; event: SwExtendableEvent; url: URL }) => Promise<Response>;

const sw = self as unknown as SwGlobal;
const base = new URL(sw.registration.scope).pathname;
const names = cacheNames(base);

// workbox-build replaces `self.__WB_MANIFEST` (literally) with the precached files and their revisions.
precache((self as unknown as { __WB_MANIFEST: PrecacheEntry[] }).__WB_MANIFEST);
cleanupOutdatedCaches();
void sw.skipWaiting();
clientsClaim();

const ok = new CacheableResponsePlugin({ statuses: [200] });
const bounded = (maxEntries: number) => new ExpirationPlugin({ maxEntries, purgeOnQuotaError: true });
/** One cache entry per page, whatever its query (`?highlight=…` from search results). */
const withoutQuery = {
  cacheKeyWillBeUsed: async ({ request }: { request: Request }) => stripQuery(request.url),
};

/** Pages (window clients) that were answered from a cache rather than the network, while this worker runs. */
const servedFromCache = new Set<string>();
const markServedFromCache = (event: SwExtendableEvent) => {
  const id = (event as SwExtendableEvent & { resultingClientId?: string }).resultingClientId;
  if (id) servedFromCache.add(id);
};
const pages = new NetworkFirst({
  cacheName: names.pages,
  networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
  plugins: [withoutQuery, ok, bounded(CACHE_LIMITS.pages), {
    cachedResponseWillBeUsed: async ({ cachedResponse, event }: { cachedResponse?: Response; event: SwExtendableEvent }) => {
      if (cachedResponse) markServedFromCache(event);
      return cachedResponse;
    },
  }],
});
const searchChunks = new CacheFirst({ cacheName: names.search, plugins: [ok, bounded(CACHE_LIMITS.search)] });
const hashedAssets = new CacheFirst({ cacheName: names.assets, plugins: [ok, bounded(CACHE_LIMITS.assets)] });
const media = new StaleWhileRevalidate({ cacheName: names.media, plugins: [ok, bounded(CACHE_LIMITS.media)] });

function stripQuery(url: string): string {
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  return u.href;
}

const inScope = (url: URL) => url.origin === sw.location.origin && url.pathname.startsWith(base);
const path = (url: URL) => url.pathname.slice(base.length);
/** The save button's own downloads go straight to the network (they are stored in saved caches). */
const ours = (request: Request, url: URL) => request.method === "GET" && inScope(url) && !request.headers.has(SAVE_HEADER);

async function matchSaved(url: string): Promise<Response | undefined> {
  const keys = await caches.keys();
  for (const name of keys) {
    if (!name.startsWith(names.savedPrefix) && !name.startsWith(names.savedIndex)) continue;
    // Exact URLs (pages' queries are stripped before): ignoreSearch would scan every entry.
    const hit = await (await caches.open(name)).match(url);
    if (hit) return hit;
  }
  return undefined;
}

/** Tell open pages that something of the search index could not be had offline (the search page says so). */
async function reportMiss(url: string): Promise<void> {
  for (const client of await sw.clients.matchAll({ type: "window" })) client.postMessage({ type: MSG_OFFLINE_MISS, url });
}

/** Saved copy first (immutable, content-hashed files), else the strategy; a failure is reported. */
const savedThen = (strategy: Strategy): Handle => async ({ request, event }) => {
  const saved = await matchSaved(stripQuery(request.url));
  if (saved) return saved;
  try {
    return await strategy.handle({ request, event });
  } catch (error) {
    event.waitUntil(reportMiss(request.url));
    throw error;
  }
};

/** The response a server sent last (its `Date`); on a tie or without dates, the first given. */
function newest(responses: readonly (Response | undefined)[]): Response | undefined {
  let best: Response | undefined;
  let bestTime = -Infinity;
  for (const r of responses) {
    if (!r) continue;
    const time = Date.parse(r.headers.get("date") ?? "");
    if (!best || (Number.isFinite(time) && time > bestTime)) {
      best = r;
      bestTime = Number.isFinite(time) ? time : bestTime;
    }
  }
  return best;
}

// 1. Pagefind's entry files (`pagefind-entry.json?ts=<tag>`, the primary's and each part's at
//    `pagefind/parts/<id>/`) name the index files: like the pages, they come from the network first,
//    so a new build's page never meets an older build's index. Offline, the newest copy the device
//    has: the one search last fetched (runtime cache), the precached one (the primary's, of this
//    worker's build) or a saved one ("Lưu để đọc ngoại tuyến" fetches past this worker), whichever
//    the server sent last, so an older copy never hides the one whose chunks were saved after it.
const entry = new NetworkFirst({
  cacheName: names.search,
  networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
  plugins: [withoutQuery, ok, {
    cachedResponseWillBeUsed: async ({ cachedResponse, request }: { cachedResponse?: Response; request: Request }) => {
      const key = stripQuery(request.url);
      return newest([cachedResponse, await matchPrecache(key), await matchSaved(key)]) ?? null;
    },
  }],
});
registerRoute(
  ({ request, url }) => ours(request, url) && /^pagefind\/(parts\/[^/]+\/)?pagefind-entry\.json$/.test(path(url)),
  (async ({ request, event }) => {
    try {
      return await entry.handle({ request, event });
    } catch (error) {
      event.waitUntil(reportMiss(request.url));
      throw error;
    }
  }) as Handle,
);

// 2. Other precached files: from the precache (any query ignored), else the network.
const precachedKey = (url: URL) => getCacheKeyForURL(stripQuery(url.href));
registerRoute(
  ({ request, url }) => ours(request, url) && request.mode !== "navigate" && precachedKey(url) !== undefined,
  (async ({ request, url }) => (await matchPrecache(stripQuery(url.href))) ?? fetch(request)) as Handle,
);

// 3. Pages: network first; then saved lists, the precached copy, the offline page.
const pageHandler: Handle = async ({ request, event, url }) => {
  try {
    return await pages.handle({ request, event });
  } catch (error) {
    const key = stripQuery(url.href);
    const fallback = (await matchSaved(key))
      ?? (await matchPrecache(key.endsWith("/") ? `${key}index.html` : key))
      ?? (await matchPrecache(`${base}offline/index.html`));
    if (fallback) {
      markServedFromCache(event);
      return fallback;
    }
    throw error;
  }
};
registerRoute(({ request, url }) => ours(request, url) && request.mode === "navigate", pageHandler);

// 4. Search index chunks, fragments, filters and metadata of every part (`pagefind/` and
//    `pagefind/parts/<id>/`; the primary's metadata and filters are precached, route 2), mark
//    shards: immutable names, cache first.
registerRoute(
  ({ request, url }) => ours(request, url) && (/^pagefind\/.*\.pf_(index|fragment|filter|meta)$/.test(path(url)) || path(url).startsWith("search/marks/")),
  savedThen(searchChunks),
);

// 5. Content-hashed scripts and stylesheets (those of an older build that a cached page still uses).
registerRoute(({ request, url }) => ours(request, url) && /^assets\/.+\.[0-9a-f]{10}\.(js|css)$/.test(path(url)), hashedAssets);

// 6. Article images: the cached copy at once, refreshed in the background.
registerRoute(({ request, url }) => ours(request, url) && path(url).startsWith("media/"), (async ({ request, event }) => {
  try {
    return await media.handle({ request, event });
  } catch (error) {
    const saved = await matchSaved(stripQuery(request.url));
    if (saved) return saved;
    throw error;
  }
}) as Handle);

sw.addEventListener("message", (event) => {
  const data = event.data as { type?: unknown; urls?: unknown } | null;
  // A page asks whether it came from a cache: if so, it shows a "new version" notice on update.
  if (data?.type === MSG_ASK_SOURCE && event.source && servedFromCache.has(event.source.id)) event.source.postMessage({ type: MSG_FROM_CACHE });
  // A page opened before this worker controlled it asks to be kept, like any page opened later.
  if (data?.type !== MSG_CACHE_PAGES || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u): u is string => typeof u === "string" && inScope(new URL(u)));
  event.waitUntil(Promise.all(urls.map((u) => pages.handle({ request: new Request(u), event }).catch(() => undefined))));
});

// Old versions' runtime caches go; saved lists stay (the save button updates them).
sw.addEventListener("activate", (event) => {
  const keep = new Set([names.pages, names.search, names.assets, names.media]);
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      const saved = name.startsWith(names.savedPrefix) || name.startsWith(names.savedIndex);
      if (name.startsWith(names.prefix) && !keep.has(name) && !saved) await caches.delete(name);
    }
  })());
});
