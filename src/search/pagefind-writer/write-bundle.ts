import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { CborWriter } from "./cbor.ts";
import { DECIMAL } from "./page-html.ts";
import { cachedIndexableWords, INCLUDE_CHARACTERS } from "./indexable-words.ts";
import type { PageHtml } from "./page-html.ts";
import { compareBytes, pageWords, type WordPlacer } from "./page-words.ts";
import { SpanTable } from "./span-table.ts";

/**
 * A Pagefind 1.6 index ("bundle") written from pages already read (page-html.ts, page-words.ts),
 * file for file what Pagefind's own indexer writes, so that Pagefind's search runtime reads it
 * unchanged. Why not Pagefind's indexer: through its Node API it is a process of its own per part,
 * about 190 kB of memory per page, that sends every file back base64-encoded; this writer costs
 * about as much CPU per page (1.5–2 ms, reading and writing included) but runs where the build puts
 * it (a pool of processes started before the archive loads) and holds only the index. The format
 * (pf_meta, pf_index, pf_filter, pf_fragment, pagefind-entry.json) is internal to Pagefind:
 * tests/search/pagefind-writer compares every page, word, position, filter, sort and chunk with
 * Pagefind's own index of the same pages, so that a Pagefind upgrade that changes it fails there
 * and not in readers' browsers.
 */

/** The file Pagefind's runtime reads first in an index's folder. */
export const ENTRY_FILE = "pagefind-entry.json";

/** The Pagefind release whose format this writes; package.json pins it. */
export const PAGEFIND_FORMAT = "1.6.0";

export interface BundleFile {
  /** Relative to the bundle's folder. */
  path: string;
  content: Uint8Array;
}

export interface Bundle {
  /** The files to write. */
  files: BundleFile[];
  /** Fragment files of pages added again from their record (replay): already in the folder, as they are. */
  kept: { path: string; size: number }[];
  /** Page URL → its fragment file, relative to the bundle's folder. */
  fragments: Map<string, string>;
  /** What the next build needs to add these pages again without reading them. */
  recorded: RecordedPages;
}

/**
 * What a page added to the writer comes down to, kept so that a later build of the same bundle can
 * add the page again without reading it (replay): its fragment file's name and size, its numbers,
 * filters and sort values, and where its words are in RecordedPages' streams. An edit-one rebuild
 * indexes one part again; reading, parsing and cutting its other 2,000–3,000 pages was most of
 * that part's 3.5–4 s.
 */
export interface PageRecord {
  url: string;
  /** Hash of the page's HTML as read (given by the caller): the same HTML, the same record. */
  source: string;
  /** The fragment payload's SHA-1 (hex, as Names writes it), its file name, and the packed file's size. */
  hex: string;
  name: string;
  size: number;
  wordCount: number;
  fields: string[];
  filters: [string, string[]][];
  sort: [string, string][];
  /** This page's slice of `text` and of `meta` in RecordedPages. */
  text: [number, number];
  meta: [number, number];
}

/**
 * The pages of one bundle as recorded. Words are numbered by spelling (`textWords`, `metaWords`).
 * `text` holds, per page, its words' numbers in text order (their positions are 0, 1, 2…), each
 * change of weight written before the words it applies to as `-(weight + 1)`; `meta` holds
 * triples: word number, field number, position.
 */
export interface RecordedPages {
  records: PageRecord[];
  textWords: string[];
  metaWords: string[];
  text: Int32Array;
  meta: Int32Array;
}

const SIGNATURE = Buffer.from("pagefind_dcd");
/** Pagefind closes an index chunk once its words hold this many numbers (locations, pages, variants). */
const CHUNK_COST = 20_000;
const cbor = new CborWriter();

/**
 * Pages are added one at a time, in URL order (a build writes the same bytes for the same pages on
 * any machine), and folded into the word index as they are read: only the index, each page's few
 * numbers and its record (its words as numbers, about 12 MB for a part of 3,000 pages) stay in
 * memory, not the pages.
 */
