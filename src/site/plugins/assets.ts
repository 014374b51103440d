import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { UserConfig } from "@11ty/eleventy";
import { addFrozenGlobalData } from "./frozen-data.ts";

const ASSETS = new URL("../assets/", import.meta.url);

/**
 * Stylesheet published under a content-hashed name, so hosts can cache it for a year and a new
 * build's style still reaches every reader at once.
 */
export default function assetsPlugin(config: UserConfig): void {
  const css = readFileSync(new URL("style.css", ASSETS));
  const hash = createHash("sha256").update(css).digest("hex").slice(0, 10);
  const cssUrl = `/assets/style.${hash}.css`;
  config.addTemplate("virtual/style.css.njk", "{{ css | safe }}", {
    permalink: cssUrl,
    css: css.toString("utf8"),
    eleventyExcludeFromCollections: true,
  });
  addFrozenGlobalData(config, "assets", { css: cssUrl });
}
