import { restoreMarks, shardsFor } from "../restore-marks.ts";
import type { MarkShard } from "../mark-model.ts";
import type { PartSummary } from "../parts.ts";
import { coveredParts, partOrder, yearRanges } from "./coverage.ts";
import { excerptFragment } from "./excerpt.ts";
import type { PagefindApi, PagefindFilters, PagefindResponse, PagefindResult, PagefindSort } from "./pagefind-types.ts";
import { FILTER_KEYS, hasFilters, readState, writeState, type FilterKey, type SearchState } from "./url-state.ts";

/**
 * The search page: Pagefind's JS API with our own UI (Vietnamese mark restoration, filters, sort, paging).
 *
 * The index is built in parts, each a span of months (src/search/parts.ts). Only the newest is loaded
 * with the page; older parts are merged into it (Pagefind's mergeIndex) when a search needs them: until
 * its results fill the page shown, for a year filter those years' parts, or all when the reader asks.
 * So what a first search transfers depends on the size of the newest part, not of the archive; until
 * every part a search can use is searched, the page says which years its results come from.
 */

const PAGE_SIZE = 10;
const MAX_FILTER_VALUES = 15;
const TYPING_DEBOUNCE_MS = 40;
/** Pagefind's synthetic filter that tells the parts apart: every page of part i has `part: "i"`. */
const PART = "part";

/** One search as Pagefind is asked it. */
interface Query {
  typed: string;
  /** The query searched: `typed` with marks restored, unless searching exactly. */
  effective: string;
  filters: PagefindFilters;
  sort: PagefindSort | undefined;
  /** The parts that can hold its results, in the order they are shown and merged (src/search/browser/coverage.ts). */
  order: number[];
}

/** A query's results over the parts searched so far. */
interface Listing {
  query: Query;
  /** The parts searched: a run from the start of `query.order`. */
  covered: number[];
  /** Over the covered parts: the results (their count), filter counts, and results per part. */
  res: PagefindResponse;
  /** The results in the order shown, as far as known so far. */
  ordered: PagefindResult[];
  /** Date orders: covered parts with results, whose results are not in `ordered` yet. */
  pending: number[];
}

const app = document.getElementById("search-app");
if (app) void start(app);