export class BundleWriter {
  private readonly names: Names;
  private readonly files: BundleFile[] = [];
  private readonly fragments = new Map<string, string>();
  private readonly pages: { name: string; wordCount: number; fields: string[] }[] = [];
  private readonly entries = new Map<string, WordEntry>();
  private readonly filters = new Map<string, Map<string, number[]>>();
  private readonly sorts = new Map<string, [string, number][]>();
  private readonly kept: { path: string; size: number }[] = [];
  private lastUrl: string | null = null;
  // This bundle's own record of its pages (see RecordedPages).
  private readonly records: PageRecord[] = [];
  private readonly textRaws: string[] = [];
  private readonly metaRaws: string[] = [];
  private readonly textStream: number[] = [];
  private readonly metaStream: number[] = [];
  private streamWeight = -1;
  /** A previous build's record of these pages, and its word numbers → this bundle's spellings. */
  private readonly textFrom: (Placing | undefined)[] = [];
  private readonly metaFrom: (Placing | undefined)[] = [];
  /**
   * Each spelling met in this bundle's pages → the word lists it adds to: one lookup per word of
   * text, where per-page word maps took one per word and two more per word and page (a part of
   * 3,000 pages reads 3 million words). Measured on a part of 2,764 pages: about 5 % of its CPU.
   */
  private readonly textWords = new Map<string, Placing>();
  private readonly metaWords = new Map<string, Placing>();
  /** The lists that have places on the page being read. */
  private readonly touched: PageList[] = [];
  /** The same as textWords, looked up by a span of the page's text (span-table.ts). */
  private readonly textSpans = new SpanTable<Placing>();
  private readonly placer: WordPlacer = {
    text: (raw, weight, position) => this.placeText(this.placing(this.textWords, raw, true), weight, position),
    textSpan: (text, start, end, hash, weight, position) => {
      let placing = this.textSpans.get(text, start, end, hash);
      if (placing === undefined) {
        const raw = text.slice(start, end);
        placing = this.placing(this.textWords, raw, true);
        this.textSpans.add(raw, hash, placing);
      }
      this.placeText(placing, weight, position);
    },
    meta: (raw, field, position) => this.placeMeta(this.placing(this.metaWords, raw, false), field, position),
  };

  /** `previous`: a record of an earlier bundle of these pages, whose pages `replay` can add. */
  constructor(private readonly language: string, private readonly previous?: RecordedPages) {
    this.names = new Names(language);
  }

  /** Adds a page read from its HTML; `source` is what its record is known by (a hash of that HTML). */
  add(url: string, html: PageHtml, source = ""): void {
    this.inOrder(url);
    const n = this.pages.length;
    const text = this.textStream.length;
    const meta = this.metaStream.length;
    this.streamWeight = -1;
    const page = pageWords(url, html, this.placer);
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
    const hex = sha1Hex(payload);
    const name = this.names.fromHex("fragment", hex, 7);
    const path = `fragment/${name}.pf_fragment`;
    const content = pack(payload);
    this.files.push({ path, content });
    this.endPage({
      url: page.url, source, hex, name, size: content.byteLength, wordCount: page.wordCount, fields: [...page.meta.keys()],
      filters: [...page.filters], sort: [...page.sort], text: [text, this.textStream.length], meta: [meta, this.metaStream.length],
    }, n);
  }

