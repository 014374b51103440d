/** Text hygiene shared by the loader and the importer: every string enters the model through here. */

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export class NotUtf8Error extends Error {
  constructor(public readonly byteOffset: number, hint = "") {
    super(`not valid UTF-8 (first bad byte near offset ${byteOffset})${hint}`);
  }
}

/** Decode bytes as UTF-8, refusing anything else: mojibake would be silently wrong text in a public record. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // Windows editors save "Unicode" as UTF-16 with a byte-order mark: say so, it is the usual cause.
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    throw new NotUtf8Error(firstInvalidUtf8Offset(bytes), utf16 ? ": the file is UTF-16; save it as UTF-8" : "");
  }
}

/**
 * Characters no article text may hold: C0 and C1 controls other than tab and line feed, and U+FFFE/U+FFFF.
 * They are invisible, HTML forbids them and they make an XML feed unreadable.
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
export const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, "g");

/** `U+000B`. */
export function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  // Binary search for the shortest prefix that fails; cheap and only on the error path.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/** BOM dropped, CRLF/CR to LF, Unicode NFC (decomposed Vietnamese must index and display like composed). */
export function normalizeText(text: string): string {
  let out = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (out.includes("\r")) out = out.replace(/\r\n?/g, "\n");
  return out.normalize("NFC");
}

/** A one-line field: NFC, inner runs of white space folded to one space, trimmed. */
export function cleanLine(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}
