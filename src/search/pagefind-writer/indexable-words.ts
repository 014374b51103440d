/**
 * The words Pagefind 1.6 indexes for one whitespace-separated word of a page, as its indexer cuts
 * them (splitting.rs in Pagefind's source): the whole word stripped to letters and digits, and, for
 * a word with punctuation or inner capitals (`12.000`, `COVID-19`, `TP.HCM`, `iPhone`, `“Tôi`), its
 * parts. Each is keyed by its form without diacritics (`đường` → `đuong`), the marked form kept as
 * the variant. Pagefind's search runtime (WebAssembly) cuts a query the same way, so any difference
 * here makes a search silently miss: tests/search/pagefind-writer compares our index with Pagefind's
 * own on the demo and a corpus sample, word by word.
 */

export interface IndexableWord {
  /** The key in the index: lowercase, no diacritics. */
  key: string;
  /** The lowercase form with its diacritics, when it differs from the key. */
  original: string | null;
  /** A part of a compound word, weighted as a share of the whole. */
  part: boolean;
}

/** Connector punctuation Pagefind keeps inside words by default (its `include_characters`). */
export const INCLUDE_CHARACTERS: readonly string[] = ["_", "‿", "⁀", "⁔", "︳", "︴", "﹍", "﹎", "﹏", "＿"];
const INCLUDED = new Set(INCLUDE_CHARACTERS);

// Rust's char::is_alphanumeric: the Alphabetic property or a numeric general category.
const ALPHANUMERIC = /^[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]$/u;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;
const MARKS = /\p{M}/gu;
const EMOJI = /\p{Emoji}/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const NON_ASCII = /[^\x00-\x7f]/;

/** Most words: letters and digits, no capital after the first. */
const PLAIN = /^[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}](?:(?!\p{Uppercase})[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}])*$/u;

/** What follows a full stop is indexed up to this many characters of the raw word. */
const SUFFIX_CHARS = 64;

/**
 * `afterStops`: also what follows each full stop, for page text (`www.city.osaka.lg.jp` gives
 * `cityosakalgjp`, `osakalgjp` and `lgjp`; `1.731.900` gives `731900`), not for meta values.
 */
export function indexableWords(raw: string, afterStops: boolean, include: ReadonlySet<string> = INCLUDED): IndexableWord[] {
  if (PLAIN.test(raw)) return [variant(lowerChar(raw.charAt(0)) === raw.charAt(0) ? raw : lowerFirst(raw), false)];
  const results: IndexableWord[] = [];
  const possiblyCompound = couldBeCompound(raw);
  const normalized = lettersAndDigits(raw, include);
  if (normalized !== "") results.push(variant(normalized, false));
  if (!possiblyCompound) return results;

  const parts = discreteWords(raw);
  if (normalized !== "" && (parts.includes(" ") || !normalized.startsWith(parts))) {
    const cuts = parts.split(" ");
    if (afterStops) {
      const stops = raw.split(".");
      for (let i = 1; i < stops.length; i++) {
        const after = [...stops.slice(i).join(".")].slice(0, SUFFIX_CHARS).join("");
        // Only a rest that could be compound itself: `7.000mAh` gives `000mah`, `72.000m2` no `000m2`.
        if (!couldBeCompound(after)) continue;
        const rest = lettersAndDigits(after, include);
        if (!cuts.includes(rest)) cuts.push(rest);
      }
    }
    for (const part of cuts) {
      // Pagefind skips one-byte parts (a lone ASCII letter or digit); `đ` is two bytes and stays.
      if (Buffer.byteLength(part) > 1) results.push(variant(part, true));
    }
  }
  if (EMOJI.test(raw)) {
    for (const { segment } of graphemes.segment(raw)) {
      if (PICTOGRAPH.test(segment)) results.push({ key: segment, original: null, part: false });
    }
  }
  return results;
}