  /**
   * Adds a page again from the previous bundle's record of it, without its HTML: the caller knows it
   * unchanged (the same `source`) and its fragment file still there (`record.size` bytes). False,
   * and nothing added, when its fragment would now be named otherwise (a new page took the name):
   * the caller then adds it from its HTML.
   */
  replay(record: PageRecord): boolean {
    const from = this.previous;
    if (!from) throw new Error("replay needs the previous bundle's record (constructor)");
    if (this.names.peek("fragment", record.hex, 7) !== record.name) return false;
    this.inOrder(record.url);
    const n = this.pages.length;
    this.names.fromHex("fragment", record.hex, 7);
    const text = this.textStream.length;
    const meta = this.metaStream.length;
    this.streamWeight = -1;
    let weight = 0;
    let position = 0;
    for (let i = record.text[0]; i < record.text[1]; i++) {
      const word = from.text[i] as number;
      if (word < 0) weight = -word - 1;
      else this.placeText((this.textFrom[word] ??= this.placing(this.textWords, from.textWords[word] as string, true)), weight, position++);
    }
    for (let i = record.meta[0]; i < record.meta[1]; i += 3) {
      const word = from.meta[i] as number;
      this.placeMeta((this.metaFrom[word] ??= this.placing(this.metaWords, from.metaWords[word] as string, false)), from.meta[i + 1] as number, from.meta[i + 2] as number);
    }
    const path = `fragment/${record.name}.pf_fragment`;
    this.kept.push({ path, size: record.size });
    this.endPage({ ...record, text: [text, this.textStream.length], meta: [meta, this.metaStream.length] }, n);
    return true;
  }

  private inOrder(url: string): void {
    if (this.lastUrl !== null && compareBytes(this.lastUrl, url) >= 0) throw new Error(`pages must come in URL order, without repeats: ${url} after ${this.lastUrl}`);
    this.lastUrl = url;
  }

  private placeText(placing: Placing, weight: number, position: number): void {
    if (weight !== this.streamWeight) this.textStream.push(-(weight + 1));
    this.streamWeight = weight;
    this.textStream.push(placing.id);
    // A compound word's parts share its weight (Pagefind: at least 1, parts counted up to 255).
    const partWeight = placing.parts > 0 && weight > 0 ? Math.max(1, Math.trunc(weight / Math.min(placing.parts, 255))) : 0;
    const { lists, part } = placing;
    for (let i = 0; i < lists.length; i++) {
      const list = this.touch(lists[i] as PageList);
      list.text[list.textCount++] = part[i] ? partWeight : weight;
      list.text[list.textCount++] = position;
    }
  }

  private placeMeta(placing: Placing, field: number, position: number): void {
    this.metaStream.push(placing.id, field, position);
    for (const each of placing.lists) {
      const list = this.touch(each);
      list.meta ??= [];
      list.meta[list.metaCount++] = field;
      list.meta[list.metaCount++] = position;
    }
  }

  /** Page `n`'s words filed (they were placed while it was read), its filters and sort values, its record kept. */
  private endPage(record: PageRecord, n: number): void {
    this.records.push(record);
    this.fragments.set(record.url, `fragment/${record.name}.pf_fragment`);
    this.pages.push({ name: record.name, wordCount: record.wordCount, fields: record.fields });
    for (const list of this.touched) addPage(list, n);
    this.touched.length = 0;
    for (const [filter, values] of record.filters) {
      let byValue = this.filters.get(filter);
      if (!byValue) this.filters.set(filter, (byValue = new Map()));
      for (const value of values) {
        const list = byValue.get(value);
        if (!list) byValue.set(value, [n]);
        else if (list[list.length - 1] !== n) list.push(n);
      }
    }
    for (const [sort, value] of record.sort) {
      const list = this.sorts.get(sort);
      if (list) list.push([value, n]);
      else this.sorts.set(sort, [[value, n]]);
    }
  }

  /** The lists a spelling adds to, worked out the first time this bundle meets it. */
  private placing(seen: Map<string, Placing>, raw: string, inText: boolean): Placing {
    let placing = seen.get(raw);
    if (!placing) {
      const raws = inText ? this.textRaws : this.metaRaws;
      placing = { lists: [], part: [], parts: 0, id: raws.push(raw) - 1 };
      for (const word of cachedIndexableWords(raw, inText)) {
        placing.lists.push(listOf(this.entries, word.key, word.original));
        placing.part.push(word.part);
        if (word.part) placing.parts++;
      }
      seen.set(raw, placing);
    }
    return placing;
  }

