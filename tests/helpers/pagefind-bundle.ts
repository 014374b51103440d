import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { decodeCbor } from "./cbor-decode.ts";
import * as pagefind from "pagefind";

/**
 * A Pagefind index folder decoded into what a search can observe, free of file names and page
 * numbers (which depend on the order pages were given): pages by URL, every word's places by URL,
 * filters, sorts as URL sequences, chunk boundaries. Two indexes of the same pages compare equal
 * exactly when Pagefind's runtime would answer every search alike from them.
 */
export interface DecodedBundle {
  entry: unknown;
  metaFields: string[];
  pages: Record<string, { fragment: unknown; wordCount: number }>;
  /** `key` (or `key → form` for a marked variant) → URL → its places, decoded: `weight@position` and `field:name@position`. */
  words: Record<string, Record<string, string[]>>;
  filters: Record<string, Record<string, string[]>>;
  sorts: Record<string, string[]>;
  chunks: [string, string][];
  files: { index: number; fragment: number; filter: number };
}

type Payload = unknown;
function payload(file: string): Payload {
  const data = gunzipSync(readFileSync(file));
  if (data.subarray(0, 12).toString() !== "pagefind_dcd") throw new Error(`${file}: no pagefind_dcd signature`);
  return file.endsWith(".pf_fragment") ? JSON.parse(data.subarray(12).toString("utf8")) : decodeCbor(data.subarray(12));
}

export function readBundle(dir: string): DecodedBundle {
  const entry = JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { hash: string; page_count: number }> };
  const [language] = Object.values(entry.languages);
  if (!language) throw new Error(`${dir}: no language in pagefind-entry.json`);
  const [, pageList, chunkList, filterList, sortList, metaFields] = payload(path.join(dir, `pagefind.${language.hash}.pf_meta`)) as [string, [string, number, string][], [string, string, string][], [string, string][], [string, number[]][], string[]];
  const urls: string[] = [];
  const pages: DecodedBundle["pages"] = {};
  for (const [hash, wordCount] of pageList) {
    const fragment = payload(path.join(dir, "fragment", `${hash}.pf_fragment`)) as { url: string };
    urls.push(fragment.url);
    pages[fragment.url] = { fragment, wordCount };
  }
  const words: DecodedBundle["words"] = {};
  const chunks: [string, string][] = [];
  for (const [from, to, hash] of chunkList) {
    chunks.push([from, to]);
    const [list] = payload(path.join(dir, "index", `${hash}.pf_index`)) as [[string, PageEntry[], [string, PageEntry[]][]][]];
    for (const [key, exact, variants] of list) {
      if (exact.length > 0) words[key] = places(exact, urls, metaFields);
      for (const [form, entries] of variants) words[`${key} → ${form}`] = places(entries, urls, metaFields);
    }
  }
  const filters: DecodedBundle["filters"] = {};
  for (const [name, hash] of filterList) {
    const [, values] = payload(path.join(dir, "filter", `${hash}.pf_filter`)) as [string, [string, number[]][]];
    filters[name] = Object.fromEntries(values.map(([value, numbers]) => [value, numbers.map((n) => urls[n] as string).sort()]));
  }
  const sorts = Object.fromEntries(sortList.map(([name, order]) => [name, order.map((n) => urls[n] as string)]));
  const count = (sub: string) => (existsSync(path.join(dir, sub)) ? readdirSync(path.join(dir, sub)).length : 0);
  const blankEntry = JSON.parse(JSON.stringify(entry).replace(/"hash":"[^"]*"/g, '"hash":""')) as unknown;
  return { entry: blankEntry, metaFields, pages, words, filters, sorts, chunks, files: { index: count("index"), fragment: count("fragment"), filter: count("filter") } };
}

type PageEntry = [number, number[], number[]];

function places(entries: PageEntry[], urls: string[], metaFields: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let page = 0;
  for (const [delta, locs, metaLocs] of entries) {
    page += delta;
    const url = urls[page] as string;
    out[url] = [...decodePlaces(locs, (g) => String(g)), ...decodePlaces(metaLocs, (g) => `field:${metaFields[g]}`)].sort();
  }
  return out;
}

function decodePlaces(list: number[], group: (g: number) => string): string[] {
  const out: string[] = [];
  let g = "";
  let position = 0;
  for (const n of list) {
    if (n < 0) {
      g = group(-n - 1);
      position = 0;
    } else {
      position += n;
      out.push(`${g}@${position}`);
    }
  }
  return out;
}

/** Pagefind's own index of the given pages (its Node API, Vietnamese as the build uses), written to `dir`. */
export async function pagefindIndex(pages: readonly { url: string; html: string }[], dir: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    for (const page of pages) {
      const added = await index.addHTMLFile({ url: page.url, content: page.html });
      if (added.errors.length > 0) throw new Error(added.errors.join("; "));
    }
    const { files } = await index.getFiles();
    for (const file of files) {
      const to = path.join(dir, file.path);
      mkdirSync(path.dirname(to), { recursive: true });
      writeFileSync(to, file.content);
    }
  } finally {
    await index.deleteIndex();
  }
}

/** The words one page lists: `key → form` entries and their places on that URL, for a readable failure. */
export function wordsOf(bundle: DecodedBundle, url: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [word, byUrl] of Object.entries(bundle.words)) if (byUrl[url]) out[word] = byUrl[url];
  return out;
}
