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

export interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: PagefindFilters; sort?: Record<string, "asc" | "desc"> }): Promise<PagefindResponse | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
  preload(term: string): Promise<void>;
}
