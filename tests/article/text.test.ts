import { describe, expect, it } from "vitest";
import { cleanLine, decodeUtf8, normalizeText, NotUtf8Error } from "../../src/article/text.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decodeUtf8", () => {
  it("decodes Vietnamese text", () => {
    expect(decodeUtf8(utf8("Đông Triều"))).toBe("Đông Triều");
  });

  it("refuses Windows-1258 / Latin-1 bytes and points near the first bad byte", () => {
    // "Vi" then 0xEA ("ê" in Latin-1) then "t": not UTF-8.
    const bytes = Uint8Array.from([0x56, 0x69, 0xea, 0x74]);
    let error: unknown;
    try {
      decodeUtf8(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotUtf8Error);
    // 0xEA opens a three-byte sequence; the "t" after it is what proves it broken.
    expect([2, 3]).toContain((error as NotUtf8Error).byteOffset);
    expect((error as NotUtf8Error).message).toMatch(/not valid UTF-8/);
  });

  it("finds a bad byte after valid multi-byte characters", () => {
    const good = utf8("Hạ Long ");
    const bytes = new Uint8Array([...good, 0xff, 0x41]);
    expect(() => decodeUtf8(bytes)).toThrow(NotUtf8Error);
    try {
      decodeUtf8(bytes);
    } catch (e) {
      expect((e as NotUtf8Error).byteOffset).toBe(good.length);
    }
  });

  it("refuses a truncated multi-byte sequence at the end", () => {
    const bytes = utf8("ạ").subarray(0, 2);
    expect(() => decodeUtf8(bytes)).toThrow(NotUtf8Error);
  });
});

describe("normalizeText", () => {
  it("drops a BOM and turns CRLF and CR into LF", () => {
    expect(normalizeText("\uFEFFa\r\nb\rc\n")).toBe("a\nb\nc\n");
  });

  it("keeps a BOM-like character that is not at the start", () => {
    expect(normalizeText("a\uFEFF")).toBe("a\uFEFF");
  });

  it("composes decomposed Vietnamese (NFD → NFC)", () => {
    const nfd = "Nâng cao chất lượng".normalize("NFD");
    expect(nfd).not.toBe("Nâng cao chất lượng".normalize("NFC"));
    expect(normalizeText(nfd)).toBe("Nâng cao chất lượng".normalize("NFC"));
  });
});

describe("cleanLine", () => {
  it("folds inner white space, trims, composes", () => {
    expect(cleanLine("  Hạ\t\tLong \n mùa  ".normalize("NFD"))).toBe("Hạ Long mùa".normalize("NFC"));
  });
});