  private touch(list: PageList): PageList {
    if (!list.touched) {
      list.touched = true;
      list.textCount = 0;
      list.metaCount = 0;
      this.touched.push(list);
    }
    return list;
  }

  finish(): Bundle {
    const { names, files, pages, language } = this;
    const metaFields = [...new Set(pages.flatMap((p) => p.fields))].sort(compareBytes);
    const fieldIndex = new Map(metaFields.map((f, i) => [f, i]));
    // Meta places were stored with each page's own field numbers; the bundle numbers fields across pages.
    const fieldMaps = pages.map((p) => p.fields.map((f) => fieldIndex.get(f) as number));
    const chunks: [string, string, string][] = [];
    for (const chunk of chunkWords([...this.entries.values()].sort((a, b) => compareBytes(a.key, b.key)))) {
      cbor.array(1).array(chunk.words.length);
      for (const word of chunk.words) {
        cbor.array(3).text(word.key);
        writeList(word.exact, fieldMaps);
        cbor.array(word.variants.size);
        for (const [form, list] of word.variants) {
          cbor.array(2).text(form);
          writeList(list, fieldMaps);
        }
      }
      const payload = cbor.finish();
      const name = names.name("index", payload, 7);
      files.push({ path: `index/${name}.pf_index`, content: pack(payload, INDEX_GZIP_LEVEL) });
      chunks.push([chunk.from, chunk.to, name]);
    }

    const filterNames: [string, string][] = [];
    for (const [filter, byValue] of [...this.filters].sort((a, b) => compareBytes(a[0], b[0]))) {
      const values = [...byValue].sort((a, b) => compareBytes(a[0], b[0]));
      cbor.array(2).text(filter).array(values.length);
      for (const [value, numbers] of values) {
        cbor.array(2).text(value).array(numbers.length);
        for (const number of numbers) cbor.int(number);
      }
      const payload = cbor.finish();
      const name = names.name("filter", payload, 7);
      files.push({ path: `filter/${name}.pf_filter`, content: pack(payload) });
      filterNames.push([filter, name]);
    }

    cbor.array(6).text(PAGEFIND_FORMAT).array(pages.length);
    for (const p of pages) cbor.array(3).text(p.name).int(p.wordCount).text("");
    cbor.array(chunks.length);
    for (const [from, to, name] of chunks) cbor.array(3).text(from).text(to).text(name);
    cbor.array(filterNames.length);
    for (const [filter, name] of filterNames) cbor.array(2).text(filter).text(name);
    const sorts = sortOrders(this.sorts);
    cbor.array(sorts.length);
    for (const [name, order] of sorts) {
      cbor.array(2).text(name).array(order.length);
      for (const n of order) cbor.int(n);
    }
    cbor.array(metaFields.length);
    for (const field of metaFields) cbor.text(field);
    const meta = cbor.finish();
    const metaName = names.name("meta", meta, language.length + 8);
    files.push({ path: `pagefind.${metaName}.pf_meta`, content: pack(meta) });
    // Last, on purpose: a part's folder is whole once its entry file is there (src/search/index-part.ts).
    files.push({
      path: ENTRY_FILE,
      content: Buffer.from(JSON.stringify({ version: PAGEFIND_FORMAT, languages: { [language]: { hash: metaName, wasm: null, page_count: pages.length } }, include_characters: INCLUDE_CHARACTERS })),
    });
    const recorded = { records: this.records, textWords: this.textRaws, metaWords: this.metaRaws, text: Int32Array.from(this.textStream), meta: Int32Array.from(this.metaStream) };
    return { files, kept: this.kept, fragments: this.fragments, recorded };
  }
}

