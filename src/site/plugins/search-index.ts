import type { UserConfig } from "@11ty/eleventy";
import { activeIndexSession } from "../../search/index-session.ts";

/** Article pages: `/YYYY/MM/DD/<slug>/` (src/article/addresses.ts). */
const ARTICLE_URL = /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/;

/**
 * Hands each article page to the search index as Eleventy writes it (when the build command has
 * started an index session; the dev server has none and builds no index).
 */
export default function searchIndexPlugin(config: UserConfig): void {
  config.addTransform("search-index", async function (this: { page: { url: string | false } }, content: string) {
    const session = activeIndexSession();
    const url = this.page.url;
    if (session && typeof url === "string" && ARTICLE_URL.test(url)) await session.add(url, content);
    return content;
  });
}