/**
 * indexableWords, once per distinct spelling in a process: an archive's vocabulary is small next to
 * its text (a page of 1,000 words has about 400 distinct ones, the archive a few hundred thousand),
 * and an index process writes part after part. The results are shared: never change them.
 */
const caches = [new Map<string, readonly IndexableWord[]>(), new Map<string, readonly IndexableWord[]>()];
export function cachedIndexableWords(raw: string, afterStops: boolean): readonly IndexableWord[] {
  const cache = caches[afterStops ? 1 : 0] as Map<string, readonly IndexableWord[]>;
  let words = cache.get(raw);
  if (!words) {
    if (cache.size > 500_000) cache.clear();
    words = indexableWords(raw, afterStops);
    cache.set(raw, words);
  }
  return words;
}

/** Punctuation inside, or a capital after the first character. */
function couldBeCompound(word: string): boolean {
  let first = true;
  for (const c of word) {
    if (!isAlphanumeric(c) || (!first && isUpper(c))) return true;
    first = false;
  }
  return false;
}

/** The word's letters, digits and included characters, lowercase. */
function lettersAndDigits(raw: string, include: ReadonlySet<string>): string {
  let out = "";
  for (const c of raw) if (isAlphanumeric(c) || include.has(c)) out += lowerChar(c);
  return out;
}

function variant(word: string, part: boolean): IndexableWord {
  const folded = foldDiacritics(word);
  return folded === null ? { key: word, original: null, part } : { key: folded, original: word, part };
}

/** Pagefind's diacritic folding: decompose, drop every combining mark (`đ` has none and stays). */
export function foldDiacritics(word: string): string | null {
  if (!NON_ASCII.test(word)) return null;
  const folded = word.normalize("NFD").replace(MARKS, "");
  return folded === word ? null : folded;
}

/**
 * ASCII punctuation to spaces, then lowercase words split at case and digit boundaries, as the
 * `convert_case` crate's lower case does (`WKWebVIEWComponent` → `wk web view component`).
 */
export function discreteWords(raw: string): string {
  const words: string[] = [];
  for (const piece of raw.replace(ASCII_PUNCTUATION, " ").split(" ")) {
    if (piece === "") continue;
    const chars = [...piece];
    let start = 0;
    for (let i = 1; i < chars.length; i++) {
      const a = kindOf(chars[i - 1] as string);
      const b = kindOf(chars[i] as string);
      const next = i + 1 < chars.length ? kindOf(chars[i + 1] as string) : null;
      const split =
        (a === "lower" && b === "upper") ||
        (a === "upper" && b === "upper" && next === "lower") ||
        (a === "digit" && (b === "upper" || b === "lower")) ||
        ((a === "upper" || a === "lower") && b === "digit");
      if (split) {
        words.push(chars.slice(start, i).join(""));
        start = i;
      }
    }
    words.push(chars.slice(start).join(""));
  }
  return words.map((w) => w.toLowerCase()).filter((w) => w !== "").join(" ");
}

type Kind = "upper" | "lower" | "digit" | "other";

function kindOf(c: string): Kind {
  if (c >= "0" && c <= "9") return "digit";
  if (isUpper(c)) return "upper";
  if (isLower(c)) return "lower";
  return "other";
}

function isAlphanumeric(c: string): boolean {
  return ALPHANUMERIC.test(c);
}

function isUpper(c: string): boolean {
  return /^\p{Uppercase}$/u.test(c);
}

function isLower(c: string): boolean {
  return /^\p{Lowercase}$/u.test(c);
}

/** Rust's char::to_lowercase, one character at a time (no final-sigma rule). */
function lowerChar(c: string): string {
  if (c >= "A" && c <= "Z") return String.fromCharCode(c.charCodeAt(0) + 32);
  if (c < "\x80") return c;
  return isUpper(c) ? c.toLowerCase() : c;
}

function lowerFirst(word: string): string {
  const first = String.fromCodePoint(word.codePointAt(0) as number);
  return lowerChar(first) + word.slice(first.length);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