async function start(app: HTMLElement): Promise<void> {
  const base = document.documentElement.dataset["base"] ?? "/";
  const strings = JSON.parse(app.dataset["strings"] ?? "{}") as Record<string, string>;
  const markIndexUrl = app.dataset["marksIndex"] ?? "";
  // Newest first; the first is the primary index at pagefind/ (a page built without parts has just that).
  const parts = JSON.parse(app.dataset["parts"] || "[]") as PartSummary[];
  if (parts.length === 0) parts.push({ dir: "pagefind/", years: [], articles: 0 });
  const t = (key: string, values: Record<string, string | number> = {}) =>
    (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

  const form = app.querySelector<HTMLFormElement>("form.search-main")!;
  const input = form.querySelector<HTMLInputElement>("input[name=q]")!;
  const sortSelect = app.querySelector<HTMLSelectElement>("select[name=sort]")!;
  const filtersBox = app.querySelector<HTMLElement>(".search-filters")!;
  const status = app.querySelector<HTMLElement>(".search-status")!;
  const notice = app.querySelector<HTMLElement>(".search-notice")!;
  const list = app.querySelector<HTMLOListElement>(".search-results")!;
  const more = app.querySelector<HTMLButtonElement>(".search-more")!;
  // "Search the earlier years too": shown while a search has not covered every part it could.
  const widen = document.createElement("button");
  widen.type = "button";
  widen.className = "search-widen";
  widen.hidden = true;
  status.after(widen);
  status.textContent = t("searchLoading");
  const pagefind = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as PagefindApi;
  // The same for the primary index and every part merged into it, so results of all parts link,
  // highlight and cache alike. metaCacheTag: one entry-file URL per index, so browsers and the service
  // worker may cache it.
  const tag = app.dataset["pagefindTag"] || null;
  const indexOptions = { baseUrl: base, highlightParam: "highlight", excerptLength: 30, metaCacheTag: tag };
  await pagefind.options({ ...indexOptions, mergeFilter: { [PART]: "0" } });
  await pagefind.init();

  const merged = new Set([0]);
  // Parts that could not be loaded (offline, a fetch error) are skipped, and tried again once online.
  const failed = new Set<number>();
  const merging = new Map<number, Promise<void>>();
  const done = (i: number) => merged.has(i) || failed.has(i);
  window.addEventListener("online", () => {
    for (const i of failed) merging.delete(i);
    failed.clear();
  });

  /**
   * Pagefind keeps a merged index even when its entry or meta file failed to load, and from then on
   * every search fails. So fetch both first (Pagefind then reads them from the browser's cache) and
   * merge only a part whose files came.
   */
  const fetchIndexFiles = async (dir: string) => {
    const entry = await fetch(`${dir}pagefind-entry.json${tag ? `?ts=${encodeURIComponent(tag)}` : ""}`);
    if (!entry.ok) throw new Error(`${entry.status} ${entry.url}`);
    const { languages } = (await entry.json()) as { languages: Record<string, { hash: string }> };
    await Promise.all(Object.values(languages).map(async ({ hash }) => {
      const meta = await fetch(`${dir}pagefind.${hash}.pf_meta`);
      if (!meta.ok) throw new Error(`${meta.status} ${meta.url}`);
      await meta.arrayBuffer();
    }));
  };

  /** Merge part i (once, however many searches ask for it at the same time). */
  const merge = (i: number): Promise<void> => {
    let merge = merging.get(i);
    if (!merge) {
      const dir = `${base}${parts[i]?.dir ?? ""}`;
      merge = fetchIndexFiles(dir)
        .then(() => pagefind.mergeIndex(dir, { ...indexOptions, mergeFilter: { [PART]: String(i) } }))
        .then(() => void merged.add(i), () => void failed.add(i));
      merging.set(i, merge);
    }
    return merge;
  };

  const shards = new Map<string, MarkShard>();
  // Which file holds each shard: fetched with the first query that has an unmarked word.
  let markIndex: Promise<Record<string, string>> | null = null;
  const loadShards = async (query: string) => {
    const needed = shardsFor(query).filter((s) => !shards.has(s));
    if (needed.length === 0 || markIndexUrl === "") return;
    markIndex ??= fetch(`${base}${markIndexUrl.replace(/^\//, "")}`).then((r) => (r.ok ? (r.json() as Promise<Record<string, string>>) : Promise.reject(new Error(String(r.status)))));
    // Offline and never fetched: search with the query as typed, and try again next time.
    const markFiles = await markIndex.catch(() => ((markIndex = null), {} as Record<string, string>));
    const wanted = needed.filter((s) => markFiles[s]);
    await Promise.all(wanted.map(async (s) => {
      // Offline, a shard never fetched is missing: search with the query as typed.
      const res = await fetch(`${base}${(markFiles[s] ?? "").replace(/^\//, "")}`).catch(() => null);
      if (res?.ok) shards.set(s, (await res.json()) as MarkShard);
    }));
  };

  let state = readState(location.search);
  let sequence = 0;
  let listing: Listing | null = null;
  /** Ids of the results on the page, so a result is never shown twice when more parts come in. */
  let shown = new Set<string>();

  /** A state as Pagefind is asked it: marks restored unless `exact`, filters, sort, the parts it needs. */
  const prepare = async (s: SearchState): Promise<Query> => {
    const typed = s.q.trim();
    let effective = typed;
    if (typed !== "" && !s.exact) {
      await loadShards(typed);
      effective = restoreMarks(typed, shards).query;
    }
    const filters: PagefindFilters = {};
    for (const key of FILTER_KEYS) if (s.filters[key].length > 0) filters[key] = { any: s.filters[key] };
    // Browsing by filter alone, or asking for an order, sorts by date; otherwise Pagefind's relevance.
    const sort: PagefindSort | undefined = s.sort === "oldest" ? { date: "asc" } : s.sort === "newest" || typed === "" ? { date: "desc" } : undefined;
    return { typed, effective, filters, sort, order: partOrder(parts, s.filters.year, s.sort === "oldest") };
  };

  /** Pagefind's search over some parts only (the others may be merged, for other searches). */
  const searchParts = async (q: Query, among: readonly number[]): Promise<PagefindResponse | null> => {
    // An empty `any` would not filter at all.
    if (among.length === 0) return { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {} };
    const filters = { ...q.filters, [PART]: { any: among.map(String) } };
    return pagefind.search(q.effective === "" ? null : q.effective, { filters, ...(q.sort ? { sort: q.sort } : {}) });
  };

  /** Search the parts covered so far, merging the next in order while fewer than `want` results are found. */
  const searchCovering = async (q: Query, want: number): Promise<Listing | null> => {
    for (;;) {
      const covered = coveredParts(q.order, done);
      const res = await searchParts(q, covered);
      const next = q.order[covered.length];
      if (!res) return null;
      if (res.results.length >= want || next === undefined) {
        // Pagefind ranks merged results by score, and under a date sort the score is a result's
        // place in its own part, so the parts' results would interleave. Parts are disjoint spans
        // of time: their own date-sorted results, one part after another, are the order.
        if (!q.sort || covered.length === 1) return { query: q, covered, res, ordered: res.results, pending: [] };
        const pending = covered.filter((i) => (res.filters[PART]?.[String(i)] ?? 0) > 0);
        return { query: q, covered, res, ordered: [], pending };
      }
      await merge(next);
    }
  };

  /** The next `n` results not on the page yet; a date order searches the next covered part when short. */
  const nextResults = async (l: Listing, n: number): Promise<PagefindResult[]> => {
    const fresh = () => l.ordered.filter((r) => !shown.has(r.id));
    while (fresh().length < n) {
      const part = l.pending.shift();
      if (part === undefined) break;
      l.ordered.push(...((await searchParts(l.query, [part]))?.results ?? []));
    }
    return fresh().slice(0, n);
  };

  const render = async (seq: number, l: Listing) => {
    const { typed, effective } = l.query;
    notice.replaceChildren();
    if (effective !== typed) {
      notice.append(t("restoredNotice", { restored: effective }), " ");
      const exact = document.createElement("a");
      exact.href = writeState({ ...state, exact: true }) || "?";
      exact.textContent = t("searchExact", { typed });
      exact.addEventListener("click", (e) => { e.preventDefault(); update({ ...state, exact: true }, true); });
      notice.append(exact);
    }
    renderStatus(l);
    list.replaceChildren();
    shown = new Set();
    await showMore(seq);
    renderFilters(l.res);
  };

  /** The count; until every part the search can use is searched, which years it covers, and the button for the rest. */
  const renderStatus = (l: Listing) => {
    const total = l.res.results.length;
    const rest = l.query.order.slice(l.covered.length);
    const years = (of: number[]) => yearRanges(of.flatMap((i) => parts[i]?.years ?? []));
    let text = total === 0 ? t("noResults") : rest.length > 0
      ? t("resultCountYears", { count: total, years: years(l.covered.filter((i) => !failed.has(i))) })
      : t("resultCount", { count: total });
    const missing = l.covered.filter((i) => failed.has(i));
    if (missing.length > 0) text += ` ${t("searchPartsMissing", { years: years(missing) })}`;
    status.textContent = text;
    widen.hidden = rest.length === 0;
    if (rest.length > 0) widen.textContent = t(l.query.sort?.["date"] === "asc" ? "searchLaterYears" : "searchEarlierYears", { years: years(rest) });
    widen.disabled = false;
  };

  const showMore = async (seq: number) => {
    let l = listing;
    if (!l) return;
    more.disabled = true;
    const want = shown.size + PAGE_SIZE;
    // The parts searched so far have run out: search the next ones too.
    if (l.res.results.length < want && l.covered.length < l.query.order.length) {
      const grown = await searchCovering(l.query, want);
      if (seq !== sequence || !grown) return;
      listing = l = grown;
      renderStatus(l);
      renderFilters(l.res);
      loadFilters();
    }
    const next = await nextResults(l, PAGE_SIZE);
    // Offline, a result whose fragment was never fetched cannot be shown; the others still are.
    const settled = await Promise.allSettled(next.map((r) => r.data()));
    const data = settled.flatMap((d) => (d.status === "fulfilled" ? [d.value] : []));
    if (seq !== sequence) return;
    // Browsing by filter has no words to highlight: drop Pagefind's empty `?highlight=`.
    for (const d of data) list.append(resultItem(d.url.replace(/\?highlight=$/, ""), d.meta["title"] ?? d.url, d.filters["section"]?.[0], d.meta["date"], d.excerpt));
    for (const r of next) shown.add(r.id);
    more.hidden = shown.size >= l.res.results.length && l.covered.length === l.query.order.length;
    more.disabled = false;
  };

  const resultItem = (url: string, title: string, section: string | undefined, date: string | undefined, excerpt: string) => {
    const li = document.createElement("li");
    li.className = "search-result";
    if (section) {
      const kicker = document.createElement("p");
      kicker.className = "kicker";
      kicker.textContent = section;
      li.append(kicker);
    }
    const h = document.createElement("h2");
    const a = document.createElement("a");
    a.href = url;
    a.textContent = title;
    h.append(a);
    li.append(h);
    if (date) {
      const meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = date;
      li.append(meta);
    }
    const p = document.createElement("p");
    p.className = "excerpt";
    p.append(excerptFragment(excerpt));
    li.append(p);
    return li;
  };

  const renderFilters = (res: PagefindResponse) => {
    filtersBox.replaceChildren();
    for (const key of FILTER_KEYS) {
      const counts = res.filters[key] ?? {};
      const chosen = new Set(state.filters[key]);
      let values = Object.entries(counts).filter(([v, n]) => n > 0 || chosen.has(v));
      // Years of parts not searched yet are offered too, without a count: choosing one searches its part.
      if (key === "year") for (const [i, p] of parts.entries()) if (!merged.has(i)) for (const y of p.years) if (!(y in counts)) values.push([y, -1]);
      values.sort(key === "year" ? (a, b) => (a[0] < b[0] ? 1 : -1) : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "vi"));
      values = values.filter(([v], i) => i < MAX_FILTER_VALUES || chosen.has(v));
      if (values.length === 0) continue;
      const fieldset = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = t(`filter_${key}`);
      fieldset.append(legend);
      for (const [value, count] of values) {
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = key;
        box.value = value;
        box.checked = chosen.has(value);
        box.addEventListener("change", () => toggleFilter(key, value, box.checked));
        label.append(box, ` ${value} `);
        if (count >= 0) {
          const n = document.createElement("span");
          n.className = "count";
          n.textContent = `(${count})`;
          label.append(n);
        }
        fieldset.append(label);
      }
      filtersBox.append(fieldset);
    }
  };

  const toggleFilter = (key: FilterKey, value: string, on: boolean) => {
    const values = state.filters[key].filter((v) => v !== value);
    if (on) values.push(value);
    update({ ...state, filters: { ...state.filters, [key]: values } }, true);
  };

  const run = async () => {
    const seq = ++sequence;
    if (state.q.trim() === "" && !hasFilters(state)) {
      listing = null;
      list.replaceChildren();
      notice.replaceChildren();
      more.hidden = true;
      widen.hidden = true;
      filtersBox.replaceChildren();
      status.textContent = t("searchPrompt");
      return;
    }
    const q = await prepare(state);
    if (seq !== sequence) return;
    // A year filter needs exactly the parts that hold those years: all of them, and no other.
    if (state.filters.year.length > 0) await Promise.all(q.order.filter((i) => !done(i)).map(merge));
    const l = await searchCovering(q, PAGE_SIZE);
    if (seq !== sequence || !l) return;
    listing = l;
    await render(seq, l);
    if (seq !== sequence) return;
    // User Timing marks: how long from the last keystroke to results on screen (measured by scripts/eval-search.ts).
    performance.mark("search-rendered");
    app.dataset["state"] = "done";
    loadFilters();
  };

  // Pagefind fills a search's filter counts only once its filter index is loaded. That index is not
  // needed to show results and weighs as much as they do (75 kB at 14,000 articles), so it is
  // fetched after the first results are on screen; filters appear a moment later. Each part has its
  // own, so this runs again (fetching only the new parts' files) once more parts are merged.
  let filtersFor = 0;
  const loadFilters = () => {
    if (filtersFor === merged.size) return;
    filtersFor = merged.size;
    pagefind.filters().then(async () => {
      const [at, l] = [sequence, listing];
      const again = l && (await searchParts(l.query, l.covered));
      if (at === sequence && l === listing && again) renderFilters(again);
    }).catch(() => {
      // Offline or interrupted by navigation: try again after the next search.
      filtersFor = 0;
    });
  };

  const update = (next: SearchState, push: boolean) => {
    state = next;
    const url = `${location.pathname}${writeState(state)}`;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    app.dataset["state"] = "searching";
    void run();
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    performance.mark("search-input");
    clearTimeout(timer);
    timer = setTimeout(() => update({ ...state, q: input.value, exact: false }, false), TYPING_DEBOUNCE_MS);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    update({ ...state, q: input.value, exact: false }, true);
  });
  sortSelect.addEventListener("change", () => update({ ...state, sort: readState(`?sort=${sortSelect.value}`).sort }, true));
  more.addEventListener("click", () => void showMore(sequence));
  // Everything this search can use, then the same search again: the plain total, every year.
  widen.addEventListener("click", () => {
    const l = listing;
    if (!l) return;
    widen.disabled = true;
    app.dataset["state"] = "searching";
    void Promise.all(l.query.order.filter((i) => !done(i)).map(merge)).then(run);
  });
  window.addEventListener("popstate", () => {
    state = readState(location.search);
    syncControls();
    void run();
  });

  const syncControls = () => {
    input.value = state.q;
    sortSelect.value = state.sort;
  };
  syncControls();
  app.classList.add("is-ready");
  await run();
}
