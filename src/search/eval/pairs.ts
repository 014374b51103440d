import { readFileSync } from "node:fs";

export interface QueryPair {
  marked: string;
  unmarked: string;
}

/** The evaluation's query pairs: `marked<TAB>unmarked` per line, `#` comments. */
export function readQueryPairs(file = new URL("./query-pairs.tsv", import.meta.url)): QueryPair[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const [marked = "", unmarked = ""] = line.split("\t");
      return { marked: marked.trim(), unmarked: unmarked.trim() };
    });
}

/** Share of the reference's top k that the candidate's top k also has (1 when the reference is empty). */
export function recallAtK(reference: readonly string[], candidate: readonly string[], k = 10): number {
  const ref = reference.slice(0, k);
  if (ref.length === 0) return candidate.length === 0 ? 1 : 0;
  const got = new Set(candidate.slice(0, k));
  return ref.filter((u) => got.has(u)).length / ref.length;
}
