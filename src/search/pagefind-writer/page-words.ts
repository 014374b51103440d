import { indexableWords, type IndexableWord } from "./indexable-words.ts";
import { DECIMAL, normalizeContent, WHITESPACE, type PageHtml } from "./page-html.ts";

/**
 * Where one spelling of a word stands on a page: pairs of numbers, in text order. For page text,
 * weight then position (weight is Pagefind's × 24: 24 for plain text, 168 for an h1, a share of it
 * for a compound word's parts); for meta values, the field's number among the page's meta fields
 * (by name) then the position in that value. Flat arrays: a page has thousands of these.
 */
export type Places = number[];

/** A word's places on a page: as the exact key (no diacritics), and as each marked spelling of it. */
export interface KeyPlaces {
  exact: Places | null;
  variants: Map<string, Places> | null;
}

export interface Anchor {
  element: string;
  id: string;
  text: string;
  location: number;
}

/** A page as the index needs it (Pagefind's "fossicked" page). */
export interface PageWords {
  url: string;
  /** The page's text, words separated by one space: the fragment's `content`. */
  content: string;
  wordCount: number;
  words: Map<string, KeyPlaces>;
  metaWords: Map<string, KeyPlaces>;
  anchors: Anchor[];
  filters: Map<string, string[]>;
  /** By name, sorted (Pagefind keeps meta in a BTreeMap). */
  meta: Map<string, string>;
  sort: Map<string, string>;
}

const WEIGHT_SCALE = 24;
const WEIGHT_MAX = 10;
const PRIVATE_MARKER = /___PAGEFIND_\S+\s?/g;

/**
 * Words are cut once per distinct spelling: an archive's vocabulary is small next to its text (a
 * page of 1,000 words has about 400 distinct ones, the archive a few hundred thousand).
 */
const caches = [new Map<string, IndexableWord[]>(), new Map<string, IndexableWord[]>()];
function cut(raw: string, inText: boolean): IndexableWord[] {
  const cache = caches[inText ? 1 : 0] as Map<string, IndexableWord[]>;
  let words = cache.get(raw);
  if (!words) {
    if (cache.size > 500_000) cache.clear();
    words = indexableWords(raw, inText);
    cache.set(raw, words);
  }
  return words;
}

/** Pagefind's parse_digest and parse_meta_words: positions, weights and anchors from a page's digest. */
export function pageWords(url: string, page: PageHtml): PageWords {
  const words = new Map<string, KeyPlaces>();
  const anchors: Anchor[] = [];
  const content: string[] = [];
  let index = 0;
  let maxIndex = 0;
  const weights: number[] = [WEIGHT_SCALE];
  for (const word of page.digest.split(WHITESPACE)) {
    if (word === "") continue;
    if (word.charCodeAt(0) === 95 /* _ */) {
      if (word.startsWith("___PAGEFIND_ANCHOR___")) {
        const rest = word.slice("___PAGEFIND_ANCHOR___".length);
        const colon = rest.indexOf(":");
        if (colon >= 0) {
          const anchorId = rest.slice(colon + 1);
          const idColon = anchorId.indexOf(":");
          if (idColon >= 0) {
            // Twice, as Pagefind does: `&amp;lt;` in an anchor's text shows as `<`.
            const text = normalizeContent(normalizeContent(page.anchorContent.get(anchorId) ?? ""));
            anchors.push({ element: rest.slice(0, colon), id: anchorId.slice(idColon + 1), text, location: index });
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
    const weight = weights[weights.length - 1] ?? WEIGHT_SCALE;
    const cutWords = cut(base, true);
    let parts = 0;
    for (const w of cutWords) if (w.part) parts++;
    const partWeight = parts > 0 && weight > 0 ? Math.max(1, Math.trunc(weight / Math.min(parts, 255))) : 0;
    for (const w of cutWords) place(words, w, w.part ? partWeight : weight, index);
    maxIndex = index;
    index++;
  }

  const filters = new Map<string, string[]>();
  for (const [name, values] of page.filters) filters.set(name, values.map((v) => v.replace(PRIVATE_MARKER, "")));
  const meta = new Map<string, string>([...page.meta].map(([k, v]): [string, string] => [k, v.replace(PRIVATE_MARKER, "")]).sort((a, b) => compareBytes(a[0], b[0])));
  const metaWords = new Map<string, KeyPlaces>();
  let field = 0;
  for (const value of meta.values()) {
    let position = 0;
    for (const word of value.split(WHITESPACE)) {
      if (word === "") continue;
      for (const w of cut(word, false)) place(metaWords, w, field, position);
      position++;
    }
    field++;
  }
  return { url, content: content.join(" "), wordCount: maxIndex + 1, words, metaWords, anchors, filters, meta, sort: page.sort };
}

function place(map: Map<string, KeyPlaces>, word: IndexableWord, group: number, position: number): void {
  let key = map.get(word.key);
  if (!key) map.set(word.key, (key = { exact: null, variants: null }));
  if (word.original === null) {
    if (key.exact) key.exact.push(group, position);
    else key.exact = [group, position];
    return;
  }
  key.variants ??= new Map();
  const places = key.variants.get(word.original);
  if (places) places.push(group, position);
  else key.variants.set(word.original, [group, position]);
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
