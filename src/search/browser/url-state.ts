/** The search as it lives in the address bar, so a search can be shared and the back button works. */
export const FILTER_KEYS = ["section", "tag", "author", "year"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type SortOrder = "relevance" | "newest" | "oldest";

export interface SearchState {
  q: string;
  filters: Record<FilterKey, string[]>;
  sort: SortOrder;
  /** Search exactly as typed, without restoring marks. */
  exact: boolean;
}

export function readState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const sort = params.get("sort");
  return {
    q: (params.get("q") ?? "").normalize("NFC"),
    filters: Object.fromEntries(FILTER_KEYS.map((k) => [k, params.getAll(k).filter((v) => v !== "")])) as Record<FilterKey, string[]>,
    sort: sort === "newest" || sort === "oldest" ? sort : "relevance",
    exact: params.get("exact") === "1",
  };
}

export function writeState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const key of FILTER_KEYS) for (const v of state.filters[key]) params.append(key, v);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  if (state.exact) params.set("exact", "1");
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function hasFilters(state: SearchState): boolean {
  return FILTER_KEYS.some((k) => state.filters[k].length > 0);
}
