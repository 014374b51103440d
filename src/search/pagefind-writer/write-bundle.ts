import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { Encoder } from "cbor-x";
import { INCLUDE_CHARACTERS } from "./indexable-words.ts";
import { compareBytes, type PageWords, type WordAt, type MetaWordAt } from "./page-words.ts";

/**
 * A Pagefind 1.6 index ("bundle") written from pages already read (page-words.ts), file for file
 * what Pagefind's own indexer writes, so that Pagefind's search runtime reads it unchanged. Why we
 * write it ourselves: at 100,000 articles Pagefind's indexer spent 199 CPU-s of a 222 s build on 2
 * cores, this about a third of that (BENCHMARKS.md). The format (pf_meta, pf_index, pf_filter,
 * pf_fragment, pagefind-entry.json) is internal to Pagefind: tests/search/pagefind-writer compares
 * every page, word, position, filter and sort with Pagefind's own index of the same pages, so that
 * a Pagefind upgrade that changes it fails there and not in readers' browsers.
 */

/** The Pagefind release whose format this writes; package.json pins it. */
export const PAGEFIND_FORMAT = "1.6.0";

export interface BundleFile {
  /** Relative to the bundle's folder. */
  path: string;
  content: Uint8Array;
}

export interface Bundle {
  files: BundleFile[];
  /** Page URL → its fragment file, relative to the bundle's folder. */
  fragments: Map<string, string>;
}

const SIGNATURE = Buffer.from("pagefind_dcd");
/** Pagefind closes an index chunk once its words hold this many numbers (locations, pages, variants). */
const CHUNK_COST = 20_000;
const cbor = new Encoder({ useRecords: false, variableMapSize: true });

/** Pages in URL order: a build writes the same bytes for the same pages on any machine. */
export function writeBundle(input: readonly PageWords[], language: string): Bundle {
  const pages = [...input].sort((a, b) => compareBytes(a.url, b.url));
  const names = new Names(language);
  const files: BundleFile[] = [];
  const fragments = new Map<string, string>();

  const fragmentNames = pages.map((page) => {
    const payload = Buffer.from(
      JSON.stringify({
        url: page.url,
        content: page.content,
        word_count: page.wordCount,
        filters: Object.fromEntries([...page.filters].sort((a, b) => compareBytes(a[0], b[0]))),
        meta: Object.fromEntries(page.meta),
        anchors: page.anchors.map((a) => ({ element: a.element, id: a.id, text: a.text, location: a.location })),
      }),
    );
    const name = names.name("fragment", payload, 7);
    const path = `fragment/${name}.pf_fragment`;
    files.push({ path, content: pack(payload) });
    fragments.set(page.url, path);
    return name;
  });

  const metaFields = [...new Set(pages.flatMap((p) => [...p.meta.keys()]))].sort(compareBytes);
  const fieldIndex = new Map(metaFields.map((f, i) => [f, i]));
  const chunks: [string, string, string][] = [];
  for (const chunk of chunkWords(wordEntries(pages, fieldIndex))) {
    const payload = cbor.encode([chunk.words]);
    const name = names.name("index", payload, 7);
    files.push({ path: `index/${name}.pf_index`, content: pack(payload) });
    chunks.push([chunk.from, chunk.to, name]);
  }

  const filterNames: [string, string][] = [];
  for (const [filter, values] of filterIndex(pages)) {
    const payload = cbor.encode([filter, values]);
    const name = names.name("filter", payload, 7);
    files.push({ path: `filter/${name}.pf_filter`, content: pack(payload) });
    filterNames.push([filter, name]);
  }

  const meta = cbor.encode([PAGEFIND_FORMAT, pages.map((p, i) => [fragmentNames[i], p.wordCount, ""]), chunks, filterNames, sortIndex(pages), metaFields]);
  const metaName = names.name("meta", meta, language.length + 8);
  files.push({ path: `pagefind.${metaName}.pf_meta`, content: pack(meta) });
  files.push({
    path: "pagefind-entry.json",
    content: Buffer.from(JSON.stringify({ version: PAGEFIND_FORMAT, languages: { [language]: { hash: metaName, wasm: null, page_count: pages.length } }, include_characters: INCLUDE_CHARACTERS })),
  });
  return { files, fragments };
}

/** gzip of the signature and the payload, as every Pagefind data file. */
function pack(payload: Uint8Array): Uint8Array {
  return gzipSync(Buffer.concat([SIGNATURE, payload]));
}

/**
 * Pagefind's file names: the language, then the first hex digits of the payload's SHA-1, each byte
 * written without its leading zero (Pagefind's own quirk, kept so that names match its). A name
 * already taken by other content in the same folder gets one more digit.
 */
class Names {
  private readonly taken = new Map<string, Map<string, string>>();
  constructor(private readonly language: string) {}

  name(folder: string, payload: Uint8Array, length: number): string {
    const digest = createHash("sha1").update(payload).digest();
    let hex = "";
    for (const byte of digest) hex += byte.toString(16);
    const seen = this.taken.get(folder) ?? new Map<string, string>();
    this.taken.set(folder, seen);
    for (let n = length; ; n++) {
      const name = `${this.language}_${hex.slice(0, n)}`;
      const owner = seen.get(name);
      if (owner === undefined || owner === hex || n >= hex.length) {
        seen.set(name, hex);
        return name;
      }
    }
  }
}

type PageEntry = [number, number[], number[]];
interface WordEntry {
  key: string;
  pages: PageEntry[];
  variants: Map<string, PageEntry[]>;
  cost: number;
}

