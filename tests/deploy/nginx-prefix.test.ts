import { hostedSiteSuite } from "./support/hosted-site.ts";

/** Built with --path-prefix /archive/ and published in <root>/archive/: real nginx, Chromium, npm run serve. */
hostedSiteSuite("/archive/");
