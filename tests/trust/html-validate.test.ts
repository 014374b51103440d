import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HtmlValidate, StaticConfigLoader, type ConfigData } from "html-validate";
import { ROOT, tempDir } from "../helpers/index.ts";
import { buildTrustSite, pageUrl, PAGES, type TrustBuild } from "./support.ts";

/**
 * html-validate (its "recommended" rules, plus heading-level) over every HTML page of one real build of
 * the demo and the trust fixtures, with the repository's .htmlvalidate.json.
 */

/**
 * Why each rule that .htmlvalidate.json turns off is off. The config is JSON, whose schema allows no
 * comment or extra key, so the reasons live here and a test keeps the two lists equal.
 */
const OFF_RULES: Record<string, string> = {
  "no-trailing-whitespace": "a style rule for hand-written sources: the spaces are left by template tags in generated pages and change nothing a reader or parser sees",
  "long-title": "an SEO rule: <title> carries the article's headline as published, and a public record does not shorten headlines",
};

const config = JSON.parse(readFileSync(path.join(ROOT, ".htmlvalidate.json"), "utf8")) as ConfigData;
const validator = new HtmlValidate(new StaticConfigLoader(config));
const tmp = tempDir("trust-html");
let site: TrustBuild;

beforeAll(async () => {
  site = await buildTrustSite(tmp.dir);
});
afterAll(() => tmp.cleanup());

async function problems(html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((r) => r.messages.map((m) => `${name}:${m.line}:${m.column} [${m.ruleId}] ${m.message}`));
}

describe(".htmlvalidate.json", () => {
  it("extends the recommended rules and gives a reason for each rule it turns off", () => {
    expect(config.extends).toContain("html-validate:recommended");
    const off = Object.entries(config.rules ?? {}).filter(([, v]) => v === "off" || v === 0 || (Array.isArray(v) && (v[0] === "off" || v[0] === 0))).map(([k]) => k);
    expect(off.sort()).toEqual(Object.keys(OFF_RULES).sort());
  });

  it("catches what it should: the same validator fails a page with a skipped heading, an inline style and a duplicate id", async () => {
    const html = readFileSync(path.join(site.out, "index.html"), "utf8")
      .replace("<main id=\"main\">", "<main id=\"main\"><h3 style=\"color:red\" id=\"main\">x</h3>");
    const found = (await problems(html, "control.html")).map((p) => /\[([a-z-]+)\]/.exec(p)?.[1]);
    expect(found).toEqual(expect.arrayContaining(["heading-level", "no-inline-style", "no-dup-id"]));
  });
});

describe("every built page", () => {
  it("passes html-validate", async () => {
    const all: string[] = [];
    for (const file of site.htmlFiles) all.push(...(await problems(readFileSync(path.join(site.out, file), "utf8"), file)));
    console.log(`html-validate: ${site.htmlFiles.length} pages validated, ${all.length} problems`);
    expect(all).toEqual([]);
  });

  it("includes every kind of page (every template; the offline page too while the build makes one)", () => {
    const urls = new Set(site.htmlFiles.map(pageUrl));
    const kinds = [
      PAGES.home, "/page/2/", PAGES.article, PAGES.tag, PAGES.section, PAGES.author, PAGES.year, PAGES.month, PAGES.day,
      "/sections/", "/tags/", "/authors/", PAGES.archive, PAGES.search, PAGES.notFound,
    ];
    for (const url of kinds) expect(urls.has(url), url).toBe(true);
    expect([...urls].filter((u) => /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(u)).length).toBeGreaterThan(40);
  });
});
