import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

export interface BrowserBundle {
  /** Site path with a content hash: `/assets/search.1a2b3c4d5e.js`. */
  url: string;
  code: string;
}

/**
 * Browser code is TypeScript in src/search/browser/, bundled with esbuild (already the engine under tsx)
 * into one small ES module per page kind, named by content hash so hosts may cache it for a year.
 */
export function bundleBrowserEntry(name: string, entry: URL): BrowserBundle {
  // A large build runs Eleventy several times in one process (src/site/render-plan.ts): bundle once.
  const key = `${name} ${entry.href}`;
  const known = bundles.get(key);
  if (known) return known;
  const result = buildSync({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: "esm",
    target: "es2020",
    minify: true,
    write: false,
    legalComments: "none",
    logLevel: "error",
  });
  const code = result.outputFiles[0]?.text ?? "";
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 10);
  const bundle = { url: `/assets/${name}.${hash}.js`, code };
  bundles.set(key, bundle);
  return bundle;
}

const bundles = new Map<string, BrowserBundle>();
