import { parseCommandLine } from "./args.ts";
import { startStaticServer } from "../serve/static-server.ts";

/** `npm run serve`: preview a built folder as a static host would serve it, with the same headers. */
const { values } = parseCommandLine({
  out: { type: "string", default: "_site" },
  port: { type: "string", default: "8080" },
  "path-prefix": { type: "string", default: "/" },
}, "npm run serve -- [--out DIR] [--port N] [--path-prefix /p/]");

const { url } = await startStaticServer({ root: values.out, port: Number(values.port), pathPrefix: values["path-prefix"] });
console.log(`Serving ${values.out}/ at ${url} (Ctrl+C to stop)`);
