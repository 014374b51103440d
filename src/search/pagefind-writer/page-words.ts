import { DECIMAL, isSpace, normalizeContent, WHITESPACE, type PageHtml } from "./page-html.ts";
import { SPAN_HASH_SEED, spanHashEnd, spanHashStep } from "./span-table.ts";

export interface Anchor {
  element: string;
  id: string;
  text: string;
  location: number;
}

/**
 * Where pageWords puts each word it reads: the index being written (write-bundle.ts), which cuts
 * it (indexable-words.ts) and files its places. Positions count the page's words from 0.
 */
export interface WordPlacer {
  /** A word of the page's text, with its weight: Pagefind's × 24 (24 for plain text, 168 for an h1). */
  text(raw: string, weight: number, position: number): void;
  /**
   * The same for the word `text.slice(start, end)`, not cut out (most words are met before); `hash` is
   * its spanHash (span-table.ts), worked out while the word was read.
   */
  textSpan(text: string, start: number, end: number, hash: number, weight: number, position: number): void;
  /** A word of a meta value: the field's number among the page's meta fields (by name), its position in that value. */
  meta(raw: string, field: number, position: number): void;
}

/** A page as its fragment needs it (Pagefind's "fossicked" page, its words placed apart). */
export interface PageText {
  url: string;
  /** The page's text, words separated by one space: the fragment's `content`. */
  content: string;
  wordCount: number;
  anchors: Anchor[];
  filters: Map<string, string[]>;
  /** By name, sorted (Pagefind keeps meta in a BTreeMap). */
  meta: Map<string, string>;
  sort: Map<string, string>;
}

const WEIGHT_SCALE = 24;
const WEIGHT_MAX = 10;
const PRIVATE_MARKER = /___PAGEFIND_\S+\s?/g;

/** Pagefind's parse_digest and parse_meta_words: positions, weights and anchors from a page's digest. */
export function pageWords(url: string, page: PageHtml, placer: WordPlacer): PageText {
  const anchors: Anchor[] = [];
  // The page's words, one space apart: spans of the text that are already so, and words apart.
  const content: string[] = [];
  let index = 0;
  let maxIndex = 0;
  const weights: number[] = [WEIGHT_SCALE];
  const text = page.digest;
  // Zero-width spaces are rare: a page with any takes the slow path for every word.
  const zeroWidth = text.includes("\u200b");
  // The words are the runs between white space (Rust's split_whitespace), found in place: an
  // ordinary word is passed on as a span of the text; one that may be a marker, or hold a zero-width
  // space, is cut out. `run…`: the span of ordinary words one plain space apart being read.
  let runStart = -1;
  let runEnd = -1;
  const endRun = () => {
    if (runStart >= 0) content.push(text.slice(runStart, runEnd));
    runStart = -1;
  };
  const length = text.length;
  let i = 0;
  while (i < length) {
    const gap = i;
    while (i < length && isSpace(text.charCodeAt(i))) i++;
    if (i === length) break;
    const start = i;
    let hash = SPAN_HASH_SEED;
    for (let unit = text.charCodeAt(i); i < length && !isSpace(unit); unit = text.charCodeAt(++i)) hash = spanHashStep(hash, unit);
    if (!zeroWidth && text.charCodeAt(start) !== 95 /* _ */) {
      if (runStart >= 0 && (start - gap !== 1 || text.charCodeAt(gap) !== 32)) endRun();
      if (runStart < 0) runStart = start;
      runEnd = i;
      placer.textSpan(text, start, i, spanHashEnd(hash), weights[weights.length - 1] ?? WEIGHT_SCALE, index);
      maxIndex = index;
      index++;
      continue;
    }
    endRun();
    const word = text.slice(start, i);
    if (word.charCodeAt(0) === 95 /* _ */) {
      if (word.startsWith("___PAGEFIND_ANCHOR___")) {
        const rest = word.slice("___PAGEFIND_ANCHOR___".length);
        const colon = rest.indexOf(":");
        if (colon >= 0) {
          const anchorId = rest.slice(colon + 1);
          const idColon = anchorId.indexOf(":");
          if (idColon >= 0) {
            // Twice, as Pagefind does: `&amp;lt;` in an anchor's text shows as `<`.
            const anchorText = normalizeContent(normalizeContent(page.anchorContent.get(anchorId) ?? ""));
            anchors.push({ element: rest.slice(0, colon), id: anchorId.slice(idColon + 1), text: anchorText, location: index });
          }
        }
        continue;
      }
      if (word.startsWith("___PAGEFIND_WEIGHT___")) {
        const w = parseWeight(word.slice("___PAGEFIND_WEIGHT___".length));
        weights.push(w <= 0 ? 0 : Math.max(1, Math.trunc(Math.min(w, WEIGHT_MAX) * WEIGHT_SCALE)));
        continue;
      }
      if (word.startsWith("___PAGEFIND_AUTO_WEIGHT___")) {
        const w = parseWeight(word.slice("___PAGEFIND_AUTO_WEIGHT___".length));
        weights.push(weights.length === 1 ? Math.trunc(Math.min(Math.max(w, 0), WEIGHT_MAX) * WEIGHT_SCALE) : (weights[weights.length - 1] as number));
        continue;
      }
      if (word.startsWith("___END_PAGEFIND_WEIGHT___")) {
        weights.pop();
        continue;
      }
    }
    const base = word.includes("\u200b") ? word.replaceAll("\u200b", "") : word;
    if (base === "") continue;
    content.push(base);
    placer.text(base, weights[weights.length - 1] ?? WEIGHT_SCALE, index);
    maxIndex = index;
    index++;
  }
  endRun();

  const filters = new Map<string, string[]>();
  for (const [name, values] of page.filters) filters.set(name, values.map((v) => v.replace(PRIVATE_MARKER, "")));
  const meta = new Map<string, string>([...page.meta].map(([k, v]): [string, string] => [k, v.replace(PRIVATE_MARKER, "")]).sort((a, b) => compareBytes(a[0], b[0])));
  let field = 0;
  for (const value of meta.values()) {
    let position = 0;
    for (const word of value.split(WHITESPACE)) {
      if (word === "") continue;
      placer.meta(word, field, position);
      position++;
    }
    field++;
  }
  return { url, content: content.join(" "), wordCount: maxIndex + 1, anchors, filters, meta, sort: page.sort };
}

/** Rust's f32 parse, roughly: a plain decimal number, else 1. */
function parseWeight(text: string): number {
  const n = DECIMAL.test(text) ? Number(text) : NaN;
  return Number.isNaN(n) ? 1 : n;
}

/** Rust orders strings by their UTF-8 bytes: the same as by code points, not by UTF-16 units. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
