/**
 * Values keyed by strings, looked up by a span of a longer string (`text`, `start`, `end`) without
 * cutting the span out. A page's words are found by scanning its text (page-words.ts): split into
 * strings first, a part of 6,000 pages made six million short strings, each hashed by a Map lookup
 * and then garbage. Here a word already met costs a hash of its characters and one comparison in
 * place; only a word met for the first time is cut out, to be kept. Open addressing, at most half full.
 */
export class SpanTable<V> {
  private keys: (string | undefined)[] = new Array<string | undefined>(1 << 12);
  private hashes = new Int32Array(1 << 12);
  private values: (V | undefined)[] = new Array<V | undefined>(1 << 12);
  private size = 0;

  /** The value for `text.slice(start, end)`, or undefined; `hash` is spanHash of that span. */
  get(text: string, start: number, end: number, hash: number): V | undefined {
    const mask = this.hashes.length - 1;
    const length = end - start;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const key = this.keys[i];
      if (key === undefined) return undefined;
      if (this.hashes[i] === hash && key.length === length && text.startsWith(key, start)) return this.values[i];
    }
  }

  /** Sets the value of `key` (not in the table yet), whose spanHash is `hash`. */
  add(key: string, hash: number, value: V): void {
    this.put(key, hash, value);
    if (++this.size * 2 > this.hashes.length) this.grow();
  }

  private put(key: string, hash: number, value: V): void {
    const mask = this.hashes.length - 1;
    let i = hash & mask;
    while (this.keys[i] !== undefined) i = (i + 1) & mask;
    this.keys[i] = key;
    this.hashes[i] = hash;
    this.values[i] = value;
  }

  private grow(): void {
    const { keys, hashes, values } = this;
    this.keys = new Array<string | undefined>(keys.length * 2);
    this.hashes = new Int32Array(keys.length * 2);
    this.values = new Array<V | undefined>(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key !== undefined) this.put(key, hashes[i] as number, values[i] as V);
    }
  }
}

/** FNV-1a over the UTF-16 units of `text` from `start` to `end`, mixed so that the low bits spread. */
export function spanHash(text: string, start: number, end: number): number {
  let h = SPAN_HASH_SEED;
  for (let i = start; i < end; i++) h = spanHashStep(h, text.charCodeAt(i));
  return spanHashEnd(h);
}

/** spanHash a unit at a time, for a caller that reads the units anyway (page-words.ts). */
export const SPAN_HASH_SEED = 0x811c9dc5;
export function spanHashStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193);
}
export function spanHashEnd(h: number): number {
  return h ^ (h >>> 15);
}
