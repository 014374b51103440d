import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { parsePlainFrontMatter, parseYaml, parseYamlWithPositions, splitFrontMatter } from "../../src/article/frontmatter.ts";
import { readRaw } from "../../src/importer/read-raw.ts";
import { toArticle } from "../../src/importer/to-article.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus/vi-news");

describe("splitFrontMatter", () => {
  it("splits fences and counts lines so the body's first line is known", () => {
    const text = "---\ntitle: A\ndate: B\n---\n\nBody line\n";
    const split = splitFrontMatter(text);
    expect(split.yaml).toBe("title: A\ndate: B\n");
    expect(split.yamlLine).toBe(2);
    expect(split.body).toBe("\nBody line\n");
    // Line 5 is the empty line after the closing fence; "Body line" is line 6 = bodyLine + 1.
    expect(split.bodyLine).toBe(5);
    expect(text.split("\n")[split.bodyLine - 1 + 1]).toBe("Body line");
  });

  it("accepts trailing spaces on the closing fence and an empty front matter", () => {
    expect(splitFrontMatter("---\na: 1\n---  \nx").body).toBe("x");
    const empty = splitFrontMatter("---\n---\nx");
    expect(empty.yaml).toBe("");
    expect(empty.bodyLine).toBe(3);
  });

  it("has no front matter without an opening fence at the very start", () => {
    expect(splitFrontMatter("title: A\n---\n").yaml).toBeNull();
    expect(splitFrontMatter(" ---\ntitle: A\n---\n").yaml).toBeNull();
    expect(splitFrontMatter("---").yaml).toBeNull();
  });

  it("has no front matter when the closing fence is missing", () => {
    const split = splitFrontMatter("---\ntitle: A\ndate: B\n");
    expect(split.yaml).toBeNull();
    expect(split.body).toBe("---\ntitle: A\ndate: B\n");
  });

  it("does not take a longer rule (----) for the fence", () => {
    expect(splitFrontMatter("---\ntitle: A\n----\nb: 1\n---\nx").yaml).toBe("title: A\n----\nb: 1\n");
  });
});

describe("parseYaml", () => {
  const yaml = 'title: "A"\ndate: "2017-08-24"\ntags:\n  - "x"\n  - 5\nauthor:\n';

  it("gives file lines of values, offset by where the YAML starts", () => {
    const parsed = parseYaml(yaml, 2);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual({ title: "A", date: "2017-08-24", tags: ["x", 5], author: null });
    expect(parsed.lineOf(["title"])).toBe(2);
    expect(parsed.lineOf(["date"])).toBe(3);
    expect(parsed.lineOf(["tags", 1])).toBe(6);
    // A key with no value: the key's own line.
    expect(parsed.lineOf(["author"])).toBe(7);
    // A field that is not there at all: the first YAML line.
    expect(parsed.lineOf(["missing"])).toBe(2);
  });

  it("reports syntax errors with a file line and no data", () => {
    const parsed = parseYaml('title: "A\ndate: [\n', 2);
    expect(parsed.data).toBeNull();
    expect(parsed.errors.length).toBeGreaterThan(0);
    for (const e of parsed.errors) {
      expect(e.line).toBeGreaterThanOrEqual(2);
      expect(e.message).not.toContain("\n");
    }
  });

  it("refuses duplicate keys", () => {
    const parsed = parseYaml("title: A\ntitle: B\n", 2);
    expect(parsed.data).toBeNull();
    expect(parsed.errors[0]?.line).toBe(3);
  });

  it("refuses a front matter that is not a mapping", () => {
    expect(parseYaml("- a\n- b\n", 2)).toMatchObject({ data: null, errors: [{ line: 2, message: expect.stringContaining("mapping") }] });
    expect(parseYaml("just text\n", 2).data).toBeNull();
  });

  it("reads an empty front matter as no fields", () => {
    expect(parseYaml("", 2).data).toEqual({});
  });

  it("keeps unquoted dates as strings (YAML 1.2 core schema, no timestamps)", () => {
    expect(parseYaml("date: 2017-08-24\n", 2).data).toEqual({ date: "2017-08-24" });
  });
});

