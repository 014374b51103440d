import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { addFrozenGlobalData } from "./frozen-data.ts";
import { bundleBrowserEntry } from "../../search/bundle.ts";
import { THEME_COLOR, iconPng, iconSvg } from "../../offline/icons.ts";
import { listId } from "../../offline/names.ts";
import { getArchive, rendersEverything, selectedIndexTag } from "../archive-store.ts";
import type { SiteSettings } from "../settings.ts";

const ICONS: Record<string, () => Buffer | string> = {
  "icons/icon-192.png": () => iconPng(192),
  "icons/icon-512.png": () => iconPng(512),
  "icons/icon-maskable-512.png": () => iconPng(512, true),
  "icons/icon.svg": () => iconSvg(),
};

/**
 * Offline reading: the offline page (`/offline/`, what the service worker shows for a page never
 * opened), the web app manifest and its icons, and the pages' scripts (service worker registration,
 * the "Lưu để đọc ngoại tuyến" button, the offline page's list of saved pages). The service worker
 * itself is built after Pagefind (src/offline/build-service-worker.ts).
 */
export default function offlinePlugin(config: UserConfig, options: { site: SiteSettings; articlesDir: string }): void {
  const { site, articlesDir } = options;
  const browser = (name: string) => new URL(`../../offline/browser/${name}.ts`, import.meta.url);
  const bundles = {
    register: bundleBrowserEntry("offline-register", browser("register")),
    save: bundleBrowserEntry("offline-save", browser("save-offline")),
    page: bundleBrowserEntry("offline-page", browser("offline-page")),
  };
  for (const [name, bundle] of Object.entries(bundles)) {
    config.addTemplate(`virtual/script-offline-${name}.njk`, "{{ code | safe }}", { permalink: bundle.url, code: bundle.code, eleventyExcludeFromCollections: true });
  }
  addFrozenGlobalData(config, "offline", async () => ({
    register: bundles.register.url,
    save: bundles.save.url,
    page: bundles.page.url,
    themeColor: THEME_COLOR,
    // Only the search page shows it, written by the run that writes everything (src/site/plugins/batches.ts).
    pagefindTag: rendersEverything() ? (selectedIndexTag() ?? await pagefindTag(articlesDir)) : "",
  }));

  config.addNunjucksFilter("offlineListId", (listing: { kind: string; baseUrl: string }) => listId(listing.kind, listing.baseUrl));
  /** The UI strings the offline scripts need (keys starting with `offline`), for a data attribute. */
  config.addNunjucksFilter("offlineStrings", (t: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(t).filter(([k]) => k.startsWith("offline")))));

  config.addTemplate("virtual/offline.njk", `{% extends "layouts/offline.njk" %}`, { permalink: "/offline/", eleventyExcludeFromCollections: true });
  config.addTemplate("virtual/manifest.njk", "{{ manifestJson | safe }}", {
    permalink: "/manifest.webmanifest",
    eleventyExcludeFromCollections: true,
    // Relative URLs resolve against the manifest's own address, so they honour the path prefix.
    manifestJson: JSON.stringify({
      id: "./",
      name: site.name,
      short_name: shortName(site.name),
      description: site.description,
      lang: site.language,
      dir: "ltr",
      start_url: "./",
      scope: "./",
      display: "standalone",
      background_color: "#ffffff",
      theme_color: THEME_COLOR,
      icons: [
        { src: "icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
        { src: "icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        { src: "icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        { src: "icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      ],
    }, null, 2),
  });

  // `directories.output` is the real output folder; the deprecated `dir.output` ignores --out.
  config.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    // Once per build, by the run that writes everything (drawing them took 30 ms a run).
    if (!rendersEverything()) return;
    for (const [file, draw] of Object.entries(ICONS)) {
      const target = path.join(directories.output, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, draw());
    }
  });
}

/** Home-screen label: the name after "Lưu trữ"/"Kho lưu trữ" if that fits, else the first 12 characters. */
function shortName(name: string): string {
  if (name.length <= 12) return name;
  const rest = name.replace(/^(kho\s+)?lưu trữ\s+/i, "");
  return rest.length <= 20 ? rest : `${name.slice(0, 12).trimEnd()}…`;
}

/**
 * Pagefind's `metaCacheTag`: its loader asks for `pagefind-entry.json?ts=<tag>`, so one tag per index
 * lets browsers and the service worker cache the entry file. The index is made from the article
 * pages, so the tag hashes what they show (and their template); it changes whenever the index can.
 */
async function pagefindTag(articlesDir: string): Promise<string> {
  const { archive } = await getArchive(articlesDir);
  const hash = createHash("sha256");
  hash.update(readFileSync("_includes/layouts/article.njk"));
  for (const a of archive.articles) {
    hash.update(JSON.stringify([a.url, a.title, a.summary, a.contentHash, a.media, a.images, a.dateIso, a.dateShort, a.year, a.section?.name, a.author?.name, a.tags.map((t) => t.name)]));
  }
  return hash.digest("hex").slice(0, 12);
}