function writeList(list: PageList, fieldMaps: readonly number[][]): void {
  cbor.array(list.pages);
  const data = list.data;
  let i = 0;
  let page = 0;
  while (i < data.length) {
    const delta = data[i++] as number;
    page += delta;
    cbor.array(3).int(delta);
    const textCount = data[i++] as number;
    cbor.array(textCount);
    for (const end = i + textCount; i < end; i++) cbor.int(data[i] as number);
    const metaCount = data[i++] as number;
    cbor.array(metaCount);
    const fields = fieldMaps[page] as number[];
    for (const end = i + metaCount; i < end; i++) {
      const n = data[i] as number;
      cbor.int(n < 0 ? -((fields[-n - 1] as number) + 1) : n);
    }
  }
}

/**
 * The word index's chunks at gzip level 4 rather than zlib's default 6: one part's 131 chunks (7.9 MB)
 * took 0.33 s at level 6 and 0.14 s at level 4, for 3.6 % more bytes (3.79 → 3.92 MB); about 7 s of
 * CPU at 100,000 articles. The other files are small: there the call costs more than the level.
 */
const INDEX_GZIP_LEVEL = 4;

/** gzip of the signature and the payload, as every Pagefind data file. */
function pack(payload: Uint8Array, level?: number): Uint8Array {
  return gzipSync(Buffer.concat([SIGNATURE, payload]), level === undefined ? {} : { level });
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
    return this.fromHex(folder, sha1Hex(payload), length);
  }

  /** The name for a payload whose sha1Hex is `hex`, taken. */
  fromHex(folder: string, hex: string, length: number): string {
    const name = this.peek(folder, hex, length);
    let seen = this.taken.get(folder);
    if (!seen) this.taken.set(folder, (seen = new Map()));
    seen.set(name, hex);
    return name;
  }

  /** The name `fromHex` would give, not taken. */
  peek(folder: string, hex: string, length: number): string {
    const seen = this.taken.get(folder);
    for (let n = length; ; n++) {
      const name = `${this.language}_${hex.slice(0, n)}`;
      const owner = seen?.get(name);
      if (owner === undefined || owner === hex || n >= hex.length) return name;
    }
  }
}

/** A payload's SHA-1 in hex, each byte without its leading zero (see Names). */
function sha1Hex(payload: Uint8Array): string {
  let hex = "";
  for (const byte of createHash("sha1").update(payload).digest()) hex += byte.toString(16);
  return hex;
}

/**
 * Where one spelling of a word stands on a page: pairs of numbers, in text order. For page text,
 * weight then position; for meta values, the page's field number then the position in the value.
 */
type Places = number[];

/**
 * A word's pages, as one flat list per spelling: for each page, its number (the step from the page
 * before), the count and numbers of its page-text places, the count and numbers of its meta places
 * (see encodePlaces). One growing array rather than three small ones per page: a part of 4,000
 * articles has a million of these.
 */
interface PageList {
  data: number[];
  pages: number;
  last: number;
  entry: WordEntry;
  /** Whether the page being read has places in this list. */
  touched: boolean;
  /**
   * Its places on the page being read, while it is read: the first `textCount` (`metaCount`) numbers.
   * The arrays are the list's for the bundle's life, written over page after page: a new pair of
   * arrays per list and page was about 5 million short-lived arrays for a part of 6,000 pages.
   */
  text: Places;
  textCount: number;
  meta: Places | null;
  metaCount: number;
}
class WordEntry {
  readonly exact: PageList;
  /** Each marked form that folds to the key, in order of first use. */
  readonly variants = new Map<string, PageList>();
  /** Pagefind's measure for cutting chunks: numbers held, plus one per page and per variant. */
  cost = 0;
  constructor(readonly key: string) {
    this.exact = newList(this);
  }
}

/** A spelling's word lists, and which of them are parts of a compound (weighted as a share). */
interface Placing {
  lists: PageList[];
  part: boolean[];
  parts: number;
  /** The spelling's number in this bundle's record (RecordedPages). */
  id: number;
}

function newList(entry: WordEntry): PageList {
  return { data: [], pages: 0, last: 0, entry, touched: false, text: [], textCount: 0, meta: null, metaCount: 0 };
}

