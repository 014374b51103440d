import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CONTENT_TYPES } from "../../../src/serve/headers.ts";

/** The repository root (the build reads `_data/` and `eleventy.config.ts` from its working directory). */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * A fresh temp folder. World-readable (0755): nginx started as root serves files through workers that
 * run as `nobody`, which must be able to read the built site.
 */
export function tempDir(label: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `deploy-${label}-`));
  chmodSync(dir, 0o755);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const EXTRA_ARTICLES = 21;

/**
 * The demo archive plus 21 plain articles in 2022: 28 in all, so the home page (pageSize 20) has a
 * page 2. Returns the title of the newest extra article.
 */
export function writeArticlesWithPaging(dest: string): void {
  cpSync(path.join(ROOT, "articles"), dest, { recursive: true });
  for (let i = 1; i <= EXTRA_ARTICLES; i++) {
    const day = String(i).padStart(2, "0");
    const file = path.join(dest, "2022", "03", `tin-thu-${i}.md`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, [
      "---",
      `title: "Bản tin thử nghiệm số ${i}"`,
      `date: "2022-03-${day}T08:00:00+07:00"`,
      'section: "Thời sự"',
      'tags: ["Bản tin"]',
      'author: "Ban biên tập"',
      "---",
      "",
      `Nội dung bản tin thử nghiệm số ${i} về đời sống ở Quảng Ninh.`,
      "",
    ].join("\n"));
  }
}

/** Every file of a built folder, as posix paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** The service worker at the site root (a stand-in when the build has none). */
export const SW_PATH = "sw.js";

/**
 * Files a host must also get right that the demo build does not contain: the service worker, and one
 * file of every type in src/serve/headers.ts (an image of each kind, a manifest, plain .wasm...).
 * Returns their paths relative to the site.
 */
export function addProbeFiles(out: string): string[] {
  const added: string[] = [];
  if (!existsSync(path.join(out, SW_PATH))) {
    writeFileSync(path.join(out, SW_PATH), "self.addEventListener('fetch', () => {});\n");
    added.push(SW_PATH);
  }
  mkdirSync(path.join(out, "media", "probe"), { recursive: true });
  for (const ext of Object.keys(CONTENT_TYPES)) {
    if (ext === ".html") continue;
    const rel = `media/probe/probe${ext}`;
    writeFileSync(path.join(out, rel), `probe ${ext}\n`);
    added.push(rel);
  }
  return added;
}

/** The files a build keeps for the next one (its state, parse cache and search pages' records): never published, never served. */
export const isBuildPrivate = (file: string): boolean => file === ".archive-build" || file === ".archive-cache" || file.startsWith(".archive-search/");

/** What a reader requests for a file: a directory address for index.html, else the file itself. */
export function addressesOf(files: readonly string[]): string[] {
  const addresses: string[] = [];
  for (const f of files) {
    if (isBuildPrivate(f)) continue;
    addresses.push(`/${f}`);
    if (f === "index.html" || f.endsWith("/index.html")) addresses.push(`/${f.slice(0, -"index.html".length)}`);
  }
  return addresses;
}