describe("parseYaml's fast path (js-yaml, lines by scanning)", () => {
  /**
   * The fast path, where it answers, must give what `yaml`'s Document gives: data, and every
   * top-level value's line. Returns whether it answered, and what differed.
   */
  function compareWithDocument(yaml: string): { fast: boolean; differences: string[] } {
    const fast = parsePlainFrontMatter(yaml, 2);
    const slow = parseYamlWithPositions(yaml, 2);
    const differences: string[] = [];
    if (!isDeepStrictEqual(parseYaml(yaml, 2).data, slow.data)) differences.push("parseYaml's data");
    if (!fast) return { fast: false, differences };
    if (!isDeepStrictEqual(fast.data, slow.data)) differences.push(`data ${JSON.stringify(fast.data)} against ${JSON.stringify(slow.data)}`);
    if (fast.errors.length > 0) differences.push("errors");
    const paths = [...Object.keys(slow.data ?? {}).map((k) => [k]), ["images", 0, "caption"], ["missing"]];
    for (const p of paths) if (fast.lineOf(p) !== slow.lineOf(p)) differences.push(`line of ${p.join(".")}: ${fast.lineOf(p)} against ${slow.lineOf(p)}`);
    return { fast: true, differences: differences.map((d) => `${JSON.stringify(yaml.slice(0, 200))}: ${d}`) };
  }

  it("gives the same data and lines as the Document on every corpus article, as the importer writes it", () => {
    const manifest = path.join(CORPUS, "manifest.tsv");
    expect(existsSync(manifest), `${manifest} is missing: this test needs ../shared/corpus/vi-news`).toBe(true);
    const files = readFileSync(manifest, "utf8").split("\n").slice(1).filter((l) => l !== "").map((l) => l.split("\t")[0] as string);
    let fast = 0;
    let read = 0;
    const differences: string[] = [];
    for (const file of files) {
      const { record } = readRaw(file, readFileSync(path.join(CORPUS, file)));
      if (!record) continue;
      read++;
      const result = compareWithDocument(splitFrontMatter(toArticle(record).content).yaml ?? "(none)");
      if (result.fast) fast++;
      differences.push(...result.differences);
    }
    expect(differences.slice(0, 5)).toEqual([]);
    expect(read).toBeGreaterThan(14_000);
    // Titles with & or * go the slow way: nearly all others take the fast one.
    expect(fast / read).toBeGreaterThan(0.95);
  });

  it("gives the same data and lines on hand-written layouts, or leaves them to the Document", () => {
    const layouts = [
      'title: "A"\ndate: "2017-08-24T10:00:00+07:00"\n',
      "title: A plain title\ndate: 2017-08-24\n",
      "title: 'It''s quoted'\n# a comment\n\ndate: x # trailing comment\n",
      "title:\n  On the next line\ndate: x\n",
      "title: >\n  folded\n  text\nsummary: |-\n  literal\n\n  text\n",
      "tags:\n  - a\n  - b\nimages:\n  - caption: x\n    credit: y\n  - caption: z\n",
      "tags:\n\n  - after a blank line\n",
      "tags: [a, b]\nauthor:\nsection: x\n",
      "author:\ntags:\n  - a\n",
      "title: a\n  continued on the next line\n",
      'title: "a\n  b"\n',
      "images:\n  # a comment first\n  - caption: x\n",
      "images:\n- caption: at column 0\n",
      "title: Q&A\n",
      "title: &x a\nsummary: *x\n",
      "title: !!str 12\n",
      "title: 0b101\n",
      "title: 12\ndraft: true\n",
      "null: a\n",
      "title: a\ntitle: b\n",
      "title:x\n",
      "- a\n",
      "",
      "# only a comment\n",
      "\ttitle: tab\n",
      "title: a\n---\n",
      "title: '-0'\nsource: .inf\n",
      "images:\n  - caption:\n    credit: y\n",
    ];
    const results = layouts.map(compareWithDocument);
    expect(results.flatMap((r) => r.differences)).toEqual([]);
    expect(results.filter((r) => r.fast).length).toBeGreaterThanOrEqual(10);
  });

  it("leaves to the Document what js-yaml would read differently", () => {
    expect(parsePlainFrontMatter("title: 0b101\n", 2)).toBeUndefined();
    expect(parsePlainFrontMatter("null: a\n", 2)).toBeUndefined();
    expect(parsePlainFrontMatter("title: &x a\nsummary: *x\n", 2)).toBeUndefined();
    expect(parseYaml("title: 0b101\n", 2).data).toEqual({ title: "0b101" });
  });
});
