import { parseCommandLine } from "./args.ts";
import { reportProblems } from "./report.ts";
import { loadArchive } from "../site/load-archive.ts";

const { values } = parseCommandLine({ articles: { type: "string", default: "articles" } }, "npm run check -- [--articles DIR]");
const loaded = await loadArchive(values.articles);
const errors = reportProblems(loaded.problems);
const warnings = loaded.problems.length - errors;
console.log(`${loaded.archive.articles.length} articles valid; ${errors} error(s), ${warnings} warning(s).`);
process.exit(errors > 0 ? 1 : 0);
