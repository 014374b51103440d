/**
 * `text` in one piece. A template's output is a rope: V8 keeps a string joined with `+` as a tree
 * of its pieces until something needs it whole, and writing a page to disk copies every piece out
 * of the tree. Where a rope lives on, it costs twice:
 * - a cached partial (src/site/plugins/constant-partials.ts) is a rope inside every page that shows
 *   it, and writing each of those pages walked its pieces again: flattened once, writing (UTF-8
 *   encoding) a listing page took 76 µs instead of 150, an article page 40 instead of 50 (5,000
 *   pages each, `.exp/writecost.mts`);
 * - Eleventy keeps every page it rendered until the run's pages are all written, and a page's rope
 *   is thousands of small objects that each young-generation collection copies while they live; one
 *   flat string is one object.
 * Converting a string to a number makes V8 flatten it in place (the trick of the `flatstr` package).
 */
export function flattened(text: string): string {
  void Number(text);
  return text;
}
