import type { PartSummary } from "../parts.ts";

/**
 * Which parts of the search index (src/search/parts.ts) a search needs, and in what order. `parts` is
 * newest first, as the search page gets it; part 0 is the primary index, loaded with the page.
 */

/**
 * The parts that can hold results for the chosen years (all parts when none is chosen), in the order
 * their results are shown, which is the order they are merged in: oldest first for the `oldest`
 * sort, else newest first (relevance too: recent news is what a reader most often looks for).
 * A part whose years are unknown is always included.
 */
export function partOrder(parts: readonly PartSummary[], years: readonly string[], oldestFirst: boolean): number[] {
  const wanted = parts.flatMap((p, i) => (years.length === 0 || p.years.length === 0 || p.years.some((y) => years.includes(y)) ? [i] : []));
  return oldestFirst ? wanted.reverse() : wanted;
}

/**
 * The parts searched so far: the longest run from the start of `order` that is `done` (merged, or
 * failed and skipped). Never a part further on, even if merged for another search: the results shown
 * are always those of one unbroken span of time, so the page can say which years it has searched.
 */
export function coveredParts(order: readonly number[], done: (part: number) => boolean): number[] {
  const end = order.findIndex((i) => !done(i));
  return end === -1 ? [...order] : order.slice(0, end);
}

/** `["2019", "2015", "2016", "2017", "2016"]` → `"2015–2017, 2019"`. */
export function yearRanges(years: Iterable<string>): string {
  const sorted = [...new Set(years)].map(Number).sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    runs.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(", ");
}
