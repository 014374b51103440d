import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readPartRecords, writePartRecords } from "../../src/search/part-records.ts";
import type { RecordedPages } from "../../src/search/pagefind-writer/write-bundle.ts";
import { tempDir } from "../helpers/cli.ts";

/** The records file itself (src/search/part-records.ts): what is written is read back, and nothing else is. */
const work = tempDir("part-records-file");
afterAll(() => work.cleanup());

// Weights (negative), word numbers of every size a varint takes one to five bytes for, and the extremes.
const text = Int32Array.from([-25, 0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, -169, 2_147_483_647, -2_147_483_648, 5]);
const meta = Int32Array.from([3, 0, 0, 70_000, 1, 2]);
const recorded: RecordedPages = {
  records: [{ url: "/2024/01/02/a/", source: "x", hex: "ab", name: "ab", size: 10, wordCount: 13, fields: ["title"], filters: [], sort: [], text: [0, text.length], meta: [0, meta.length] }],
  textWords: ["hạ", "long"],
  metaWords: ["vịnh"],
  text,
  meta,
};

describe("a part's records file", () => {
  const file = path.join(work.dir, "p.records");
  writePartRecords(file, "print-1", recorded);

  it("gives back the records and both number streams exactly", () => {
    const back = readPartRecords(file, "print-1");
    expect(back).toBeDefined();
    expect(back?.records).toEqual(recorded.records);
    expect([back?.textWords, back?.metaWords]).toEqual([recorded.textWords, recorded.metaWords]);
    expect(Array.from(back?.text ?? [])).toEqual(Array.from(text));
    expect(Array.from(back?.meta ?? [])).toEqual(Array.from(meta));
  });

  it("is not used by a build of other code (another fingerprint)", () => {
    expect(readPartRecords(file, "print-2")).toBeUndefined();
  });

  it("is not used when cut short or when bytes follow its numbers", () => {
    const bytes = readFileSync(file);
    const short = path.join(work.dir, "short.records");
    writeFileSync(short, bytes.subarray(0, bytes.length - 1));
    expect(readPartRecords(short, "print-1")).toBeUndefined();
    const long = path.join(work.dir, "long.records");
    writeFileSync(long, Buffer.concat([bytes, Buffer.from([0])]));
    expect(readPartRecords(long, "print-1")).toBeUndefined();
  });

  it("is not used when a byte of its numbers changed (a wrong word in the index otherwise)", () => {
    const bytes = Buffer.from(readFileSync(file));
    // Within the numbers, which would still read as numbers: the third byte from the end, before the check.
    bytes[bytes.length - 7] = (bytes[bytes.length - 7] as number) ^ 0x01;
    const flipped = path.join(work.dir, "flipped.records");
    writeFileSync(flipped, bytes);
    expect(readPartRecords(flipped, "print-1")).toBeUndefined();
  });

  it("is not used when missing", () => {
    expect(readPartRecords(path.join(work.dir, "none.records"), "print-1")).toBeUndefined();
  });
});
