import { restoreMarks, shardsFor } from "../restore-marks.ts";
import type { MarkShard } from "../mark-model.ts";
import { excerptFragment } from "./excerpt.ts";
import type { PagefindApi, PagefindFilters, PagefindResponse, PagefindResult } from "./pagefind-types.ts";
import { FILTER_KEYS, hasFilters, readState, writeState, type FilterKey, type SearchState } from "./url-state.ts";

/** The search page: Pagefind's JS API with our own UI (Vietnamese mark restoration, filters, sort, paging). */

const PAGE_SIZE = 10;
const MAX_FILTER_VALUES = 15;
const TYPING_DEBOUNCE_MS = 40;

const app = document.getElementById("search-app");
if (app) void start(app);

async function start(app: HTMLElement): Promise<void> {
  const base = document.documentElement.dataset["base"] ?? "/";
  const strings = JSON.parse(app.dataset["strings"] ?? "{}") as Record<string, string>;
  const markFiles = JSON.parse(app.dataset["marks"] ?? "{}") as Record<string, string>;
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
  status.textContent = t("searchLoading");
  const pagefind = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as PagefindApi;
  // metaCacheTag: one entry-file URL per index, so browsers and the service worker may cache it.
  await pagefind.options({ baseUrl: base, highlightParam: "highlight", excerptLength: 30, metaCacheTag: app.dataset["pagefindTag"] || null });
  await pagefind.init();
  // Pagefind fills a search's filter counts only once its filter index is loaded. That index is not
  // needed to show results and weighs as much as they do (75 kB at 14,000 articles), so it is
  // fetched after the first results are on screen; filters appear a moment later.
  let filtersLoading: Promise<void> | null = null;

  const shards = new Map<string, MarkShard>();
  const loadShards = async (query: string) => {
    const wanted = shardsFor(query).filter((s) => !shards.has(s) && markFiles[s]);
    await Promise.all(wanted.map(async (s) => {
      // Offline, a shard never fetched is missing: search with the query as typed.
      const res = await fetch(`${base}${(markFiles[s] ?? "").replace(/^\//, "")}`).catch(() => null);
      if (res?.ok) shards.set(s, (await res.json()) as MarkShard);
    }));
  };

  let state = readState(location.search);
  let sequence = 0;
  let shown: PagefindResult[] = [];
  let response: PagefindResponse | null = null;

  const render = async (seq: number, typed: string, effective: string) => {
    if (!response || seq !== sequence) return;
    const total = response.results.length;
    notice.replaceChildren();
    if (effective !== typed) {
      notice.append(t("restoredNotice", { restored: effective }), " ");
      const exact = document.createElement("a");
      exact.href = writeState({ ...state, exact: true }) || "?";
      exact.textContent = t("searchExact", { typed });
      exact.addEventListener("click", (e) => { e.preventDefault(); update({ ...state, exact: true }, true); });
      notice.append(exact);
    }
    status.textContent = total === 0 ? t("noResults") : t("resultCount", { count: total });
    list.replaceChildren();
    shown = [];
    await showMore(seq);
    renderFilters(response);
  };

  const showMore = async (seq: number) => {
    if (!response) return;
    const next = response.results.slice(shown.length, shown.length + PAGE_SIZE);
    // Offline, a result whose fragment was never fetched cannot be shown; the others still are.
    const settled = await Promise.allSettled(next.map((r) => r.data()));
    const data = settled.flatMap((d) => (d.status === "fulfilled" ? [d.value] : []));
    if (seq !== sequence) return;
    // Browsing by filter has no words to highlight: drop Pagefind's empty `?highlight=`.
    for (const d of data) list.append(resultItem(d.url.replace(/\?highlight=$/, ""), d.meta["title"] ?? d.url, d.filters["section"]?.[0], d.meta["date"], d.excerpt));
    shown = shown.concat(next);
    more.hidden = shown.length >= response.results.length;
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
        const n = document.createElement("span");
        n.className = "count";
        n.textContent = `(${count})`;
        label.append(n);
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
    const typed = state.q.trim();
    if (typed === "" && !hasFilters(state)) {
      response = null;
      list.replaceChildren();
      notice.replaceChildren();
      more.hidden = true;
      filtersBox.replaceChildren();
      status.textContent = t("searchPrompt");
      return;
    }
    const { effective, res } = await searchState(state);
    if (seq !== sequence || !res) return;
    response = res;
    await render(seq, typed, effective);
    // User Timing marks: how long from the last keystroke to results on screen (measured by scripts/eval-search.ts).
    performance.mark("search-rendered");
    app.dataset["state"] = "done";
    filtersLoading ??= pagefind.filters().then(async () => {
      const at = sequence;
      const again = await searchState(state);
      if (at === sequence && again.res) renderFilters(again.res);
    }).catch(() => {
      // Offline or interrupted by navigation: try again after the next search.
      filtersLoading = null;
    });
  };

  /** The Pagefind search for a state: marks restored unless `exact`, filters, sort. */
  const searchState = async (s: SearchState) => {
    const typed = s.q.trim();
    let effective = typed;
    if (typed !== "" && !s.exact) {
      await loadShards(typed);
      effective = restoreMarks(typed, shards).query;
    }
    const filters: PagefindFilters = {};
    for (const key of FILTER_KEYS) if (s.filters[key].length > 0) filters[key] = { any: s.filters[key] };
    // Browsing by filter alone, or asking for an order, sorts by date; otherwise Pagefind's relevance.
    const sort = s.sort === "oldest" ? { date: "asc" as const } : s.sort === "newest" || typed === "" ? { date: "desc" as const } : undefined;
    const res = await pagefind.search(effective === "" ? null : effective, { filters, ...(sort ? { sort } : {}) });
    return { effective, res };
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
