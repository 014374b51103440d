import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LinkChecker, LinkState, type CrawlResult } from "linkinator";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { parseXml, readOutput, siteSettings, tempDir } from "../helpers/index.ts";
import { buildTrustSite, PAGES, type TrustBuild } from "./support.ts";

/**
 * linkinator crawls the real build served on 127.0.0.1 by the preview server (the same headers and
 * 404 handling as the host recipes), once at `/` and once built and served under `--path-prefix
 * /archive/`: every page, link, image, stylesheet, script, manifest, feed and `#fragment` it reaches.
 * The site's absolute URLs (canonical, og:url, JSON-LD) are rewritten from the site origin to the
 * local server, so they are checked too; anything else off-site is skipped (there is no network).
 */
const ORIGIN = siteSettings().url.replace(/\/+$/, "");

for (const prefix of ["/", "/archive/"]) {
  describe(`links, path prefix ${prefix}`, () => {
    const tmp = tempDir(`trust-links${prefix === "/" ? "" : "-prefix"}`);
    let site: TrustBuild;
    let server: Awaited<ReturnType<typeof startStaticServer>>;
    let origin: string;
    let crawl: CrawlResult;

    const check = (start: string) => new LinkChecker().check({
      path: start,
      recurse: true,
      concurrency: 8,
      checkCss: true,
      checkFragments: true,
      // Every internal link points at the final address (trailing slash included): a redirect is a defect.
      redirects: "error",
      urlRewriteExpressions: [{ pattern: new RegExp(`^${ORIGIN.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/`), replacement: `${origin}/` }],
      linksToSkip: async (link: string) => !link.startsWith(`${origin}/`),
    });

    beforeAll(async () => {
      site = await buildTrustSite(tmp.dir, { pathPrefix: prefix });
      server = await startStaticServer({ root: site.out, pathPrefix: prefix });
      origin = new URL(server.url).origin;
      crawl = await check(server.url);
    });
    afterAll(async () => {
      await server?.close();
      tmp.cleanup();
    });

    const checked = () => crawl.links.filter((l) => l.state !== LinkState.SKIPPED);
    const site_ = (url: string) => url.slice(server.url.length - 1);

    it("finds no broken internal link, image, stylesheet, script, feed or fragment", () => {
      const broken = crawl.links.filter((l) => l.state === LinkState.BROKEN).map((l) => `${l.parent ?? "(start)"} → ${l.url} (${l.status ?? "no response"})`);
      console.log(`linkinator ${prefix}: ${checked().length} links checked, ${new Set(checked().map((l) => l.url)).size} distinct, ${broken.length} broken`);
      expect(broken).toEqual([]);
    });

    // Fragments (`#main` of the skip link) are checked too, but only a broken one is listed by its URL.
    it("reached every page of the build and every kind of resource", () => {
      const urls = new Set(checked().map((l) => l.url.replace(/#.*$/, "")));
      const pages = site.htmlFiles.filter((f) => f !== "404.html" && f !== "offline/index.html").map((f) => `${server.url}${f.replace(/(^|\/)index\.html$/, "$1")}`);
      expect(pages.filter((p) => !urls.has(p))).toEqual([]);
      const kinds = {
        stylesheet: /\/assets\/style\.[0-9a-f]{10}\.css$/,
        script: /\/assets\/search\.[0-9a-f]{10}\.js$/,
        image: /\/media\/trust\/2019\/06\/anh\/v%E1%BB%8Bnh%20h%E1%BA%A1%20long\.svg$/i,
        atom: /\/feed\.xml$/,
        sectionFeed: /\/sections\/van-hoa\/feed\.xml$/,
        jsonFeed: /\/feed\.json$/,
      };
      const all = checked().map((l) => l.url);
      for (const [kind, re] of Object.entries(kinds)) expect(all.some((u) => re.test(u)), kind).toBe(true);
      // Canonical links were rewritten to this server and followed.
      expect(crawl.links.some((l) => l.url === `${server.url}${PAGES.article.slice(1)}` && l.state === LinkState.OK)).toBe(true);
    });

    it("every address in the sitemap, the feeds, robots.txt and the manifest answers 200", async () => {
      const local = (u: string) => (u.startsWith(ORIGIN) ? `${origin}${u.slice(ORIGIN.length)}` : new URL(u, server.url).href);
      const sitemap = parseXml(readOutput(site.out, "/sitemap.xml"))["urlset"] as { url: { loc: string }[] };
      const atom = parseXml(readOutput(site.out, "/feed.xml"))["feed"] as { entry: { link: { "@href": string }[] }[]; link: { "@href": string }[] };
      const json = JSON.parse(readOutput(site.out, "/feed.json")) as { home_page_url: string; feed_url: string; items: { url: string; content_html: string }[] };
      const robots = /^Sitemap: (.+)$/m.exec(readOutput(site.out, "/robots.txt"))?.[1] ?? "missing";
      const manifest = JSON.parse(readOutput(site.out, "/manifest.webmanifest")) as { icons: { src: string }[]; start_url: string };
      const manifestUrl = `${server.url}manifest.webmanifest`;
      const feedLinks = [...json.items.flatMap((i) => [...i.content_html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1] ?? ""))].filter((u) => u.startsWith(ORIGIN));
      const targets = [
        ...sitemap.url.map((u) => u.loc),
        ...atom.link.map((l) => l["@href"]),
        ...atom.entry.flatMap((e) => e.link.map((l) => l["@href"])),
        json.home_page_url, json.feed_url, ...json.items.map((i) => i.url), ...feedLinks,
        robots,
      ].map(local);
      targets.push(...[manifest.start_url, ...manifest.icons.map((i) => i.src)].map((u) => new URL(u, manifestUrl).href));
      expect(targets.length).toBeGreaterThan(100);
      const failed: string[] = [];
      for (const url of new Set(targets)) {
        const res = await fetch(url, { method: "HEAD", redirect: "manual" });
        if (res.status !== 200) failed.push(`${url} ${res.status}`);
      }
      console.log(`sitemap/feeds/robots/manifest ${prefix}: ${new Set(targets).size} addresses fetched`);
      expect(failed).toEqual([]);
    });

    it("the crawl fails on a broken link (control: a page linking to a missing page, image and fragment)", async () => {
      writeFileSync(path.join(site.out, "control.html"), `<!DOCTYPE html><html lang="vi"><title>x</title><a href="${prefix}missing/">a</a><img src="${prefix}nope.png" alt=""><a href="${prefix}#nowhere">b</a>`);
      const result = await check(`${server.url}control.html`);
      const broken = result.links.filter((l) => l.state === LinkState.BROKEN).map((l) => site_(l.url));
      expect(broken).toEqual(expect.arrayContaining(["/missing/", "/nope.png", "/#nowhere"]));
    });
  });
}
