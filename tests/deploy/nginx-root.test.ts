import { hostedSiteSuite } from "./support/hosted-site.ts";

/** The built site at the root of its host: real nginx with deploy/nginx.conf, Chromium, npm run serve. */
hostedSiteSuite("/");
