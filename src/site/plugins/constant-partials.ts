import type { UserConfig } from "@11ty/eleventy";
import nunjucks from "nunjucks";
import { flattened } from "../flat-string.ts";

/** What Nunjucks passes a global function as `this`: the calling template's context. */
interface CallingContext {
  env: nunjucks.Environment;
  getVariables(): Record<string, unknown>;
}

/**
 * Partials whose HTML is worked out once and reused, instead of an `{% include %}` per use, which
 * copies the page's whole context and renders the partial again.
 *
 * `{{ constantPartial("partials/header.njk") }}`: a partial that reads only the site's global data
 * (`site`, `t`, …), never the page's, so that it is the same on every page; rendered once per
 * Eleventy run. Header and footer as includes cost 50–75 µs a page (2,000 article pages rendered
 * six times, with and without them): 7–10 s of CPU at 100,000 articles.
 *
 * `{{ partialOf("partials/article-item.njk", item) }}`: a partial of one object, which it reads as
 * `item` and nothing else; rendered once per object. A listed article is the same in each of the
 * ten or so listings that show it (its day, month, year, section, tags, author, the home pages).
 *
 * A partial that shows anything else of the page must stay an include.
 */
export default function constantPartialsPlugin(config: UserConfig): void {
  const constant = new Map<string, nunjucks.runtime.SafeString>();
  let ofObject = new Map<string, WeakMap<object, nunjucks.runtime.SafeString>>();
  config.on("eleventy.before", ({ runMode }) => {
    // Each run renders the site-wide ones anew: the data may have changed. The dev server's runs
    // may also follow an edit of the partials themselves; a build's runs share its templates, and
    // a new load of the archive makes new objects anyway.
    constant.clear();
    if (runMode !== "build") ofObject = new Map();
  });
  config.addNunjucksGlobal("constantPartial", function (this: CallingContext, name: string) {
    let html = constant.get(name);
    if (html === undefined) {
      html = new nunjucks.runtime.SafeString(flattened(this.env.render(name, this.getVariables())));
      constant.set(name, html);
    }
    return html;
  });
  config.addNunjucksGlobal("partialOf", function (this: CallingContext, name: string, item: object) {
    let rendered = ofObject.get(name);
    if (!rendered) ofObject.set(name, (rendered = new WeakMap()));
    let html = rendered.get(item);
    if (html === undefined) {
      html = new nunjucks.runtime.SafeString(flattened(this.env.render(name, { item })));
      rendered.set(item, html);
    }
    return html;
  });
}
