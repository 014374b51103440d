/**
 * "Lưu để đọc ngoại tuyến" on a year or section listing: downloads that list's pages, fragments and
 * images (offline/lists/<id>.json says which) into a cache of its own, and the pieces of the search
 * index it needs (mark shards, primary index, the index parts of its articles) each into a cache
 * shared by every saved list that needs that piece, with progress; removes them again (a piece goes
 * when no saved list needs it). Also offers the whole archive (offline/lists/all.json), its size
 * shown first. The service worker serves these caches when the network does not answer.
 */
import { LISTS_DIR, SAVED_INDEX_META, SAVED_META_PATH, SAVE_HEADER, cacheNames, savedIndexCache, type IndexPiece, type ListFile, type OfflineList, type SavedMeta } from "../names.ts";
import { formatBytes, formatDate, siteBase, translator } from "./format.ts";

const CONCURRENCY = 6;

const root = document.getElementById("save-offline");
if (root && "serviceWorker" in navigator && window.isSecureContext && "caches" in window) void start(root);

interface Target {
  id: string;
  list: OfflineList | null;
  saved: SavedMeta | null;
  /** A cache exists for it (perhaps an interrupted save without its meta entry). */
  exists: boolean;
}

async function start(root: HTMLElement): Promise<void> {
  // Saved copies are served by the service worker: offer saving only once one is active for this
  // site (never where workers are blocked, e.g. by policy or a private mode, where `ready` never settles).
  await navigator.serviceWorker.ready;
  const base = siteBase();
  const names = cacheNames(base);
  const t = translator(root);
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const status = $<HTMLElement>(".save-offline-status");
  const progress = $<HTMLProgressElement>(".save-offline-progress");
  const allInfo = $<HTMLElement>(".save-offline-all");
  const buttons = {
    save: $<HTMLButtonElement>("[data-action=save]"),
    remove: $<HTMLButtonElement>("[data-action=remove]"),
    saveAll: $<HTMLButtonElement>("[data-action=save-all]"),
    removeAll: $<HTMLButtonElement>("[data-action=remove-all]"),
  };
  const abs = (p: string) => new URL(`${base}${p}`, location.origin).href;
  const fetchJson = async <T>(p: string): Promise<T | null> => {
    try {
      const res = await fetch(abs(p), { cache: "no-cache", headers: { [SAVE_HEADER]: "1" } });
      return res.ok ? ((await res.json()) as T) : null;
    } catch {
      return null;
    }
  };
  const readMeta = async (id: string): Promise<SavedMeta | null> => {
    const hit = await caches.match(abs(`${SAVED_META_PATH}${id}.json`), { cacheName: names.savedPrefix + id });
    return hit ? ((await hit.json()) as SavedMeta) : null;
  };
  const load = async (id: string): Promise<Target> => ({
    id,
    list: await fetchJson<OfflineList>(`${LISTS_DIR}${id}.json`),
    saved: await readMeta(id),
    exists: await caches.has(names.savedPrefix + id),
  });

  const own = await load(root.dataset["listId"] ?? "");
  const allSaved = await readMeta("all");
  // The whole archive's summary is only needed to tell whether a saved copy is out of date.
  const all: Target = allSaved ? await load("all") : { id: "all", list: null, saved: null, exists: await caches.has(`${names.savedPrefix}all`) };
  let busy = false;
  let message = "";

  const pieceSaved = async (piece: IndexPiece) => {
    const hit = await caches.match(abs(SAVED_INDEX_META), { cacheName: savedIndexCache(names, piece.id) });
    return hit ? ((await hit.json()) as { hash: string }).hash === piece.hash : false;
  };
  /** The pieces of the search index a list needs that are not saved in this version. */
  const missingPieces = async (list: OfflineList) => {
    const saved = await Promise.all(list.searchIndex.pieces.map(pieceSaved));
    return list.searchIndex.pieces.filter((_, i) => !saved[i]);
  };
  /** Its own files are saved in this version: an update only fetches the index's changed pieces. */
  const filesCurrent = (target: Target, list: OfflineList) => target.saved?.hash === list.hash;
  /** What saving a list downloads: its files unless saved in this version, and the pieces of the search index not saved yet. */
  const needed = async (target: Target, list: OfflineList) =>
    (filesCurrent(target, list) ? 0 : list.bytes) + (await missingPieces(list)).reduce((n, p) => n + p.bytes, 0);
  /** Saved, but the list or a piece of the index it needs has changed since. */
  const isOutdated = async (target: Target) =>
    Boolean(target.saved && target.list && (target.saved.hash !== target.list.hash || (await missingPieces(target.list)).length > 0));

  /**
   * Deletes the saved pieces of the search index that no saved list needs. A list saved before the
   * index had parts (no `pieces` in its meta) used the single cache `names.savedIndex`: kept for it.
   */
  const dropUnusedPieces = async () => {
    const keys = await caches.keys();
    const wanted = new Set<string>();
    for (const name of keys.filter((n) => n.startsWith(names.savedPrefix))) {
      const meta = await readMeta(name.slice(names.savedPrefix.length));
      if (!meta) continue;
      if (meta.pieces) for (const id of meta.pieces) wanted.add(savedIndexCache(names, id));
      else wanted.add(names.savedIndex);
    }
    for (const name of keys) if (name.startsWith(names.savedIndex) && !wanted.has(name)) await caches.delete(name);
  };

  const render = async () => {
    root.dataset["state"] = busy ? "saving" : own.saved ? "saved" : "idle";
    const list = own.list;
    const title = list?.title ?? "";
    const outdated = await isOutdated(own);
    if (!busy) {
      const parts: string[] = [];
      if (message) parts.push(message);
      if (own.saved) {
        parts.push(t("offlineSaved", { title: own.saved.title, articles: own.saved.articles, size: formatBytes(own.saved.bytes), date: formatDate(own.saved.savedAt) }));
        if (outdated) parts.push(t("offlineOutdated"));
      } else if (list) {
        parts.push(t("offlineListInfo", { title, articles: list.articles, size: formatBytes(await needed(own, list)) }));
      }
      if (!list) parts.push(t("offlineNeedsNetwork"));
      status.textContent = parts.join(" ");
    }
    const size = list ? formatBytes(await needed(own, list)) : "";
    buttons.save.hidden = !list || (own.saved !== null && !outdated);
    buttons.save.textContent = outdated ? t("offlineUpdate", { size }) : t("offlineSaveButton", { title, size });
    buttons.remove.hidden = !own.exists;

    // The whole archive: its size is shown before the download is offered.
    const archive = list?.archive;
    const allOutdated = await isOutdated(all);
    allInfo.hidden = !archive && !all.saved;
    allInfo.textContent = all.saved
      ? `${t("offlineSaved", { title: all.saved.title, articles: all.saved.articles, size: formatBytes(all.saved.bytes), date: formatDate(all.saved.savedAt) })}${allOutdated ? ` ${t("offlineOutdated")}` : ""}`
      : archive ? t("offlineArchiveInfo", { articles: archive.articles, size: formatBytes(archive.bytes) }) : "";
    buttons.saveAll.hidden = !archive || (all.saved !== null && !allOutdated);
    buttons.saveAll.textContent = t("offlineSaveAll", { size: archive ? formatBytes(archive.bytes) : "" });
    buttons.removeAll.hidden = !all.exists;
    for (const b of Object.values(buttons)) b.disabled = busy;
  };

  const save = async (target: Target) => {
    busy = true;
    message = "";
    await render();
    try {
      // The current build's lists, fetched again: one save never mixes two builds.
      const list = await fetchJson<OfflineList>(`${LISTS_DIR}${target.id}.json`);
      const files = list && (filesCurrent(target, list) ? [] : await fetchJson<ListFile[]>(list.files));
      // Pieces of the index already saved in this version are shared, not fetched again.
      const pieces = list ? await missingPieces(list) : [];
      const pieceFiles = await Promise.all(pieces.map((p) => fetchJson<ListFile[]>(p.files)));
      if (!list || !files || pieceFiles.some((f) => !f)) {
        message = t("offlineNeedsNetwork");
        return;
      }
      target.list = list;
      const jobs: { cache: string; file: ListFile }[] = [
        ...files.map((file) => ({ cache: names.savedPrefix + list.id, file })),
        ...pieces.flatMap((p, i) => (pieceFiles[i] ?? []).map((file) => ({ cache: savedIndexCache(names, p.id), file }))),
      ];
      const total = jobs.reduce((n, j) => n + j.file[1], 0);
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      if (estimate?.quota !== undefined && estimate.usage !== undefined && estimate.quota - estimate.usage < total) {
        message = t("offlineNoSpace", { size: formatBytes(total), free: formatBytes(estimate.quota - estimate.usage) });
        return;
      }
      // Ask the browser not to evict what the reader chose to keep (it may decline; saving still works).
      await navigator.storage?.persist?.().catch(() => false);

      progress.hidden = false;
      progress.max = Math.max(total, 1);
      let done = 0;
      let doneBytes = 0;
      let failed = 0;
      const show = () => {
        progress.value = doneBytes;
        status.textContent = t("offlineSaving", { done, total: jobs.length, doneSize: formatBytes(doneBytes), totalSize: formatBytes(total) });
      };
      show();
      const open = new Map<string, Promise<Cache>>();
      const cacheFor = (name: string) => {
        let c = open.get(name);
        if (!c) open.set(name, (c = caches.open(name)));
        return c;
      };
      let next = 0;
      const worker = async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          const [file, bytes] = job.file;
          try {
            // Pages and images may change under the same name; hashed files never do.
            const mutable = file === "" || file.endsWith("/") || file.startsWith("media/");
            const res = await fetch(abs(file), { headers: { [SAVE_HEADER]: "1" }, cache: mutable ? "no-cache" : "default" });
            if (!res.ok) throw new Error(String(res.status));
            await (await cacheFor(job.cache)).put(abs(file), res);
          } catch {
            failed++;
          }
          done++;
          doneBytes += bytes;
          show();
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (failed > 0) {
        message = t("offlineSaveFailed", { count: failed });
        return;
      }
      // Entries of an older save that this one no longer lists go.
      if (!filesCurrent(target, list)) await prune(await cacheFor(names.savedPrefix + list.id), new Set(files.map((f) => abs(f[0]))));
      for (const [i, piece] of pieces.entries()) {
        const cache = await cacheFor(savedIndexCache(names, piece.id));
        await prune(cache, new Set((pieceFiles[i] ?? []).map((f) => abs(f[0]))));
        await putJson(cache, abs(SAVED_INDEX_META), { hash: piece.hash });
      }
      const meta: SavedMeta = {
        id: list.id,
        title: list.id === "all" ? t("offlineAllTitle") : list.title,
        page: list.page,
        hash: list.hash,
        articles: list.articles,
        bytes: list.bytes + list.searchIndex.bytes,
        savedAt: new Date().toISOString(),
        pieces: list.searchIndex.pieces.map((p) => p.id),
      };
      await putJson(await cacheFor(names.savedPrefix + list.id), abs(`${SAVED_META_PATH}${list.id}.json`), meta);
      target.saved = meta;
      target.exists = true;
      // Pieces that this list needed before and no saved list needs now (an older build's parts).
      await dropUnusedPieces();
    } finally {
      busy = false;
      progress.hidden = true;
      await render();
    }
  };

  const remove = async (target: Target) => {
    busy = true;
    await render();
    await caches.delete(names.savedPrefix + target.id);
    target.saved = null;
    target.exists = false;
    // Each piece of the search index stays while a saved list needs it.
    await dropUnusedPieces();
    busy = false;
    message = t("offlineRemoved");
    await render();
  };

  buttons.save.addEventListener("click", () => void save(own));
  buttons.remove.addEventListener("click", () => void remove(own));
  buttons.saveAll.addEventListener("click", () => void save(all));
  buttons.removeAll.addEventListener("click", () => void remove(all));
  await render();
  root.hidden = false;
}

async function prune(cache: Cache, keep: Set<string>): Promise<void> {
  for (const request of await cache.keys()) {
    if (!keep.has(request.url) && !request.url.includes(`/${SAVED_META_PATH}`)) await cache.delete(request);
  }
}

async function putJson(cache: Cache, url: string, value: unknown): Promise<void> {
  await cache.put(url, new Response(JSON.stringify(value), { headers: { "Content-Type": "application/json" } }));
}
