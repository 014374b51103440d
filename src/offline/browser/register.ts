/**
 * On every page: registers the service worker for the site's base path, and shows the two notices
 * it can cause ("new version" on a page served from a cache, and on the search page "part of the
 * archive is not available offline").
 * Where service workers are unavailable (plain HTTP on another host, some private modes) it does
 * nothing and the site works as a plain website.
 */
import { MSG_ASK_SOURCE, MSG_CACHE_PAGES, MSG_FROM_CACHE, MSG_OFFLINE_MISS } from "../names.ts";

const base = document.documentElement.dataset["base"] ?? "/";
const tag = document.querySelector<HTMLScriptElement>("script[data-offline-register]");
const text = (key: string) => tag?.dataset[key] ?? "";

if ("serviceWorker" in navigator && window.isSecureContext) void start(navigator.serviceWorker);

async function start(container: ServiceWorkerContainer): Promise<void> {
  const controller = () => container.controller;
  const hadController = controller() !== null;
  // Pages come from the network whenever it answers, so only a page served from a cache can be
  // older than the site: that page says so when a new version's worker takes over.
  let fromCache = false;
  container.addEventListener("controllerchange", () => {
    // A first install takes over this page: keep it too, as if it had been opened under the worker.
    if (!hadController) controller()?.postMessage({ type: MSG_CACHE_PAGES, urls: [location.href] });
    else if (fromCache) showUpdateNotice();
  });
  container.addEventListener("message", (event: MessageEvent<{ type?: string } | null>) => {
    if (event.data?.type === MSG_OFFLINE_MISS) showSearchNotice();
    if (event.data?.type === MSG_FROM_CACHE) fromCache = true;
  });
  container.startMessages();
  controller()?.postMessage({ type: MSG_ASK_SOURCE });
  try {
    // updateViaCache "none": the browser checks sw.js on every visit even if a host caches it.
    await container.register(`${base}sw.js`, { scope: base, updateViaCache: "none" });
  } catch {
    await unregisterIfGone(container);
  }
}

/** A site that stops shipping sw.js (or a dev server without one) must not stay controlled by an old one. */
async function unregisterIfGone(container: ServiceWorkerContainer): Promise<void> {
  try {
    const res = await fetch(`${base}sw.js`, { method: "HEAD", cache: "no-store" });
    if (res.status === 404) await (await container.getRegistration(base))?.unregister();
  } catch {
    // Offline or blocked: keep whatever is registered.
  }
}

function showUpdateNotice(): void {
  if (document.querySelector(".offline-update")) return;
  const p = document.createElement("p");
  p.className = "offline-update";
  p.setAttribute("role", "status");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text("reload");
  button.addEventListener("click", () => location.reload());
  p.append(text("update"), " ", button);
  document.querySelector("main")?.prepend(p);
}

function showSearchNotice(): void {
  const app = document.getElementById("search-app");
  if (!app || app.querySelector(".offline-search-notice")) return;
  const p = document.createElement("p");
  p.className = "offline-search-notice search-notice";
  p.setAttribute("role", "status");
  p.textContent = text("searchPartial");
  app.querySelector(".search-status")?.after(p);
  window.addEventListener("online", () => p.remove(), { once: true });
}
