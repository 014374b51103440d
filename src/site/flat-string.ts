/**
 * `text` in one piece. A template's output is a rope: V8 keeps a string joined with `+` as a tree
 * of its pieces until something needs it whole, and writing a page to disk copies every piece out
 * of the tree. Where a rope lives on, it costs twice:
 * - a cached partial (src/site/plugins/constant-partials.ts) is a rope inside every page that shows
 *   it, and writing each of those pages walked its pieces again: flattened once, the UTF-8 encoding
 *   that writing a page starts with took 76–86 µs instead of 135–162 for a listing page, 38–49
 *   instead of 44–61 for an article page (runs of 5,000 pages; BENCHMARKS.md, eleventh session);
 * - Eleventy keeps every page it rendered until the run's pages are all written, and a page's rope
 *   is thousands of small objects that each young-generation collection copies while they live; one
 *   flat string is one object.
 * Converting a string to a number makes V8 flatten it in place (the trick of the `flatstr` package).
 */
export function flattened(text: string): string {
  void Number(text);
  return text;
}
