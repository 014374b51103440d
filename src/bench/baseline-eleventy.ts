import { Eleventy } from "@11ty/eleventy";
import { parseCommandLine } from "../cli/args.ts";

/**
 * The baseline's Eleventy step, in a process of its own so that its memory is measured alone:
 * `tsx src/bench/baseline-eleventy.ts --articles DIR --out DIR`, with src/bench/baseline.config.ts.
 */
const { values } = parseCommandLine({
  articles: { type: "string" },
  out: { type: "string" },
}, "tsx src/bench/baseline-eleventy.ts --articles DIR --out DIR");
if (!values.articles || !values.out) {
  console.error("--articles and --out are required");
  process.exit(2);
}
process.env["ARCHIVE_ARTICLES_DIR"] = values.articles;
const eleventy = new Eleventy(".", values.out, {
  configPath: "src/bench/baseline.config.ts",
  quietMode: true,
  runMode: "build",
});
await eleventy.init();
await eleventy.write();
