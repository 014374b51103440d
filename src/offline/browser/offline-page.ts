/**
 * The offline page (shown by the service worker for a page never opened): lists what this device
 * has, the saved years and sections and the pages the reader opened, so there is always something
 * to read; and goes back to the page asked for as soon as the connection returns.
 */
import { SAVED_META_PATH, cacheNames, type SavedMeta } from "../names.ts";
import { formatBytes, siteBase, translator } from "./format.ts";

/** Titles are read from the cached pages themselves; the newest this many are listed. */
const MAX_VISITED = 40;

const root = document.getElementById("offline-page");
if (root) void start(root);

async function start(root: HTMLElement): Promise<void> {
  const base = siteBase();
  const t = translator(root);
  const retry = root.querySelector<HTMLAnchorElement>(".offline-retry");
  const asked = location.pathname !== `${base}offline/`;
  if (retry) retry.href = location.href;
  if (asked) window.addEventListener("online", () => location.reload());
  if (!("caches" in window)) return;

  const names = cacheNames(base);
  const keys = await caches.keys();
  const saved: SavedMeta[] = [];
  for (const name of keys.filter((n) => n.startsWith(names.savedPrefix))) {
    const id = name.slice(names.savedPrefix.length);
    const hit = await caches.match(new URL(`${base}${SAVED_META_PATH}${id}.json`, location.origin).href, { cacheName: name });
    if (hit) saved.push((await hit.json()) as SavedMeta);
  }
  fill(root.querySelector(".offline-saved"), saved.map((m) => ({
    href: `${base}${m.page}`,
    text: t("offlineSavedItem", { title: m.title, articles: m.articles, size: formatBytes(m.bytes) }),
  })));

  if (!keys.includes(names.pages)) return;
  const cache = await caches.open(names.pages);
  const requests = [...(await cache.keys())].reverse().slice(0, MAX_VISITED);
  const siteName = document.querySelector<HTMLAnchorElement>(".site-name")?.textContent?.trim() ?? "";
  const visited: { href: string; text: string }[] = [];
  for (const request of requests) {
    const url = new URL(request.url);
    if (url.pathname === `${base}offline/`) continue;
    const html = await (await cache.match(request))?.text();
    const title = html ? new DOMParser().parseFromString(html, "text/html").title : "";
    visited.push({ href: url.pathname, text: title.replace(` · ${siteName}`, "") || url.pathname });
  }
  fill(root.querySelector(".offline-visited"), visited);
}

function fill(section: HTMLElement | null, links: { href: string; text: string }[]): void {
  const list = section?.querySelector("ul");
  if (!section || !list || links.length === 0) return;
  for (const link of links) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = link.href;
    a.textContent = link.text;
    li.append(a);
    list.append(li);
  }
  section.hidden = false;
}
