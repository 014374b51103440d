/**
 * Decodes the CBOR Pagefind's index files hold: arrays, text strings and integers (what
 * src/search/pagefind-writer/cbor.ts writes, and Pagefind 1.6 itself). Anything else is an error, so
 * a format change shows. A library (cbor-x) brought native optional packages that broke `npm ci`.
 */
export function decodeCbor(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  let at = 0;
  const length = (info: number): number => {
    if (info < 24) return info;
    if (info === 24) return view.getUint8(at++);
    if (info === 25) return (at += 2), view.getUint16(at - 2);
    if (info === 26) return (at += 4), view.getUint32(at - 4);
    if (info === 27) return (at += 8), Number(view.getBigUint64(at - 8));
    throw new Error(`CBOR: indefinite or reserved length ${info} at byte ${at}`);
  };
  const item = (): unknown => {
    const head = view.getUint8(at++);
    const major = head >> 5;
    const n = length(head & 31);
    if (major === 0) return n;
    if (major === 1) return -1 - n;
    if (major === 3) return text.decode(bytes.subarray(at, (at += n)));
    if (major === 4) return Array.from({ length: n }, item);
    throw new Error(`CBOR: major type ${major} at byte ${at - 1} is not one Pagefind's index uses`);
  };
  const value = item();
  if (at !== bytes.length) throw new Error(`CBOR: ${bytes.length - at} byte(s) after the value`);
  return value;
}
