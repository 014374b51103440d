import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse, type HTMLElement } from "node-html-parser";

/** The file a site URL is served from: `/a/` → `a/index.html`, `/feed.xml` → `feed.xml`. */
export function outputPath(outDir: string, url: string): string {
  const clean = decodeURI(url.split(/[?#]/)[0] ?? "/");
  const rel = clean.endsWith("/") ? `${clean}index.html` : clean;
  return path.join(outDir, ...rel.split("/").filter((s) => s !== ""));
}

/** Raw text of a built file by its site URL (without path prefix). */
export function readOutput(outDir: string, url: string): string {
  return readFileSync(outputPath(outDir, url), "utf8");
}

/** A built page, parsed. */
export function readHtml(outDir: string, url: string): HTMLElement {
  return parse(readOutput(outDir, url));
}

export function parseHtml(html: string): HTMLElement {
  return parse(html);
}

/** Every file of a built site, relative, with `/` separators. */
export function listFiles(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(path.join(outDir, f)).isFile())
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

/** Text content with white space folded, as a reader sees it. */
export function text(el: HTMLElement | null | undefined): string {
  return (el?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** Required element: a failed query fails the test with the selector in the message. */
export function one(root: HTMLElement, selector: string): HTMLElement {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`no element matches ${selector}`);
  return el;
}
