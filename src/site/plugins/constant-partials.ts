import type { UserConfig } from "@11ty/eleventy";
import nunjucks from "nunjucks";

/** What Nunjucks passes a global function as `this`: the calling template's context. */
interface CallingContext {
  env: nunjucks.Environment;
  getVariables(): Record<string, unknown>;
}

/**
 * `{{ constantPartial("partials/header.njk") }}`: a partial that reads only the site's global data
 * (`site`, `t`, …), never the page's, so that it is the same on every page. It is rendered once per
 * Eleventy run and its HTML reused, instead of an `{% include %}` per page, which copies the page's
 * whole context and renders the partial again. Header and footer as includes cost 50–75 µs a page
 * (2,000 article pages rendered six times, with and without them): 7–10 s of CPU at 100,000 articles.
 * A partial that shows something of the page must stay an include.
 */
export default function constantPartialsPlugin(config: UserConfig): void {
  const rendered = new Map<string, nunjucks.runtime.SafeString>();
  // Each run (each rebuild of the dev server) renders them anew: the data may have changed.
  config.on("eleventy.before", () => rendered.clear());
  config.addNunjucksGlobal("constantPartial", function (this: CallingContext, name: string) {
    let html = rendered.get(name);
    if (html === undefined) {
      html = new nunjucks.runtime.SafeString(this.env.render(name, this.getVariables()));
      rendered.set(name, html);
    }
    return html;
  });
}
