import { parseCommandLine } from "./args.ts";
import { normalizePathPrefix, runEleventy } from "../site/run-eleventy.ts";
import { prepareOutputDir } from "../site/output-dir.ts";

/** `npm start`: Eleventy's dev server with live reload; article edits are picked up on save. */
const { values } = parseCommandLine({
  articles: { type: "string", default: "articles" },
  port: { type: "string", default: "8080" },
  "path-prefix": { type: "string", default: "/" },
}, "npm start -- [--articles DIR] [--port N] [--path-prefix /p/]");

await prepareOutputDir("_site");
await runEleventy({
  out: "_site",
  articlesDir: values.articles,
  pathPrefix: normalizePathPrefix(values["path-prefix"]),
  mode: "serve",
  port: Number(values.port),
});