/** The list of a key's exact form (`original` null) or of one of its marked forms. */
function listOf(entries: Map<string, WordEntry>, key: string, original: string | null): PageList {
  let entry = entries.get(key);
  if (!entry) entries.set(key, (entry = new WordEntry(key)));
  if (original === null) return entry.exact;
  let list = entry.variants.get(original);
  if (!list) {
    entry.variants.set(original, (list = newList(entry)));
    entry.cost++;
  }
  return list;
}

/**
 * Page `page`'s places of one spelling into its list, the page's places then forgotten. Meta places
 * keep the page's own field numbers until the bundle is written.
 */
function addPage(list: PageList, page: number): void {
  const data = list.data;
  data.push(page - list.last);
  list.last = page;
  list.pages++;
  const before = data.length;
  encodePlaces(data, list.text, list.textCount);
  encodePlaces(data, list.meta, list.metaCount);
  // Pagefind's cost: the numbers of both place lists (their two counts stand for its one per page).
  list.entry.cost += data.length - before - 1;
  list.touched = false;
}

/**
 * Appends the count, then the places as Pagefind stores them: `-(group+1)`, then the group's
 * positions, the first as it is and the others as the step from the one before, groups ascending.
 * Groups are weights for page text, the page's meta field numbers for meta values.
 */
function encodePlaces(out: number[], places: Places | null, count: number): void {
  if (!places || count === 0) {
    out.push(0);
    return;
  }
  const countAt = out.length;
  out.push(0);
  const first = places[0] as number;
  let single = true;
  for (let i = 2; i < count; i += 2) if (places[i] !== first) single = false;
  if (single) emitGroup(out, places, count, first);
  else {
    const groups = new Set<number>();
    for (let i = 0; i < count; i += 2) groups.add(places[i] as number);
    for (const g of [...groups].sort((a, b) => a - b)) emitGroup(out, places, count, g);
  }
  out[countAt] = out.length - countAt - 1;
}

function emitGroup(out: number[], places: Places, count: number, group: number): void {
  out.push(-(group + 1));
  let previous = 0;
  for (let i = 0; i < count; i += 2) {
    if (places[i] !== group) continue;
    const position = places[i + 1] as number;
    out.push(position - previous);
    previous = position;
  }
}

interface Chunk {
  from: string;
  to: string;
  words: WordEntry[];
}

/** Words in chunks of about CHUNK_COST numbers; `from`/`to` are the shortest prefixes that tell neighbours apart, as Pagefind's runtime expects. */
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
  const chunks = groups.map((g) => ({ from: (g[0] as WordEntry).key, to: (g[g.length - 1] as WordEntry).key, words: g }));
  for (let i = 0; i + 1 < chunks.length; i++) {
    const a = [...(chunks[i] as Chunk).to];
    const b = [...(chunks[i + 1] as Chunk).from];
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    const to = a.slice(0, k + 1).join("");
    // Never a `to` before the chunk's own `from` (`ngac`…`ngay` before `ngcv` keeps `ngay`, not `nga`).
    if (compareBytes(to, (chunks[i] as Chunk).from) >= 0) (chunks[i] as Chunk).to = to;
    (chunks[i + 1] as Chunk).from = b.slice(0, k + 1).join("");
  }
  return chunks;
}


/** Per sort key, by name: the pages that have it, ascending, by number when every value is one. */
function sortOrders(sorts: ReadonlyMap<string, [string, number][]>): [string, number[]][] {
  return [...sorts]
    .sort((a, b) => compareBytes(a[0], b[0]))
    .map(([name, list]): [string, number[]] => {
      const numeric = list.every(([v]) => DECIMAL.test(v.trim()));
      list.sort(numeric ? (a, b) => Number(a[0]) - Number(b[0]) : (a, b) => compareBytes(a[0], b[0]));
      return [name, list.map(([, n]) => n)];
    });
}
