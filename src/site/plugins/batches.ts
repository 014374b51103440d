import type { UserConfig } from "@11ty/eleventy";
import path from "node:path";
import { rendersEverything } from "../archive-store.ts";
import { recordOutputs } from "../run-outputs.ts";

/** Eleventy 3 has preprocessors (returning false skips a template); its published types lack them. */
interface WithPreprocessors {
  addPreprocessor(name: string, extensions: string, callback: (this: { inputPath: string }) => false | undefined): void;
}

/** The two templates paginated over the archive; every other output is written once per build. */
const PAGED = /virtual\/(article|listing)\.11ty\.js$/;

/**
 * Outputs the build state keeps as pages, with a hash of their data (src/site/render-plan.ts), not as
 * files: those two and the derived pages (feeds, JSON Feed, sitemap parts, src/site/derived-pages.ts).
 */
const PAGES = /virtual\/((article|listing)\.11ty\.js|(feed-atom|feed-json|sitemap-part)\.njk)$/;

/**
 * The build renders a large archive in several Eleventy runs of a bounded number of pages, because
 * Eleventy keeps every page it rendered in memory until its run ends (about 70 kB per page). Runs
 * after the first render their share of article and listing pages only.
 */
export default function batchesPlugin(config: UserConfig): void {
  (config as UserConfig & WithPreprocessors).addPreprocessor("render-batch", "*", function (this: { inputPath: string }) {
    if (rendersEverything() || PAGED.test(this.inputPath)) return undefined;
    return false;
  });
  config.on("eleventy.after", (args) => {
    if (!rendersEverything()) return;
    // Eleventy passes what it wrote as `results`; its published types leave that out.
    const { directories, results = [] } = args as typeof args & { results?: { inputPath: string; outputPath: string | false }[] };
    recordOutputs(results.flatMap((r) => (r.outputPath && !PAGES.test(r.inputPath) ? [path.relative(directories.output, r.outputPath)] : [])));
  });
}
