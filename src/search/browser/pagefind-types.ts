/** The part of Pagefind's browser API (pagefind.js) this project calls. */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

export interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}

export interface PagefindResponse {
  results: PagefindResult[];
  unfilteredResultCount: number;
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}

export type PagefindFilters = Record<string, { any: string[] }>;

export type PagefindSort = Record<string, "asc" | "desc">;

export interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  /**
   * Adds another index (its folder's URL) to every later search, sharing this one's WebAssembly and
   * worker; it fetches that index's entry and meta files now. Options are per index (`baseUrl`,
   * `highlightParam`, `metaCacheTag`, `mergeFilter`: a filter value given to all of its pages...).
   * There is no way to take an index out again, and one whose files failed to load stays in.
   */
  mergeIndex(url: string, options?: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: { filters?: PagefindFilters; sort?: PagefindSort }): Promise<PagefindResponse | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
  preload(term: string): Promise<void>;
}
