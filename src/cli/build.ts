import { parseCommandLine } from "./args.ts";
import { reportProblems } from "./report.ts";
import { getArchive } from "../site/archive-store.ts";
import { prepareOutputDir } from "../site/output-dir.ts";
import { normalizePathPrefix, runEleventy } from "../site/run-eleventy.ts";
import { buildSearchIndex } from "../search/build-index.ts";

const usage = "npm run build -- [--articles DIR] [--out DIR] [--path-prefix /p/]";
const { values } = parseCommandLine({
  articles: { type: "string", default: "articles" },
  out: { type: "string", default: "_site" },
  "path-prefix": { type: "string", default: "/" },
}, usage);

const started = performance.now();
const articlesDir = values.articles;
const loaded = await getArchive(articlesDir);
const errors = reportProblems(loaded.problems);
if (errors > 0) {
  console.error(`Build stopped: ${errors} invalid article file(s). Fix them and build again (npm run check lists the same).`);
  process.exit(1);
}
try {
  const pathPrefix = normalizePathPrefix(values["path-prefix"]);
  await prepareOutputDir(values.out);
  await runEleventy({ out: values.out, pathPrefix, articlesDir, mode: "build" });
  const indexed = await buildSearchIndex(values.out);
  console.log(`Search index: ${indexed.pages} pages indexed.`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Built ${loaded.archive.articles.length} articles, ${loaded.archive.listings.length} listing pages into ${values.out}/ (path prefix ${pathPrefix}) in ${seconds} s.`);
} catch (e) {
  console.error(`Build failed: ${(e as Error).message}`);
  process.exit(1);
}
