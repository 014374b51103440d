/** Text hygiene shared by the loader and the importer: every string enters the model through here. */

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export class NotUtf8Error extends Error {
  constructor(public readonly byteOffset: number) {
    super(`not valid UTF-8 (first bad byte near offset ${byteOffset})`);
  }
}

/** Decode bytes as UTF-8, refusing anything else: mojibake would be silently wrong text in a public record. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new NotUtf8Error(firstInvalidUtf8Offset(bytes));
  }
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
