import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { endianness } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { PAGEFIND_FORMAT, type PageRecord, type RecordedPages } from "./pagefind-writer/write-bundle.ts";

/**
 * A search part's page records (write-bundle.ts RecordedPages), kept for the next build in the output
 * folder beside the build's state: dot-named, as hosts are told to leave such files out (README).
 */
export const PART_RECORDS_DIR = ".archive-search";

export function partRecordsFile(outDir: string, partId: string): string {
  return path.join(outDir, PART_RECORDS_DIR, `${partId}.records`);
}

interface Header {
  kind: "news-archive-search-records";
  version: 1;
  /** The build's fingerprint (src/site/build-state.ts): code that cuts words differently writes other records. */
  fingerprint: string;
  format: string;
  /** The streams are the writing machine's Int32Arrays. */
  endianness: string;
  records: PageRecord[];
  textWords: string[];
  metaWords: string[];
  textLength: number;
  metaLength: number;
}

/**
 * One file: the header's length (4 bytes, little-endian), the header as JSON padded to 4 bytes, then
 * the two streams' bytes; gzipped at level 1 (a part of 2,764 pages: about 12 MB of numbers).
 * Written aside and renamed, so that a reader never sees half of it.
 */
export function writePartRecords(file: string, fingerprint: string, recorded: RecordedPages): void {
  const header: Header = {
    kind: "news-archive-search-records", version: 1, fingerprint, format: PAGEFIND_FORMAT, endianness: endianness(),
    records: recorded.records, textWords: recorded.textWords, metaWords: recorded.metaWords, textLength: recorded.text.length, metaLength: recorded.meta.length,
  };
  let json = Buffer.from(JSON.stringify(header));
  if (json.length % 4 !== 0) json = Buffer.concat([json, Buffer.from(" ".repeat(4 - (json.length % 4)))]);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length);
  const bytes = (a: Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, gzipSync(Buffer.concat([head, json, bytes(recorded.text), bytes(recorded.meta)]), { level: 1 }));
  renameSync(temp, file);
}

/** The records in `file`, or undefined when there are none, they are damaged, or other code or another Pagefind format wrote them. */
export function readPartRecords(file: string, fingerprint: string): RecordedPages | undefined {
  try {
    const data = gunzipSync(readFileSync(file));
    const length = data.readUInt32LE(0);
    const header = JSON.parse(data.subarray(4, 4 + length).toString("utf8")) as Partial<Header>;
    if (header.kind !== "news-archive-search-records" || header.version !== 1 || header.fingerprint !== fingerprint || header.format !== PAGEFIND_FORMAT || header.endianness !== endianness()) return undefined;
    const { records, textWords, metaWords, textLength, metaLength } = header as Header;
    const start = 4 + length;
    if (data.length !== start + 4 * (textLength + metaLength)) return undefined;
    // Copied out: the gunzipped buffer's offset need not suit an Int32Array.
    const ints = (from: number, count: number) => new Int32Array(data.buffer.slice(data.byteOffset + from, data.byteOffset + from + 4 * count));
    return { records, textWords, metaWords, text: ints(start, textLength), meta: ints(start + 4 * textLength, metaLength) };
  } catch {
    return undefined;
  }
}
