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
    /**
     * The saved search index, one cache per piece (IndexPiece): `<savedIndex>:<piece id>`, shared by
     * every saved list that needs the piece. Every name starting with `savedIndex` is one of them
     * (the builds before parts kept the whole index in the cache named `savedIndex` itself).
     */
    savedIndex: `${prefix}saved-index`,
  };
}

/** The cache of one saved piece of the search index. */
export function savedIndexCache(names: ReturnType<typeof cacheNames>, pieceId: string): string {
  return `${names.savedIndex}:${pieceId}`;
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
  /**
   * The search index this list needs offline, as pieces each saved once and shared: the mark shards,
   * the primary index (every search loads it) and the index parts holding this list's articles
   * (for `all`, every part). `hash` and `bytes` are those of these pieces together.
   */
  searchIndex: { hash: string; bytes: number; pieces: IndexPiece[] };
  /** The whole archive, search index included, for the "save everything" offer. */
  archive: { articles: number; bytes: number };
}

/**
 * A piece of the search index as saving downloads it: the mark shards (`marks`), the primary index
 * at `pagefind/` (`primary`), or an older part at `pagefind/parts/<id>/` (its id): the entry file,
 * metadata, index chunks and filter files (fragments go with their articles' lists).
 */
export interface IndexPiece {
  id: string;
  /** Folder of its files, relative to the base path (`search/marks/`, `pagefind/`, `pagefind/parts/<id>/`). */
  dir: string;
  /** Content hash of its file list: a saved copy with another hash is out of date. */
  hash: string;
  bytes: number;
  /** Path (relative to the base path) of the JSON array of ListFile. */
  files: string;
}

/** Within a saved piece's cache, the entry that says which version of the piece it holds: `{ hash }`. */
export const SAVED_INDEX_META = `${SAVED_META_PATH}search-index.json`;

/** The JSON stored at `SAVED_META_PATH<id>.json` in a saved cache; `pieces`: ids of the index pieces it needs. */
export type SavedMeta = Pick<OfflineList, "id" | "title" | "page" | "hash" | "articles" | "bytes"> & { savedAt: string; pieces?: string[] };

/** Messages from the service worker to the pages. */
export const MSG_OFFLINE_MISS = "news-archive:offline-miss";
/** Reply to MSG_ASK_SOURCE: this page was served from a cache (it may be older than the site). */
export const MSG_FROM_CACHE = "news-archive:from-cache";
/** Messages from a page to the service worker. */
export const MSG_CACHE_PAGES = "news-archive:cache-pages";
export const MSG_ASK_SOURCE = "news-archive:ask-source";
