/**
 * Accuracy on the real corpus: every file of shared/corpus/vi-news is read (raw → record, in memory)
 * and each field compared with manifest.tsv, the answer key. The thresholds are the issue's; the
 * mismatches they allow are printed, so that a regression shows up as new names in the log.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toIsoWithOffset } from "../../src/article/dates.ts";
import { readRaw } from "../../src/importer/read-raw.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus/vi-news");
const MANIFEST = path.join(CORPUS, "manifest.tsv");
const FIELDS = ["section", "title", "date", "author", "paragraphs", "captions"] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: Record<Field, number> = { section: 0.995, title: 0.995, date: 0.995, author: 0.995, paragraphs: 0.99, captions: 0.99 };

describe(`importer accuracy on ${CORPUS}`, () => {
  it("matches manifest.tsv field by field", () => {
    // The corpus is shared material beside the repository (CI has it too): missing is a failure, not a skip.
    expect(existsSync(MANIFEST), `${MANIFEST} is missing: the accuracy test needs ../shared/corpus/vi-news`).toBe(true);
    const rows = readFileSync(MANIFEST, "utf8").split("\n").slice(1).filter((l) => l !== "");
    expect(rows.length).toBe(14_214);
    const mismatches: Record<Field, string[]> = { section: [], title: [], date: [], author: [], paragraphs: [], captions: [] };
    let failed = 0;
    for (const row of rows) {
      const [file = "", ...expectedValues] = row.split("\t");
      const expected = Object.fromEntries(FIELDS.map((f, i) => [f, expectedValues[i] ?? ""])) as Record<Field, string>;
      const { record, problems } = readRaw(file, readFileSync(path.join(CORPUS, file)));
      if (!record) failed++;
      const got: Record<Field, string> = record
        ? {
            section: record.section ?? "",
            title: record.title,
            date: toIsoWithOffset(record.date),
            author: record.author ?? "",
            paragraphs: String(record.body.filter((b) => b.kind === "paragraph").length),
            captions: String(record.body.filter((b) => b.kind === "caption").length),
          }
        : { section: "(failed)", title: "(failed)", date: "(failed)", author: "(failed)", paragraphs: "(failed)", captions: "(failed)" };
      for (const f of FIELDS) {
        if (got[f] !== expected[f]) {
          const why = record ? "" : ` [${problems.map((p) => p.message).join("; ")}]`;
          mismatches[f].push(`${file}: expected ${JSON.stringify(expected[f])}, read ${JSON.stringify(got[f])}${why}`);
        }
      }
    }

    const lines = [`${rows.length} files, ${failed} failed to read`];
    for (const f of FIELDS) {
      const ratio = 1 - mismatches[f].length / rows.length;
      lines.push(`${f.padEnd(10)} ${(ratio * 100).toFixed(2)}% (${mismatches[f].length} mismatches; at least ${REQUIRED[f] * 100}% required)`);
      for (const m of mismatches[f]) lines.push(`    ${m}`);
    }
    console.log(lines.join("\n"));

    for (const f of FIELDS) {
      expect(1 - mismatches[f].length / rows.length, `${f}: ${mismatches[f].slice(0, 5).join(" | ")}`).toBeGreaterThanOrEqual(REQUIRED[f]);
    }
  });
});