/**
 * Every word of every page, by key: the page's positions of the exact key, and of each marked form
 * that folds to it (the variants, in order of the first page using them). Page numbers are
 * delta-encoded within each list; positions too, within each weight group (see encodeLocations).
 */
function wordEntries(pages: readonly PageWords[], fieldIndex: ReadonlyMap<string, number>): WordEntry[] {
  const entries = new Map<string, WordEntry>();
  const lastPage = new Map<PageEntry[], number>();
  const add = (list: PageEntry[], page: number, locs: number[], metaLocs: number[]) => {
    const previous = lastPage.get(list) ?? 0;
    list.push([page - previous, locs, metaLocs]);
    lastPage.set(list, page);
  };
  pages.forEach((page, pageNumber) => {
    const fields = [...page.meta.keys()].map((f) => fieldIndex.get(f) as number);
    const forms = new Map<string, { key: string; form: string | null; at: WordAt[]; meta: MetaWordAt[] }>();
    const formOf = (key: string, form: string | null) => {
      const id = form === null ? key : `${key}\u0000${form}`;
      let f = forms.get(id);
      if (!f) forms.set(id, (f = { key, form, at: [], meta: [] }));
      return f;
    };
    for (const [key, list] of page.words) for (const at of list) formOf(key, at.original).at.push(at);
    for (const [key, list] of page.metaWords) for (const at of list) formOf(key, at.original).meta.push(at);
    for (const f of forms.values()) {
      let entry = entries.get(f.key);
      if (!entry) entries.set(f.key, (entry = { key: f.key, pages: [], variants: new Map(), cost: 0 }));
      const locs = encodeLocations(f.at.map((a) => [a.weight, a.position]));
      const metaLocs = encodeLocations(f.meta.map((m) => [fields[m.field] as number, m.position]));
      if (f.form === null) add(entry.pages, pageNumber, locs, metaLocs);
      else {
        let list = entry.variants.get(f.form);
        if (!list) {
          entry.variants.set(f.form, (list = []));
          entry.cost++;
        }
        add(list, pageNumber, locs, metaLocs);
      }
      entry.cost += locs.length + metaLocs.length + 1;
    }
  });
  return [...entries.values()].sort((a, b) => compareBytes(a.key, b.key));
}

/**
 * `[-(group+1), first, delta, delta…]` per group, groups ascending: weights for page text, meta
 * field numbers for meta text.
 */
function encodeLocations(places: [number, number][]): number[] {
  if (places.length === 0) return [];
  places.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  let group = -1;
  let previous = 0;
  for (const [g, position] of places) {
    if (g !== group) {
      out.push(-(g + 1));
      group = g;
      previous = 0;
    }
    out.push(position - previous);
    previous = position;
  }
  return out;
}

interface Chunk {
  from: string;
  to: string;
  words: unknown[];
}

/** Words in chunks of about CHUNK_COST numbers; `from`/`to` are the shortest prefixes that tell neighbours apart. */
function chunkWords(words: readonly WordEntry[]): Chunk[] {
  const groups: WordEntry[][] = [];
  let open: WordEntry[] = [];
  let cost = 0;
  for (const word of words) {
    open.push(word);
    cost += word.cost;
    if (cost >= CHUNK_COST) {
      groups.push(open);
      open = [];
      cost = 0;
    }
  }
  if (open.length > 0) groups.push(open);
  const chunks = groups.map((g) => ({ from: (g[0] as WordEntry).key, to: (g[g.length - 1] as WordEntry).key, words: g.map((w) => [w.key, w.pages, [...w.variants]]) }));
  for (let i = 0; i + 1 < chunks.length; i++) {
    const a = [...(chunks[i] as Chunk).to];
    const b = [...(chunks[i + 1] as Chunk).from];
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    (chunks[i] as Chunk).to = a.slice(0, k + 1).join("");
    (chunks[i + 1] as Chunk).from = b.slice(0, k + 1).join("");
  }
  return chunks;
}

/** Per filter, by name: each value (in code point order) with its pages. */
function filterIndex(pages: readonly PageWords[]): [string, [string, number[]][]][] {
  const filters = new Map<string, Map<string, number[]>>();
  pages.forEach((page, n) => {
    for (const [name, values] of page.filters) {
      let byValue = filters.get(name);
      if (!byValue) filters.set(name, (byValue = new Map()));
      for (const value of values) {
        const list = byValue.get(value);
        if (!list) byValue.set(value, [n]);
        else if (list[list.length - 1] !== n) list.push(n);
      }
    }
  });
  return [...filters]
    .sort((a, b) => compareBytes(a[0], b[0]))
    .map(([name, byValue]): [string, [string, number[]][]] => [name, [...byValue].sort((a, b) => compareBytes(a[0], b[0]))]);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Per sort key, by name: the pages that have it, ascending, by number when every value is one. */
function sortIndex(pages: readonly PageWords[]): [string, number[]][] {
  const sorts = new Map<string, [string, number][]>();
  pages.forEach((page, n) => {
    for (const [name, value] of page.sort) {
      const list = sorts.get(name);
      if (list) list.push([value, n]);
      else sorts.set(name, [[value, n]]);
    }
  });
  return [...sorts]
    .sort((a, b) => compareBytes(a[0], b[0]))
    .map(([name, list]): [string, number[]] => {
      const numeric = list.every(([v]) => NUMBER.test(v.trim()));
      list.sort(numeric ? (a, b) => Number(a[0]) - Number(b[0]) : (a, b) => compareBytes(a[0], b[0]));
      return [name, list.map(([, n]) => n)];
    });
}
