import { indexableWords, type IndexableWord } from "./indexable-words.ts";
import { normalizeContent, type PageHtml } from "./page-html.ts";

/** One place a word stands on a page. */
export interface WordAt {
  position: number;
  /** Pagefind's weight × 24: 24 for plain text, 168 for an h1, a share of it for a compound word's parts. */
  weight: number;
  /** The word with its diacritics, when the key has none. */
  original: string | null;
}

export interface MetaWordAt {
  /** Index of the meta field among the page's meta fields, by name. */
  field: number;
  position: number;
  original: string | null;
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
  words: Map<string, WordAt[]>;
  metaWords: Map<string, MetaWordAt[]>;
  anchors: Anchor[];
  filters: Map<string, string[]>;
  /** By name, sorted (Pagefind keeps meta in a BTreeMap). */
  meta: Map<string, string>;
  sort: Map<string, string>;
}

const WEIGHT_SCALE = 24;
const WEIGHT_MAX = 10;
const PRIVATE_MARKER = /___PAGEFIND_\S+\s?/g;
const WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

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
  const words = new Map<string, WordAt[]>();
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
    for (const w of cutWords) {
      const at: WordAt = { position: index, weight: w.part ? partWeight : weight, original: w.original };
      const list = words.get(w.key);
      if (list) list.push(at);
      else words.set(w.key, [at]);
    }
    maxIndex = index;
    index++;
  }

  const filters = new Map<string, string[]>();
  for (const [name, values] of page.filters) filters.set(name, values.map((v) => v.replace(PRIVATE_MARKER, "")));
  const meta = new Map<string, string>([...page.meta].map(([k, v]): [string, string] => [k, v.replace(PRIVATE_MARKER, "")]).sort((a, b) => compareBytes(a[0], b[0])));
  const metaWords = new Map<string, MetaWordAt[]>();
  let field = 0;
  for (const value of meta.values()) {
    let position = 0;
    for (const word of value.split(WHITESPACE)) {
      if (word === "") continue;
      for (const w of cut(word, false)) {
        const at: MetaWordAt = { field, position, original: w.original };
        const list = metaWords.get(w.key);
        if (list) list.push(at);
        else metaWords.set(w.key, [at]);
      }
      position++;
    }
    field++;
  }
  return { url, content: content.join(" "), wordCount: maxIndex + 1, words, metaWords, anchors, filters, meta, sort: page.sort };
}

/** Rust's f32 parse, roughly: a plain decimal number, else 1. */
function parseWeight(text: string): number {
  const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
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
