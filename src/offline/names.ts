/**
 * Names shared by the build, the service worker and the pages' scripts: cache names, the offline
 * lists' file names and shapes, and the messages the service worker sends. No Node or DOM imports.
 */

/** Bump when the runtime caches' layout changes: the next service worker deletes the old ones. */
export const CACHE_VERSION = "v1";

/**
 * Every cache name carries the site's base path, so two archives under different path prefixes
 * of one host never read or delete each other's caches.
 */
export function cacheNames(base: string) {
  const prefix = `news-archive:${base}:`;
  return {
    prefix,
    /** HTML pages the reader opened (network first). */
    pages: `${prefix}pages-${CACHE_VERSION}`,
    /** Pagefind index chunks and fragments, Vietnamese mark shards (cache first). */
    search: `${prefix}search-${CACHE_VERSION}`,
    /** Content-hashed scripts and stylesheets of other builds than the precached one. */
    assets: `${prefix}assets-${CACHE_VERSION}`,
    /** Article images. */
    media: `${prefix}media-${CACHE_VERSION}`,
    /** One cache per list saved with "Lưu để đọc ngoại tuyến": `<savedPrefix><list id>`. */
    savedPrefix: `${prefix}saved:`,
    /** The whole search index, shared by every saved list. */
    savedIndex: `${prefix}saved-index`,
  };
}

/** Bounds of the runtime caches (entries; the oldest go first). Saved lists are not bounded. */
export const CACHE_LIMITS = { pages: 200, search: 400, assets: 60, media: 150 } as const;

/** Seconds a page request waits for the network before the cached copy is shown. */
export const NETWORK_TIMEOUT_SECONDS = 3;

/** Requests the save button makes carry this header; the service worker leaves them to the network. */
export const SAVE_HEADER = "x-archive-save";

/** Site path of the offline lists folder (under the base path). */
export const LISTS_DIR = "offline/lists/";

/** Within a saved cache, the entry that says what was saved (its presence means "complete"). */
export const SAVED_META_PATH = "offline/saved/";

/** `year-2023`, `section-kinh-te`, from a listing's kind and base URL (`/2023/`, `/sections/kinh-te/`). */
export function listId(kind: string, baseUrl: string): string {
  const slug = baseUrl.split("/").filter(Boolean).pop() ?? "";
  return `${kind}-${slug}`;
}

/** One file to download, relative to the base path, with its size in bytes. */
export type ListFile = [path: string, bytes: number];

/**
 * `offline/lists/<id>.json` (small, fetched fresh when a listing opens): what saving a year, a
 * section or the whole archive (`all`) takes. The files themselves are listed apart, in a
 * content-hashed `offline/lists/<id>.<hash>.json`, fetched only when the reader saves.
 */
export interface OfflineList {
  id: string;
  title: string;
  /** Listing page of this list, relative to the base path. */
  page: string;
  /** Content hash of the file list: a saved copy with another hash is out of date. */
  hash: string;
  articles: number;
  bytes: number;
  /** Path (relative to the base path) of the JSON array of ListFile. */
  files: string;
  /** The search index every save includes: every Pagefind index chunk and mark shard. */
  searchIndex: { hash: string; bytes: number; files: string };
  /** The whole archive, search index included, for the "save everything" offer. */
  archive: { articles: number; bytes: number };
}

/** The JSON stored at `SAVED_META_PATH<id>.json` in a saved cache. */
export type SavedMeta = Pick<OfflineList, "id" | "title" | "page" | "hash" | "articles" | "bytes"> & { savedAt: string };

/** Messages from the service worker to the pages. */
export const MSG_OFFLINE_MISS = "news-archive:offline-miss";
/** Reply to MSG_ASK_SOURCE: this page was served from a cache (it may be older than the site). */
export const MSG_FROM_CACHE = "news-archive:from-cache";
/** Messages from a page to the service worker. */
export const MSG_CACHE_PAGES = "news-archive:cache-pages";
export const MSG_ASK_SOURCE = "news-archive:ask-source";
